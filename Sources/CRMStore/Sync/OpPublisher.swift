import GRDB

/// Turns the rows noted in `sync_dirty` into bucket ops, inside the caller's write transaction, so op ids
/// are allocated in commit order and no reader sees op N+1 before op N.
///
/// For each noted row: the buckets it belongs to now are worked out from ``SyncCatalog``'s rule; a bucket
/// that newly holds it, or every bucket when its data changed, gets a PUT with the row as ``SyncRowData``; a bucket
/// that held it and no longer does (a reassigned customer, a deleted row) gets a REMOVE. A row that aged out of
/// its table's history window gets none: it only leaves the bookkeeping, as replicas drop such rows themselves.
/// Ops a new op supersedes (the same row in the same bucket), and the PUTs of aged rows, become MOVEs: the log
/// compacts itself as it is written, so a first download takes only what is live. Running it again with
/// nothing noted does nothing.
public enum OpPublisher {
    /// Publishes every noted row; `clientID` is the replica whose pushed change is being applied, if any.
    /// Returns how many ops were appended.
    @discardableResult
    public static func publish(_ db: Database, clientID: String? = nil) throws -> Int {
        SyncHash.register(db)
        let latest = try String.fetchOne(db, sql: "SELECT max(biz_date) FROM if_batch")
        try expireHistory(latest: latest, db)
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sync_dirty LIMIT 1") == true else { return 0 }
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS sync_new_bucket (row_key TEXT NOT NULL, bucket TEXT NOT NULL, PRIMARY KEY (row_key, bucket));
            CREATE TEMP TABLE IF NOT EXISTS sync_new_row (row_key TEXT PRIMARY KEY, data TEXT NOT NULL, data_hash INTEGER NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS sync_new_op (
              op_id INTEGER PRIMARY KEY, bucket TEXT NOT NULL, op TEXT NOT NULL, row_key TEXT NOT NULL, data TEXT, checksum INTEGER
            );
            CREATE INDEX IF NOT EXISTS temp.sync_new_op_row ON sync_new_op(row_key, bucket);
            CREATE TEMP TABLE IF NOT EXISTS sync_aged_row (row_key TEXT PRIMARY KEY);
            """)
        var appended = 0
        for table in SyncCatalog.tables {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sync_dirty WHERE tbl = ? LIMIT 1", arguments: [table.name]) == true
            else { continue }
            try markDependents(of: table, db)
            appended += try publish(table, clientID: clientID, latest: latest, db)
        }
        try db.execute(sql: "DELETE FROM sync_dirty")
        return appended
    }

    /// The last op id handed out.
    public static func lastOpID(_ db: Database) throws -> Int64 {
        try SyncMeta.value("last_op_id", db).flatMap { Int64($0) } ?? 0
    }

    private static func publish(_ table: SyncCatalog.Table, clientID: String?, latest: String?, _ db: Database) throws -> Int {
        let keyColumns = try RowKey.columns(of: table.name, db)
        let join = keyColumns.enumerated().map { "t.\($1.quotedDatabaseIdentifier) = d.k\($0 + 1)" }.joined(separator: " AND ")
        let noted = "FROM sync_dirty d JOIN \(table.name) t ON \(join)"
        let onlyNoted = "d.tbl = '\(table.name)'"
        let window = try windowCondition(table, latest: latest, db)
        try db.execute(sql: "DELETE FROM sync_new_bucket; DELETE FROM sync_new_row; DELETE FROM sync_new_op; DELETE FROM sync_aged_row")
        if !window.sql.isEmpty {
            // Rows that aged out of the window leave replicas without ops: each replica drops them itself
            // when its latest business date moves (ReplicaHistory), so a day costs no REMOVE per row. Out of
            // the bookkeeping first, they get no REMOVE below; their PUTs become MOVEs.
            try db.execute(sql: "INSERT INTO sync_aged_row(row_key) SELECT d.row_key \(noted) WHERE \(onlyNoted) AND NOT (1 \(window.sql))",
                           arguments: window.arguments)
            // `op <> 'MOVE'` is the partial index's own condition, which lets SQLite use it.
            try db.execute(sql: """
                DELETE FROM sync_row_bucket WHERE tbl = :tbl AND row_key IN (SELECT row_key FROM sync_aged_row);
                DELETE FROM sync_row_version WHERE tbl = :tbl AND row_key IN (SELECT row_key FROM sync_aged_row);
                UPDATE sync_op SET op = 'MOVE', data = NULL
                WHERE op <> 'MOVE' AND tbl = :tbl AND row_key IN (SELECT row_key FROM sync_aged_row) AND op = 'PUT';
                """, arguments: ["tbl": table.name])
            try compacted(db.changesCount, db)
        }
        for part in bucketParts(table.rule) {
            try db.execute(sql: """
                INSERT OR IGNORE INTO sync_new_bucket(row_key, bucket)
                SELECT d.row_key, \(part.bucket) \(noted) \(part.join) WHERE \(onlyNoted) \(part.filter) \(window.sql)
                """, arguments: window.arguments)
        }
        let columns = try table.replicatedColumns(db)
        // Lineage (which batch, which line) travels with the row but is no change of its own: a row reloaded
        // unchanged by the next day's extract is not sent again.
        let business = columns.filter { !lineageColumns.contains($0) }
        try db.execute(sql: """
            INSERT INTO sync_new_row(row_key, data, data_hash)
            SELECT d.row_key, \(SyncRowData.sql(columns, alias: "t")), sync_hash(\(SyncRowData.sql(business, alias: "t"))) \(noted) WHERE \(onlyNoted)
            """)
        let base = try lastOpID(db)
        try db.execute(sql: """
            INSERT INTO sync_new_op(op_id, bucket, op, row_key, data)
            SELECT :base + row_number() OVER (ORDER BY row_key, bucket), bucket, op, row_key, data FROM (
              SELECT n.bucket, 'PUT' AS op, n.row_key, r.data FROM sync_new_bucket n JOIN sync_new_row r ON r.row_key = n.row_key
              LEFT JOIN sync_row_version v ON v.tbl = :tbl AND v.row_key = n.row_key
              WHERE v.data_hash IS NOT r.data_hash
                 OR NOT EXISTS (SELECT 1 FROM sync_row_bucket b WHERE b.tbl = :tbl AND b.row_key = n.row_key AND b.bucket = n.bucket)
              UNION ALL
              SELECT b.bucket, 'REMOVE', b.row_key, NULL FROM sync_row_bucket b
              WHERE b.tbl = :tbl AND b.row_key IN (SELECT row_key FROM sync_dirty WHERE tbl = :tbl)
                AND NOT EXISTS (SELECT 1 FROM sync_new_bucket n WHERE n.row_key = b.row_key AND n.bucket = b.bucket));
            UPDATE sync_new_op SET checksum = sync_checksum(bucket, op_id, op, :tbl, row_key, data);
            """, arguments: ["tbl": table.name, "base": base])
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_new_op") ?? 0
        guard count > 0 else { return 0 }
        try db.execute(sql: """
            INSERT INTO sync_op(bucket, op_id, op, tbl, row_key, data, checksum)
            SELECT bucket, op_id, op, :tbl, row_key, data, checksum FROM sync_new_op;
            INSERT INTO sync_bucket(bucket, last_op_id, checksum)
            SELECT bucket, max(op_id), sum(checksum) % 4294967296 FROM sync_new_op GROUP BY bucket
            ON CONFLICT(bucket) DO UPDATE SET last_op_id = excluded.last_op_id,
              checksum = (sync_bucket.checksum + excluded.checksum) % 4294967296;
            DELETE FROM sync_row_bucket WHERE tbl = :tbl
              AND EXISTS (SELECT 1 FROM sync_new_op o WHERE o.op = 'REMOVE' AND o.row_key = sync_row_bucket.row_key
                          AND o.bucket = sync_row_bucket.bucket);
            INSERT OR IGNORE INTO sync_row_bucket(tbl, row_key, bucket) SELECT :tbl, row_key, bucket FROM sync_new_bucket;
            INSERT INTO sync_row_version(tbl, row_key, op_id, data_hash, client_id)
            SELECT :tbl, o.row_key, max(o.op_id), r.data_hash, :client
            FROM sync_new_op o JOIN sync_new_row r ON r.row_key = o.row_key WHERE o.op = 'PUT' GROUP BY o.row_key
            ON CONFLICT(tbl, row_key) DO UPDATE SET op_id = excluded.op_id, data_hash = excluded.data_hash, client_id = excluded.client_id;
            DELETE FROM sync_row_version WHERE tbl = :tbl AND row_key IN (SELECT row_key FROM sync_dirty WHERE tbl = :tbl)
              AND row_key NOT IN (SELECT row_key FROM sync_new_row);
            UPDATE sync_op SET op = 'MOVE', data = NULL
            WHERE op <> 'MOVE' AND tbl = :tbl AND op_id <= :base AND (row_key, bucket) IN (SELECT row_key, bucket FROM sync_new_op);
            """, arguments: ["tbl": table.name, "client": clientID, "base": base])
        try compacted(db.changesCount, db)
        try SyncMeta.set("last_op_id", String(base + Int64(count)), db)
        return count
    }

    /// The compaction generation: how many publishes have turned ops into MOVEs. A download towards a
    /// checkpoint from an earlier generation might find an op gone whose successor lies past that checkpoint,
    /// so the server gives such a pull a new checkpoint.
    public static func compactionGeneration(_ db: Database) throws -> Int64 {
        try SyncMeta.value("compaction", db).flatMap { Int64($0) } ?? 0
    }

    /// Counts a compaction when `moved` ops became MOVEs.
    private static func compacted(_ moved: Int, _ db: Database) throws {
        guard moved > 0 else { return }
        try SyncMeta.set("compaction", String(try compactionGeneration(db) + 1), db)
    }

    /// Columns that say where a row came from rather than what it says.
    static let lineageColumns: Set<String> = ["batch_date", "source_line"]

    /// The bucket expression, extra joins and extra condition of each part of a rule, over the noted rows `t`.
    private static func bucketParts(_ rule: SyncCatalog.Rule) -> [(bucket: String, join: String, filter: String)] {
        let managers = { (column: String) in
            (bucket: "'portfolio:' || m.staff_id", join: "JOIN base_customer_manager m ON m.customer_id = t.\(column.quotedDatabaseIdentifier)",
             filter: "")
        }
        let staff = { (column: String) in
            (bucket: "'portfolio:' || t.\(column.quotedDatabaseIdentifier)", join: "", filter: "AND t.\(column.quotedDatabaseIdentifier) IS NOT NULL")
        }
        switch rule {
        case .reference:
            return [("'ref'", "", "")]
        case .customer(let column):
            return [managers(column)]
        case .staff(let column):
            return [staff(column)]
        case .customerOrStaff(let customerColumn, let staffColumn):
            return [managers(customerColumn), staff(staffColumn)]
        case .uscc(let columns):
            return columns.map { column in
                ("'portfolio:' || m.staff_id", """
                    JOIN base_customer c ON c.uscc = t.\(column.quotedDatabaseIdentifier) JOIN base_customer_manager m ON m.customer_id = c.customer_id
                    """, "")
            }
        case .rollup(let dimension, let member):
            let (dimension, member) = (dimension.quotedDatabaseIdentifier, member.quotedDatabaseIdentifier)
            return [("'portfolio:' || t.\(member)", "", "AND t.\(dimension) = 'STAFF'"),
                    ("'org:' || t.\(member)", "", "AND t.\(dimension) = 'ORG'"),
                    ("'bank'", "", "AND t.\(dimension) = 'LINE'")]
        case .parent(let parent, let column):
            return [("p.bucket", "JOIN sync_row_bucket p ON p.tbl = '\(parent)' AND p.row_key = CAST(t.\(column.quotedDatabaseIdentifier) AS TEXT)", "")]
        }
    }

    /// Rows whose buckets depend on the noted rows of `table` are noted too: every row of a customer whose
    /// managers changed, every child of a changed parent.
    private static func markDependents(of table: SyncCatalog.Table, _ db: Database) throws {
        let notedCustomers = "(SELECT k1 FROM sync_dirty WHERE tbl = 'base_customer_manager')"
        let notedKeys = "(SELECT row_key FROM sync_dirty WHERE tbl = '\(table.name)')"
        if table.name == "base_customer_manager" {
            // The other managers' rows of a customer whose managers changed move with it too.
            try ChangeCapture.markRows(of: table.name, where: "t.customer_id IN \(notedCustomers)", db)
        }
        for other in SyncCatalog.tables where other.name != table.name {
            switch other.rule {
            case .customer(let column) where table.name == "base_customer_manager",
                 .customerOrStaff(let column, _) where table.name == "base_customer_manager":
                try ChangeCapture.markRows(of: other.name, where: "t.\(column.quotedDatabaseIdentifier) IN \(notedCustomers)", db)
            case .uscc(let columns) where table.name == "base_customer_manager":
                let usccs = "(SELECT uscc FROM base_customer WHERE customer_id IN \(notedCustomers))"
                try ChangeCapture.markRows(of: other.name, where: columns.map { "t.\($0.quotedDatabaseIdentifier) IN \(usccs)" }
                    .joined(separator: " OR "), db)
            case .parent(let parent, let column) where parent == table.name:
                try ChangeCapture.markRows(of: other.name, where: "CAST(t.\(column.quotedDatabaseIdentifier) AS TEXT) IN \(notedKeys)", db)
            default:
                break
            }
        }
    }

    /// The condition that keeps a windowed table's rows inside the history a replica holds.
    private static func windowCondition(_ table: SyncCatalog.Table, latest: String?,
                                        _ db: Database) throws -> (sql: String, arguments: StatementArguments) {
        guard let window = table.window, let start = try windowStart(window, latest: latest, db) else { return ("", []) }
        return ("AND t.\(window.column.quotedDatabaseIdentifier) >= ?", [start])
    }

    /// The first value inside the window, counted back from `latest`, the latest loaded business date.
    private static func windowStart(_ window: SyncCatalog.Window, latest: String?, _ db: Database) throws -> String? {
        guard let latest else { return nil }
        return try window.start(latest: latest, db)
    }

    /// When a table's window has moved since the last publish, notes the rows that fell out of it.
    private static func expireHistory(latest: String?, _ db: Database) throws {
        for table in SyncCatalog.tables {
            guard let window = table.window, let start = try windowStart(window, latest: latest, db) else { continue }
            let key = "window:" + table.name
            let previous = try SyncMeta.value(key, db)
            guard previous != start else { continue }
            if let previous {
                let column = window.column.quotedDatabaseIdentifier
                try ChangeCapture.markRows(of: table.name, where: "t.\(column) >= ? AND t.\(column) < ?", arguments: [previous, start], db)
            }
            try SyncMeta.set(key, start, db)
        }
    }
}

extension OpPublisher {
    /// Notes one row so the next publish sends it again to every bucket that holds it, changed or not.
    public static func republish(table: String, rowKey: String, _ db: Database) throws {
        let parts = RowKey.parts(rowKey)
        try db.execute(sql: "DELETE FROM sync_row_version WHERE tbl = ? AND row_key = ?", arguments: [table, rowKey])
        try db.execute(sql: "INSERT OR IGNORE INTO sync_dirty(tbl, row_key, k1, k2, k3) VALUES (?, ?, ?, ?, ?)",
                       arguments: [table, rowKey, parts.count > 0 ? parts[0] : nil, parts.count > 1 ? parts[1] : nil,
                                   parts.count > 2 ? parts[2] : nil])
    }
}
