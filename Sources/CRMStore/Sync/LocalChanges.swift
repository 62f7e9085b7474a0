import GRDB

/// What happens to the rows a local mutation wrote, by the file's ``SyncRole``: on the server they are
/// published at once; on a replica they are kept as the mutation's pending rows, with the version each was
/// based on, until the server acknowledges it; an embedded database notes nothing.
enum LocalChanges {
    /// After a write that is no mutation (real-time ingest): published at once on the server.
    static func afterWrite(_ db: Database) throws {
        if try SyncRole.current(db) == .server { try OpPublisher.publish(db) }
    }

    static func afterMutation(_ mutationID: String, _ db: Database) throws {
        switch try SyncRole.current(db) {
        case .embedded:
            return
        case .server:
            try OpPublisher.publish(db)
        case .replica:
            try db.execute(sql: """
                INSERT OR IGNORE INTO sync_pending_row(mutation_id, tbl, row_key, base_op_id)
                SELECT ?, d.tbl, d.row_key,
                       COALESCE((SELECT max(l.op_id) FROM sync_local_row l WHERE l.tbl = d.tbl AND l.row_key = d.row_key), 0)
                FROM sync_dirty d;
                DELETE FROM sync_dirty;
                """, arguments: [mutationID])
        }
    }
}
