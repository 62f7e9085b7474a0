import CRMCore
import CRMStore
import GRDB

/// A local change the server refused: what the user did (the mutation's name and payload) and why it was
/// refused. Kept on the replica until the user dismisses it.
public struct SyncIssue: Sendable, Equatable {
    public let mutationID: String
    public let seq: Int64
    /// The mutation's name, e.g. `schedule.create`.
    public let name: String
    /// The mutation's payload as JSON text, as the outbox kept it.
    public let payload: String
    public let reason: String
    /// When the user made the change (device time).
    public let createdAt: String
    /// When the server's refusal was recorded.
    public let rejectedAt: String

    public init(mutationID: String, seq: Int64, name: String, payload: String, reason: String, createdAt: String, rejectedAt: String) {
        self.mutationID = mutationID
        self.seq = seq
        self.name = name
        self.payload = payload
        self.reason = reason
        self.createdAt = createdAt
        self.rejectedAt = rejectedAt
    }
}

extension Replica {
    /// The refused changes the user has not dismissed, newest first.
    public func openIssues() throws -> [SyncIssue] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT mutation_id, seq, name, payload, reason, created_at, rejected_at FROM sync_issue
                WHERE dismissed_at IS NULL ORDER BY rejected_at DESC, seq DESC
                """).map { row in
                SyncIssue(mutationID: row["mutation_id"], seq: row["seq"], name: row["name"], payload: row["payload"],
                          reason: row["reason"], createdAt: row["created_at"], rejectedAt: row["rejected_at"])
            }
        }
    }

    /// How many refused changes the user has not dismissed.
    public func openIssueCount() throws -> Int {
        try database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_issue WHERE dismissed_at IS NULL") ?? 0
        }
    }

    /// Marks a refused change as seen, so it leaves the list. Local bookkeeping: nothing is sent to the server.
    /// Returns false when there is no open issue with that id.
    @discardableResult
    public func dismissIssue(_ mutationID: String) throws -> Bool {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE sync_issue SET dismissed_at = ? WHERE mutation_id = ? AND dismissed_at IS NULL",
                           arguments: [ShanghaiTime.timestamp(clock.now()), mutationID])
            return db.changesCount > 0
        }
    }
}
