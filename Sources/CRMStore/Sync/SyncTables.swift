import GRDB

/// `sync_` tables: the server's bucket operation log and the replica's positions, staged pages and rejected
/// changes (docs/sync.md). One schema serves the server, a replica and an embedded database; which of them
/// a file is lives in `sync_meta` (``SyncRole``).
public enum SyncTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

            -- Server: one append-only log per bucket. Op ids come from one counter, so they also order ops
            -- across buckets; a bucket's checksum is the sum of its ops' checksums modulo 2^32.
            CREATE TABLE sync_op (
              bucket TEXT NOT NULL, op_id INTEGER NOT NULL, op TEXT NOT NULL CHECK (op IN ('PUT', 'REMOVE')),
              tbl TEXT NOT NULL, row_key TEXT NOT NULL, data TEXT, checksum INTEGER NOT NULL,
              PRIMARY KEY (bucket, op_id)
            ) WITHOUT ROWID;
            CREATE TABLE sync_bucket (
              bucket TEXT PRIMARY KEY, last_op_id INTEGER NOT NULL, checksum INTEGER NOT NULL
            ) WITHOUT ROWID;
            -- Which buckets hold each row now, and the row's last published version.
            CREATE TABLE sync_row_bucket (
              tbl TEXT NOT NULL, row_key TEXT NOT NULL, bucket TEXT NOT NULL, PRIMARY KEY (tbl, row_key, bucket)
            ) WITHOUT ROWID;
            CREATE TABLE sync_row_version (
              tbl TEXT NOT NULL, row_key TEXT NOT NULL, op_id INTEGER NOT NULL, data_hash INTEGER NOT NULL,
              client_id TEXT, PRIMARY KEY (tbl, row_key)
            ) WITHOUT ROWID;
            -- Rows written since the last publish, filled by triggers (``ChangeCapture``), with the key's parts.
            CREATE TABLE sync_dirty (
              tbl TEXT NOT NULL, row_key TEXT NOT NULL, k1, k2, k3, PRIMARY KEY (tbl, row_key)
            ) WITHOUT ROWID;
            -- Each replica (client id) belongs to one member of staff; `last_seq` is its last mutation handled.
            CREATE TABLE sync_client (
              client_id TEXT PRIMARY KEY, staff_id TEXT NOT NULL, device_id TEXT NOT NULL,
              last_seq INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE sync_mutation (
              client_id TEXT NOT NULL, seq INTEGER NOT NULL, mutation_id TEXT NOT NULL, name TEXT NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('APPLIED', 'REJECTED')), reason TEXT,
              device_time TEXT, handled_at TEXT NOT NULL, PRIMARY KEY (client_id, seq)
            ) WITHOUT ROWID;

            -- Replica: per bucket, the position saved with the last applied page and the checkpoint aimed at.
            CREATE TABLE sync_replica_bucket (
              bucket TEXT PRIMARY KEY, op_id INTEGER NOT NULL DEFAULT 0, checksum INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            -- Pages received but not yet shown: applied to the tables when their checkpoint is complete.
            CREATE TABLE sync_staged_op (
              bucket TEXT NOT NULL, op_id INTEGER NOT NULL, op TEXT NOT NULL, tbl TEXT NOT NULL,
              row_key TEXT NOT NULL, data TEXT, PRIMARY KEY (bucket, op_id)
            ) WITHOUT ROWID;
            -- Which of the replica's buckets hold each local row, with the op that put it there.
            CREATE TABLE sync_local_row (
              tbl TEXT NOT NULL, row_key TEXT NOT NULL, bucket TEXT NOT NULL, op_id INTEGER NOT NULL,
              PRIMARY KEY (tbl, row_key, bucket)
            ) WITHOUT ROWID;
            CREATE INDEX sync_local_row_bucket ON sync_local_row(bucket);
            -- The rows each not-yet-acknowledged local mutation wrote, with the version it was based on.
            CREATE TABLE sync_pending_row (
              mutation_id TEXT NOT NULL, tbl TEXT NOT NULL, row_key TEXT NOT NULL, base_op_id INTEGER NOT NULL,
              PRIMARY KEY (mutation_id, tbl, row_key)
            ) WITHOUT ROWID;
            -- Changes the server refused, kept with their data until the user dismisses them.
            CREATE TABLE sync_issue (
              mutation_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, name TEXT NOT NULL, payload TEXT NOT NULL,
              reason TEXT NOT NULL, created_at TEXT NOT NULL, rejected_at TEXT NOT NULL, dismissed_at TEXT
            );

            ALTER TABLE sys_outbox ADD COLUMN seq INTEGER;
            UPDATE sys_outbox SET seq = rowid;
            CREATE UNIQUE INDEX sys_outbox_seq ON sys_outbox(seq);
            """)
    }

    /// The migration from which pull pages have their present form (``SyncRowData`` rows, PUTs without keys,
    /// server-only columns, no REMOVE for aged rows): replicas of an earlier schema are not served.
    public static let pageFormatMigration = "v9-sync-pages"

    /// v9: the log starts afresh for the new page format, and an op may become a MOVE: one that a later op on the
    /// same row in the same bucket superseded, or the PUT of a row that aged out of its window. A MOVE keeps its
    /// op id and checksum and loses its data; pages leave it out and carry the sum of its checksums instead. The
    /// partial index finds a row's live ops in a bucket.
    static func pageFormat(_ db: Database) throws {
        try restartLogs(db)
        try db.execute(sql: """
            DROP TABLE sync_op;
            CREATE TABLE sync_op (
              bucket TEXT NOT NULL, op_id INTEGER NOT NULL, op TEXT NOT NULL CHECK (op IN ('PUT', 'REMOVE', 'MOVE')),
              tbl TEXT NOT NULL, row_key TEXT NOT NULL, data TEXT, checksum INTEGER NOT NULL,
              PRIMARY KEY (bucket, op_id)
            ) WITHOUT ROWID;
            CREATE INDEX sync_op_live ON sync_op(tbl, row_key, bucket) WHERE op <> 'MOVE';
            """)
    }

    /// Starts the op logs afresh when what ops carry changes (v8: positional rows; v9: the page format): a server
    /// starts a new epoch and publishes every row again at its next start (as after any migration), and a
    /// replica downloads again, keeping its pending changes.
    static func restartLogs(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM sync_op; DELETE FROM sync_bucket; DELETE FROM sync_row_bucket; DELETE FROM sync_row_version;
            DELETE FROM sync_staged_op; DELETE FROM sync_replica_bucket; UPDATE sync_local_row SET op_id = -1;
            DELETE FROM sync_meta WHERE key = 'target';
            UPDATE sync_meta SET value = lower(hex(randomblob(16)))
              WHERE key = 'epoch' AND EXISTS (SELECT 1 FROM sync_meta WHERE key = 'role' AND value = 'server');
            """)
    }
}
