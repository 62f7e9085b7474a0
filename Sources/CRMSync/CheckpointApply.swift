import CRMStore
import GRDB

/// Shows a complete checkpoint in one transaction.
///
/// Rows written by local changes the server has not yet handled are left as the user made them (their
/// staged ops wait for a later checkpoint). Every other staged op updates which buckets hold its row; a row
/// is then written with the data of its newest PUT, or deleted when no bucket of the replica holds it any
/// more (a customer moved to another manager, a bucket no longer in scope, a local row the server refused).
enum CheckpointApply {
    /// Applies the staged ops up to `checkpoint`; returns how many rows were written or removed.
    static func run(_ checkpoint: SyncCheckpoint, shapes: inout ReplicaTableShapes, _ db: Database) throws -> Int {
        let ack = checkpoint.lastMutationSeq
        try dropBuckets(notIn: checkpoint, db)
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS replica_protected (tbl TEXT NOT NULL, row_key TEXT NOT NULL, PRIMARY KEY (tbl, row_key));
            CREATE TEMP TABLE IF NOT EXISTS replica_op (op_id INTEGER PRIMARY KEY, bucket TEXT, op TEXT, tbl TEXT, row_key TEXT);
            CREATE TEMP TABLE IF NOT EXISTS replica_latest (tbl TEXT NOT NULL, row_key TEXT NOT NULL, bucket TEXT NOT NULL,
                                                            op_id INTEGER NOT NULL, op TEXT NOT NULL, PRIMARY KEY (tbl, row_key, bucket));
            CREATE TEMP TABLE IF NOT EXISTS replica_row (tbl TEXT NOT NULL, row_key TEXT NOT NULL, top_op_id INTEGER,
                                                         PRIMARY KEY (tbl, row_key));
            CREATE INDEX IF NOT EXISTS temp.replica_op_row ON replica_op(tbl, row_key, bucket, op_id);
            DELETE FROM replica_protected; DELETE FROM replica_op; DELETE FROM replica_latest; DELETE FROM replica_row;
            INSERT OR IGNORE INTO replica_row(tbl, row_key)
              SELECT p.tbl, p.row_key FROM sync_pending_row p JOIN sys_outbox o ON o.mutation_id = p.mutation_id WHERE o.seq <= :ack;
            DELETE FROM sync_pending_row WHERE mutation_id IN (SELECT mutation_id FROM sys_outbox WHERE seq <= :ack);
            INSERT OR IGNORE INTO replica_protected SELECT tbl, row_key FROM sync_pending_row;
            INSERT INTO replica_op SELECT s.op_id, s.bucket, s.op, s.tbl, s.row_key FROM sync_staged_op s
              WHERE NOT EXISTS (SELECT 1 FROM replica_protected p WHERE p.tbl = s.tbl AND p.row_key = s.row_key);
            INSERT OR IGNORE INTO replica_row(tbl, row_key) SELECT tbl, row_key FROM replica_op;
            INSERT OR IGNORE INTO replica_row(tbl, row_key) SELECT l.tbl, l.row_key FROM sync_local_row l
              WHERE l.op_id = -1 AND NOT EXISTS (SELECT 1 FROM replica_protected p WHERE p.tbl = l.tbl AND p.row_key = l.row_key);
            DELETE FROM sync_local_row WHERE op_id = -1
              AND NOT EXISTS (SELECT 1 FROM replica_protected p WHERE p.tbl = sync_local_row.tbl AND p.row_key = sync_local_row.row_key);
            -- Each bucket's newest op per row decides whether that bucket still holds it (the bare column op
            -- comes from the row of max(op_id)).
            INSERT INTO replica_latest(tbl, row_key, bucket, op_id, op)
              SELECT tbl, row_key, bucket, max(op_id), op FROM replica_op GROUP BY tbl, row_key, bucket;
            INSERT OR REPLACE INTO sync_local_row(tbl, row_key, bucket, op_id)
              SELECT tbl, row_key, bucket, op_id FROM replica_latest WHERE op = 'PUT';
            DELETE FROM sync_local_row
              WHERE (tbl, row_key, bucket) IN (SELECT tbl, row_key, bucket FROM replica_latest WHERE op = 'REMOVE');
            UPDATE replica_row SET top_op_id = (SELECT max(l.op_id) FROM sync_local_row l WHERE l.tbl = replica_row.tbl AND l.row_key = replica_row.row_key);
            """, arguments: ["ack": ack])
        let changed = try ChangeCapture.paused(db) {
            var changed = 0
            for table in SyncCatalog.tables { changed += try write(table.name, shapes: &shapes, db) }
            return changed + (try ReplicaHistory.expire(db))
        }
        // The shown ops leave the staging table; with nothing protected that is all of them.
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM replica_protected LIMIT 1") == true {
            try db.execute(sql: """
                DELETE FROM sync_staged_op
                WHERE NOT EXISTS (SELECT 1 FROM replica_protected p WHERE p.tbl = sync_staged_op.tbl AND p.row_key = sync_staged_op.row_key)
                """)
        } else {
            try db.execute(sql: "DELETE FROM sync_staged_op")
        }
        return changed
    }

    /// Buckets the server no longer lists for this user: their rows lose that holder, their positions go.
    private static func dropBuckets(notIn checkpoint: SyncCheckpoint, _ db: Database) throws {
        let listed = Set(checkpoint.buckets.map(\.bucket))
        let local = try String.fetchAll(db, sql: "SELECT bucket FROM sync_replica_bucket UNION SELECT DISTINCT bucket FROM sync_local_row")
        for bucket in local where !listed.contains(bucket) {
            try ReplicaPositions.reset(bucket, db)
        }
    }

    /// Upserts the rows of `table` that have new data and deletes those no bucket holds.
    private static func write(_ table: String, shapes: inout ReplicaTableShapes, _ db: Database) throws -> Int {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM replica_row WHERE tbl = ? LIMIT 1", arguments: [table]) == true else { return 0 }
        let shape = try shapes.shape(table, db)
        var changed = 0
        // A row's newest op may be one shown at an earlier checkpoint (not staged now): the row is then as it was.
        let rows = try String.fetchCursor(db, sql: """
            SELECT s.data FROM replica_row r JOIN replica_op o ON o.op_id = r.top_op_id
            JOIN sync_staged_op s ON s.bucket = o.bucket AND s.op_id = o.op_id
            WHERE r.tbl = ? AND o.op = 'PUT'
            """, arguments: [table])
        while let data = try rows.next() {
            _ = try shape.bind(data)
            changed += try shape.writeBound(db)
        }
        for key in try String.fetchAll(db, sql: "SELECT row_key FROM replica_row WHERE tbl = ? AND top_op_id IS NULL", arguments: [table]) {
            changed += try shape.delete(key: key, db)
        }
        return changed
    }
}
