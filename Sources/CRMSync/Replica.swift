import CRMCore
import CRMStore
import Foundation
import GRDB

/// A replica's side of sync over its local database: positions and staged pages of pulls, the checkpoint
/// applied only when complete and verified, the outbox of changes to push, and the changes the server refused.
public struct Replica: Sendable {
    public let database: AppDatabase
    public let clock: WallClock

    public init(database: AppDatabase, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Makes the file a replica for `clientID` (kept across sign-ins of the same user).
    public func prepare(clientID: String, staffID: String, server: String) throws {
        try database.writer.write { db in
            try SyncMeta.set("role", SyncRole.replica.rawValue, db)
            try SyncMeta.set("client_id", clientID, db)
            try SyncMeta.set("staff_id", staffID, db)
            try SyncMeta.set("server", server, db)
            try ChangeCapture.install(db)
        }
    }

    /// The replica's client id, when it is one.
    public func clientID() throws -> String? {
        try database.writer.read { db in try SyncMeta.value("client_id", db) }
    }

    // MARK: Pull

    /// The request for the next page: the saved positions and the checkpoint being downloaded, if any.
    public func nextPull(clientID: String) throws -> PullRequest {
        try database.writer.read { db in
            let positions = try Row.fetchAll(db, sql: "SELECT bucket, op_id, checksum FROM sync_replica_bucket ORDER BY bucket").map {
                BucketPosition(bucket: $0["bucket"], opID: $0["op_id"], checksum: $0["checksum"])
            }
            let target = try SyncMeta.value("target", db).flatMap { try? JSONDecoder().decode(SyncCheckpoint.self, from: Data($0.utf8)) }
            return PullRequest(clientID: clientID, schemaVersion: SchemaVersions.current, positions: positions, target: target)
        }
    }

    /// What applying a page led to.
    public enum PageOutcome: Equatable, Sendable {
        /// More pages are needed.
        case more
        /// The checkpoint is complete and now shown; `rows` rows were written or removed.
        case applied(rows: Int)
    }

    /// Saves one page and the new positions in one transaction; when the checkpoint is complete and every
    /// bucket's checksum matches, shows it (with the replica's own pending changes kept on top).
    public func apply(_ page: PullResponse) throws -> PageOutcome {
        try database.writer.write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            if try SyncMeta.value("epoch", db) != page.checkpoint.epoch {
                try ReplicaPositions.resetAll(db)
                try FirstDownload.end(db)
                try SyncMeta.set("epoch", page.checkpoint.epoch, db)
            }
            try SyncMeta.set("target", String(decoding: try JSONEncoder().encode(page.checkpoint), as: UTF8.self), db)
            var shapes = ReplicaTableShapes()
            if let bucket = page.bucket {
                if try FirstDownload.applies(db) {
                    try FirstDownload.write(page, bucket: bucket, shapes: &shapes, db)
                } else {
                    try ReplicaPositions.stage(page, bucket: bucket, shapes: &shapes, db)
                }
            }
            guard page.complete else { return .more }
            let wrong = try ReplicaPositions.mismatched(page.checkpoint, db)
            guard wrong.isEmpty else {
                for bucket in wrong { try ReplicaPositions.reset(bucket, db) }
                try FirstDownload.end(db)
                return .more
            }
            let rows = try CheckpointApply.run(page.checkpoint, shapes: &shapes, db) + (try FirstDownload.end(db))
            try SyncMeta.remove("target", db)
            try SyncMeta.set("last_checkpoint", ShanghaiTime.timestamp(clock.now()), db)
            return .applied(rows: rows)
        }
    }

    // MARK: Push

    /// The oldest changes not yet acknowledged, up to `limit`, with the rows each wrote and their versions.
    public func pendingPush(clientID: String, limit: Int = 100) throws -> PushRequest {
        try database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT seq, mutation_id, name, payload, created_at FROM sys_outbox WHERE state = 'PENDING' ORDER BY seq LIMIT ?
                """, arguments: [limit])
            let mutations = try rows.map { row -> PushedMutation in
                let id: String = row["mutation_id"]
                let bases = try Row.fetchAll(db, sql: "SELECT tbl, row_key, base_op_id FROM sync_pending_row WHERE mutation_id = ? ORDER BY tbl, row_key",
                                             arguments: [id]).map { RowBase(table: $0["tbl"], rowKey: $0["row_key"], opID: $0["base_op_id"]) }
                return PushedMutation(seq: row["seq"], mutationID: id, name: row["name"], payload: row["payload"],
                                      deviceTime: row["created_at"], bases: bases)
            }
            return PushRequest(clientID: clientID, schemaVersion: SchemaVersions.current, mutations: mutations)
        }
    }

    /// Records the server's answer: applied changes leave the outbox's pending state; refused ones become
    /// sync issues with their data and reason.
    public func record(_ response: PushResponse, at: String) throws {
        try database.writer.write { db in
            for result in response.results {
                try db.execute(sql: "UPDATE sys_outbox SET state = ? WHERE mutation_id = ? AND state = 'PENDING'",
                               arguments: [result.status.rawValue, result.mutationID])
                guard result.status == .rejected else { continue }
                try db.execute(sql: """
                    INSERT OR IGNORE INTO sync_issue(mutation_id, seq, name, payload, reason, created_at, rejected_at)
                    SELECT mutation_id, seq, name, payload, ?, created_at, ? FROM sys_outbox WHERE mutation_id = ?
                    """, arguments: [result.reason ?? "", at, result.mutationID])
            }
        }
    }

    // MARK: State

    /// How many local changes the server has not acknowledged yet.
    public func pendingCount() throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sys_outbox WHERE state = 'PENDING'") ?? 0 }
    }

    /// Forgets everything the replica holds, as a revoked device must: every replicated row, the positions,
    /// the outbox and the issues.
    public func wipe() throws {
        try database.writer.write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for table in SyncCatalog.tables.reversed() { try db.execute(sql: "DELETE FROM \(table.name)") }
            try db.execute(sql: """
                DELETE FROM sync_replica_bucket; DELETE FROM sync_staged_op; DELETE FROM sync_local_row;
                DELETE FROM sync_pending_row; DELETE FROM sync_issue; DELETE FROM sys_outbox; DELETE FROM sync_dirty;
                DELETE FROM sync_meta WHERE key NOT IN ('role');
                """)
        }
    }
}
