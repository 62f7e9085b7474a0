import CRMCore
import CRMStore
import Foundation

/// Records looks at customer data through the API (`customer.view`, `query.search`) in the audit log, as the
/// terminal UI and the command line do, without a disk flush per read: entries are stamped when the request is
/// answered and appended together, in order, by ``flush()``, which the server calls every quarter second and at
/// shutdown.
public final class LookRecorder: @unchecked Sendable {
    private struct Entry {
        let at: String
        let actor: String
        let action: String
        let target: String
        let detail: String
    }

    private let database: AppDatabase
    private let clock: WallClock
    private let machine: String
    private let lock = NSLock()
    private var pending: [Entry] = []

    init(database: AppDatabase, clock: WallClock, machine: String) {
        self.database = database
        self.clock = clock
        self.machine = machine
    }

    /// Notes a look, stamped now, to be appended at the next flush.
    public func record(actor: String, action: String, target: String, detail: String = "") {
        let entry = Entry(at: ShanghaiTime.timestamp(clock.now()), actor: actor, action: action, target: target, detail: detail)
        lock.withLock { pending.append(entry) }
    }

    /// Appends every noted look to the audit log in one transaction.
    public func flush() throws {
        let entries = lock.withLock { () -> [Entry] in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        guard !entries.isEmpty else { return }
        do {
            try database.writer.write { db in
                for entry in entries {
                    try AuditLog.append(db, at: entry.at, actor: entry.actor, machine: machine, action: entry.action,
                                        target: entry.target, detail: entry.detail)
                }
            }
        } catch {
            lock.withLock { pending.insert(contentsOf: entries, at: 0) }
            throw error
        }
    }

    /// Flushes every quarter second until the task is cancelled, then once more. Each flush waits for the disk
    /// (`synchronous=FULL`), so it runs off the few threads that serve requests.
    public func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            try? await offloaded { try self.flush() }
        }
        try? await offloaded { try self.flush() }
    }
}
