import CRMStore
import GRDB

/// A replica's download state per bucket: how far it has received, the ops staged but not shown, and the
/// resets that make a bucket download again.
enum ReplicaPositions {
    /// An op received in order and checked, with its row key; a PUT's data is bound to its table's upsert.
    struct Received {
        let op: SyncOp
        let shape: ReplicaTableShape
        let rowKey: String
    }

    /// Hands `take` each op of a page that follows on from the bucket's saved position, and moves the position to
    /// the page's end, adding the ops' checksums and those of the MOVEs it passes. A page that does not follow on
    /// (received twice, or late) adds nothing. An op whose checksum does not match its content is refused, and
    /// the page with it.
    static func receive(_ page: PullResponse, bucket: String, shapes: inout ReplicaTableShapes, _ db: Database,
                        _ take: (Received) throws -> Void) throws {
        var position = try Row.fetchOne(db, sql: "SELECT op_id, checksum FROM sync_replica_bucket WHERE bucket = ?", arguments: [bucket])
            .map { (opID: $0["op_id"] as Int64, checksum: $0["checksum"] as Int64) } ?? (opID: 0, checksum: 0)
        guard page.after == position.opID, page.through > position.opID else { return }
        for op in page.ops {
            let shape = try shapes.shape(op.table, db)
            var rowKey = op.rowKey
            if op.op == "PUT", let data = op.data {
                guard let key = try? shape.bind(data) else {
                    throw SyncFailure("bad_op", "收到的同步数据无法读取 (op \(op.opID) of \(bucket): \(data.prefix(80)))", temporary: true)
                }
                rowKey = key
            }
            let expected = SyncHash.checksum(bucket: bucket, opID: op.opID, op: op.op, table: op.table, rowKey: rowKey, data: op.data)
            guard expected == op.checksum, op.op == "PUT" || op.op == "REMOVE" else {
                throw SyncFailure("bad_op", "收到的同步数据校验失败 (op \(op.opID) of \(bucket) does not match its checksum)", temporary: true)
            }
            try take(Received(op: op, shape: shape, rowKey: rowKey))
            position.checksum = SyncHash.add(position.checksum, op.checksum)
        }
        position = (page.through, SyncHash.add(position.checksum, page.moved))
        try db.execute(sql: """
            INSERT INTO sync_replica_bucket(bucket, op_id, checksum) VALUES (?, ?, ?)
            ON CONFLICT(bucket) DO UPDATE SET op_id = excluded.op_id, checksum = excluded.checksum
            """, arguments: [bucket, position.opID, position.checksum])
    }

    /// Stages ops for the next checkpoint to show.
    static func stage(_ page: PullResponse, bucket: String, shapes: inout ReplicaTableShapes, _ db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO sync_staged_op(bucket, op_id, op, tbl, row_key, data) VALUES (?, ?, ?, ?, ?, ?)")
        try receive(page, bucket: bucket, shapes: &shapes, db) { received in
            let op = received.op
            try insert.execute(arguments: [bucket, op.opID, op.op, op.table, received.rowKey, op.data])
        }
    }

    /// The checkpoint's buckets whose received checksum differs from the server's.
    static func mismatched(_ checkpoint: SyncCheckpoint, _ db: Database) throws -> [String] {
        try checkpoint.buckets.filter { bucket in
            let local = try Row.fetchOne(db, sql: "SELECT op_id, checksum FROM sync_replica_bucket WHERE bucket = ?", arguments: [bucket.bucket])
            let opID: Int64 = local?["op_id"] ?? 0
            let checksum: Int64 = local?["checksum"] ?? 0
            return opID != bucket.opID || checksum != bucket.checksum
        }.map(\.bucket)
    }

    /// Downloads `bucket` again from the start: its staged ops go, and the rows it held are marked stale
    /// (op id -1) so those the new download does not bring back are removed when it completes.
    static func reset(_ bucket: String, _ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM sync_staged_op WHERE bucket = :bucket;
            DELETE FROM sync_replica_bucket WHERE bucket = :bucket;
            UPDATE sync_local_row SET op_id = -1 WHERE bucket = :bucket;
            """, arguments: ["bucket": bucket])
        try ReplicaHistory.recount(db)
    }

    /// Downloads every bucket again (a new server epoch), keeping the pending changes.
    static func resetAll(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM sync_staged_op; DELETE FROM sync_replica_bucket; UPDATE sync_local_row SET op_id = -1;
            DELETE FROM sync_meta WHERE key = 'target';
            """)
        try ReplicaHistory.recount(db)
    }
}
