import GRDB

/// Triggers that note every written row of a replicated table in `sync_dirty`, whoever writes it: a mutation,
/// the batch in another process, an administrator. On the server the noted rows are published as bucket ops
/// (``OpPublisher``); on a replica they tell which rows a local change touched. An embedded database has none.
public enum ChangeCapture {
    /// Creates the triggers for every table of ``SyncCatalog``, unless this schema and catalog already have them;
    /// returns whether it did.
    @discardableResult
    public static func install(_ db: Database) throws -> Bool {
        let catalog = SyncCatalog.tables.map(\.name).joined(separator: ",")
        let stamp = "\(triggerVersion) " + (Schema.migrator.migrations.last ?? "") + " " + String(SyncHash.hash(catalog))
        guard try SyncMeta.value("capture_schema", db) != stamp else { return false }
        try SyncMeta.set("capture_schema", stamp, db)
        for table in SyncCatalog.tables {
            let columns = try RowKey.columns(of: table.name, db)
            for (event, rows) in [("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])] {
                let trigger = "sync_capture_\(table.name)_\(event.lowercased())"
                let inserts = rows.map { row in insertDirty(table: table.name, columns: columns, row: row) }.joined()
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
                try db.execute(sql: """
                    CREATE TRIGGER \(trigger) AFTER \(event) ON \(table.name)
                    WHEN NOT EXISTS (SELECT 1 FROM sync_meta WHERE key = '\(pausedKey)') BEGIN \(inserts) END
                    """)
            }
        }
        return true
    }

    /// The shape of the triggers; a new shape installs them again.
    private static let triggerVersion = "capture-2"

    /// While this `sync_meta` key exists (inside one transaction), writes are not noted: a replica showing the
    /// server's rows is not making changes of its own.
    static let pausedKey = "capture_paused"

    /// Runs `body` with capture paused, inside the caller's transaction (which an error rolls back, pause and all).
    public static func paused<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try SyncMeta.set(pausedKey, "1", db)
        let result = try body()
        try SyncMeta.remove(pausedKey, db)
        return result
    }

    /// Notes every existing row of every replicated table, so the next publish logs them all.
    public static func markEverything(_ db: Database) throws {
        for table in SyncCatalog.tables {
            try markRows(of: table.name, where: "1", db)
        }
    }

    /// Notes the rows of `table` that satisfy `condition` (SQL over the alias `t`).
    static func markRows(of table: String, where condition: String, arguments: StatementArguments = [], _ db: Database) throws {
        let columns = try RowKey.columns(of: table, db)
        let parts = (0..<3).map { $0 < columns.count ? "t.\(columns[$0].quotedDatabaseIdentifier)" : "NULL" }.joined(separator: ", ")
        try db.execute(sql: """
            INSERT OR IGNORE INTO sync_dirty(tbl, row_key, k1, k2, k3)
            SELECT '\(table)', \(RowKey.expression(columns, prefix: "t.")), \(parts) FROM \(table) t WHERE \(condition)
            """, arguments: arguments)
    }

    private static func insertDirty(table: String, columns: [String], row: String) -> String {
        let parts = (0..<3).map { $0 < columns.count ? "\(row).\(columns[$0].quotedDatabaseIdentifier)" : "NULL" }.joined(separator: ", ")
        let key = RowKey.expression(columns, prefix: row + ".")
        // NOT EXISTS rather than OR IGNORE: an outer statement's conflict policy (an upsert's) overrides a trigger's.
        return """
            INSERT INTO sync_dirty(tbl, row_key, k1, k2, k3) SELECT '\(table)', \(key), \(parts)
            WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE tbl = '\(table)' AND row_key = \(key));
            """
    }
}
