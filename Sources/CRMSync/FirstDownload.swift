import CRMStore
import GRDB

/// A replica's first download writes each page straight into its tables instead of staging it for the
/// checkpoint: there is no earlier state to keep showing, and staging every row to copy it again at the end
/// was a third of the time of a first sync (docs/sync.md, departures).
///
/// It applies while the replica holds no row of the server's and no change of its own. The replica's bucket
/// bookkeeping (`sync_local_row`) is kept as the checkpoint would keep it, so anything that ends the first
/// download early (a checksum mismatch, a new epoch, a change the user makes meanwhile) carries on through
/// staging from where it stands. `sync_meta.first_download` marks one under way and counts the rows written.
enum FirstDownload {
    private static let metaKey = "first_download"

    /// Whether this page goes straight to the tables.
    static func applies(_ db: Database) throws -> Bool {
        let underWay = try SyncMeta.value(metaKey, db) != nil
        let ownChanges = try Bool.fetchOne(db, sql: "SELECT 1 FROM sync_pending_row LIMIT 1") == true
        if underWay {
            if ownChanges { try SyncMeta.remove(metaKey, db) }
            return !ownChanges
        }
        let empty = try Bool.fetchOne(db, sql: """
            SELECT NOT EXISTS (SELECT 1 FROM sync_local_row) AND NOT EXISTS (SELECT 1 FROM sync_staged_op)
            """) == true
        guard empty, !ownChanges else { return false }
        try SyncMeta.set(metaKey, "0", db)
        return true
    }

    /// Writes a page's ops in order: a bucket's PUT holds the row and writes it unless another bucket already
    /// gave it newer data; a REMOVE lets go of it, deleting it when no bucket holds it any more.
    static func write(_ page: PullResponse, bucket: String, shapes: inout ReplicaTableShapes, _ db: Database) throws {
        let newest = try BulkStatement(db, sql: "SELECT max(op_id) FROM sync_local_row WHERE tbl = ? AND row_key = ?")
        let hold = try BulkStatement(db, sql: "INSERT OR REPLACE INTO sync_local_row(tbl, row_key, bucket, op_id) VALUES (?, ?, ?, ?)")
        let release = try BulkStatement(db, sql: "DELETE FROM sync_local_row WHERE tbl = ? AND row_key = ? AND bucket = ?")
        var written = 0
        try ChangeCapture.paused(db) {
            try ReplicaPositions.receive(page, bucket: bucket, shapes: &shapes, db) { received in
                let (op, row) = (received.op, [SQLValue.text(received.op.table), .text(received.rowKey)])
                let top = try newest.int64(row)
                if op.op == "PUT" {
                    try hold.execute(row + [.text(bucket), .int(op.opID)])
                    if top.map({ op.opID > $0 }) ?? true { written += try received.shape.writeBound(db) }
                } else {
                    try release.execute(row + [.text(bucket)])
                    if try newest.int64(row) == nil { written += try received.shape.delete(key: received.rowKey, db) }
                }
            }
        }
        let before = Int(try SyncMeta.value(metaKey, db) ?? "") ?? 0
        try SyncMeta.set(metaKey, String(before + written), db)
    }

    /// Ends a first download; returns the rows it wrote.
    @discardableResult
    static func end(_ db: Database) throws -> Int {
        let written = Int(try SyncMeta.value(metaKey, db) ?? "") ?? 0
        try SyncMeta.remove(metaKey, db)
        return written
    }
}
