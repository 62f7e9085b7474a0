import CRMCore
import CRMStore
import CRMSync
import Foundation

/// What the status bar needs to know about a replica: when it last synced, what waits to be pushed, and how
/// many refused changes wait for the user.
public struct ReplicaState: Sendable, Equatable {
    /// When the last checkpoint was shown (Shanghai time, `YYYY-MM-DD HH:MM:SS`), nil before the first sync.
    public var lastSync: String?
    /// Local changes the server has not acknowledged.
    public var pending: Int
    /// Refused changes not yet dismissed.
    public var issues: Int

    public init(lastSync: String?, pending: Int, issues: Int) {
        self.lastSync = lastSync
        self.pending = pending
        self.issues = issues
    }
}

/// How the UI reaches sync, an effect client: the replica's state, one sync with the server, the refused
/// changes and dismissing one. `live` works on the database and the server it signed in to; tests replace any
/// closure (a sync that fails offline, say).
public struct SyncService: Sendable {
    /// The replica's state, or nil when the database is not a replica signed in to a server (nothing to show).
    public var state: @Sendable () throws -> ReplicaState?
    /// One push and pull with the server; throws a ``SyncFailure`` (`offline`, `device_revoked`, ...).
    public var sync: @Sendable () async throws -> SyncClient.Report
    /// The refused changes not yet dismissed, newest first.
    public var issues: @Sendable () throws -> [SyncIssue]
    /// Dismisses one refused change by its mutation id.
    public var dismiss: @Sendable (String) throws -> Void

    public init(state: @escaping @Sendable () throws -> ReplicaState?, sync: @escaping @Sendable () async throws -> SyncClient.Report,
                issues: @escaping @Sendable () throws -> [SyncIssue], dismiss: @escaping @Sendable (String) throws -> Void) {
        self.state = state
        self.sync = sync
        self.issues = issues
        self.dismiss = dismiss
    }

    /// Sync of `database` over HTTP with the server stored by `crm login`, as `crm sync` does it.
    public static func live(database: AppDatabase, clock: WallClock) -> SyncService {
        let replica = Replica(database: database, clock: clock)
        return SyncService(
            state: {
                try database.writer.read { db -> ReplicaState? in
                    guard try SyncRole.current(db) == .replica, try SyncMeta.value("server", db) != nil else { return nil }
                    return ReplicaState(lastSync: try SyncMeta.value("last_checkpoint", db), pending: 0, issues: 0)
                }.map { state in
                    ReplicaState(lastSync: state.lastSync, pending: try replica.pendingCount(), issues: try replica.openIssueCount())
                }
            },
            sync: { try await HTTPSync.once(database: database, clock: replica.clock) },
            issues: { try replica.openIssues() },
            dismiss: { try replica.dismissIssue($0) })
    }
}
