import CRMCore
import GRDB

/// The time and machine of one write, and the audit entries made in it.
public struct AuditStamp: Sendable {
    /// Shanghai local `YYYY-MM-DD HH:MM:SS` from the injected clock.
    public let at: String
    public let machine: String

    /// Appends an audit entry in the write's transaction.
    public func record(_ db: Database, actor: String, action: String, target: String, detail: String = "") throws {
        try AuditLog.append(db, at: at, actor: actor, machine: machine, action: action, target: target, detail: detail)
    }
}

/// Writes that leave a trace: one transaction, stamped with the clock's time and this machine, in which the audit
/// entries go. Mutations, accounts, roles and recorded looks all write through one.
public struct AuditedWriter: Sendable {
    public let database: AppDatabase
    public let clock: WallClock
    public let machine: String

    public init(database: AppDatabase, clock: WallClock, machine: String = Machine.name) {
        self.database = database
        self.clock = clock
        self.machine = machine
    }

    /// Runs `body` in one write transaction with the stamp of now.
    public func write<T>(_ body: (Database, AuditStamp) throws -> T) throws -> T {
        let stamp = AuditStamp(at: ShanghaiTime.timestamp(clock.now()), machine: machine)
        return try database.writer.write { db in try body(db, stamp) }
    }
}
