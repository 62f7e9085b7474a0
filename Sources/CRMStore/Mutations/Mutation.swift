import CRMCore
import GRDB

/// A user's change, by name (`schedule.create`, `announcement.publish`, ...), with the data it carries.
///
/// Screens never write tables: they build a mutation and hand it to ``MutationLog``, which applies it and
/// records it in the outbox in one transaction. That is what lets sync replay offline work exactly once.
/// Each mutation also has an `init(payload:)`, the exact inverse of ``payload``, through which
/// ``MutationRegistry`` rebuilds it from its name and payload.
public protocol Mutation: Sendable {
    /// The stable name, as it travels in the outbox and over sync.
    var name: String { get }
    /// The mutation's data, as stored in the outbox.
    var payload: JSONValue { get }
    /// Checks the data and the actor's right to make the change, then writes it.
    func apply(_ db: Database, context: MutationContext) throws
}

/// Who makes a change and when.
public struct MutationContext: Sendable {
    public let mutationID: String
    public let actor: StaffProfile
    /// Shanghai local time of the change, `YYYY-MM-DD HH:MM:SS`.
    public let timestamp: String

    public init(mutationID: String, actor: StaffProfile, timestamp: String) {
        self.mutationID = mutationID
        self.actor = actor
        self.timestamp = timestamp
    }
}

/// A change that cannot be made, with the reason a person can act on.
public struct MutationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Applies mutations with their outbox rows. Applying the same mutation id twice changes nothing the second
/// time, so a retried or replayed change is never doubled.
public struct MutationLog: Sendable {
    private let writer: AuditedWriter

    public init(database: AppDatabase, clock: WallClock, machine: String = Machine.name) {
        writer = AuditedWriter(database: database, clock: clock, machine: machine)
    }

    /// Applies `mutation` as `actor` under `id` (a new UUID unless given); returns false when that id was
    /// applied before.
    @discardableResult
    public func apply<M: Mutation>(_ mutation: M, by actor: StaffProfile, id: String = MutationID.make()) throws -> Bool {
        try writer.write { db, stamp in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM sys_outbox WHERE mutation_id = ?", arguments: [id]) == true {
                return false
            }
            try mutation.apply(db, context: MutationContext(mutationID: id, actor: actor, timestamp: stamp.at))
            let payload = mutation.payload.rendered()
            try db.execute(sql: """
                INSERT INTO sys_outbox(mutation_id, name, actor, created_at, payload, seq)
                VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(max(seq), 0) + 1 FROM sys_outbox))
                """, arguments: [id, mutation.name, actor.staffID, stamp.at, payload])
            try LocalChanges.afterMutation(id, db)
            try stamp.record(db, actor: actor.staffID, action: "mutation." + mutation.name, target: id, detail: payload)
            return true
        }
    }
}

/// Random version-4 UUIDs as lower-case text, the ids of user-made rows and mutations.
public enum MutationID {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return text(high: generator.next(), low: generator.next())
    }

    /// A UUID built from two 64-bit halves (version and variant bits set): deterministic ids for demo data.
    public static func text(high: UInt64, low: UInt64) -> String {
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = hexDigits(high, 16) + hexDigits(low, 16)
        let chars = Array(hex)
        return String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-" + String(chars[12..<16]) + "-"
            + String(chars[16..<20]) + "-" + String(chars[20..<32])
    }

    private static func hexDigits(_ value: UInt64, _ count: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: count - digits.count) + digits
    }
}
