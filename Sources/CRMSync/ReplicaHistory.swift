import CRMStore
import GRDB

/// A replica keeps the same history windows as the server (``SyncCatalog/Window``) and drops the rows that age
/// out of them itself, when its latest loaded business date moves: the server sends no REMOVE for them, which
/// would be a tenth of every day's download.
enum ReplicaHistory {
    /// The latest business date the windows were last counted from.
    private static let expiredKey = "windows_from"

    /// Deletes the windowed tables' rows older than their windows, with their bucket bookkeeping, when the latest
    /// business date has moved since the last time; returns how many rows went. Runs inside the transaction that
    /// shows a checkpoint, with change capture paused.
    static func expire(_ db: Database) throws -> Int {
        guard let latest = try String.fetchOne(db, sql: "SELECT max(biz_date) FROM if_batch"),
              try SyncMeta.value(expiredKey, db) != latest else { return 0 }
        try SyncMeta.set(expiredKey, latest, db)
        var removed = 0
        for table in SyncCatalog.tables {
            guard let window = table.window, let start = try window.start(latest: latest, db) else { continue }
            let column = window.column.quotedDatabaseIdentifier
            let key = RowKey.expression(try RowKey.columns(of: table.name, db), prefix: "t.")
            try db.execute(sql: """
                DELETE FROM sync_local_row WHERE tbl = ? AND row_key IN (SELECT \(key) FROM \(table.name) t WHERE t.\(column) < ?)
                """, arguments: [table.name, start])
            try db.execute(sql: "DELETE FROM \(table.name) WHERE \(column) < ?", arguments: [start])
            removed += db.changesCount
        }
        return removed
    }

    /// Makes the next checkpoint count the windows again: a bucket downloaded anew may bring back rows of any age.
    static func recount(_ db: Database) throws {
        try SyncMeta.remove(expiredKey, db)
    }
}
