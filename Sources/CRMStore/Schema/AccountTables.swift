import GRDB

/// `sys_account`: sign-in accounts of staff members, with bcrypt password hashes, failure counts and locks;
/// `sys_password_history`: earlier hashes, so a password is not reused.
enum AccountTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sys_account (
              staff_id TEXT PRIMARY KEY, password_hash TEXT NOT NULL, must_change INTEGER NOT NULL DEFAULT 1,
              password_changed_at TEXT NOT NULL, failed_count INTEGER NOT NULL DEFAULT 0, locked_until TEXT,
              locked_by_admin INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, created_by TEXT NOT NULL
            );
            CREATE TABLE sys_password_history (
              staff_id TEXT NOT NULL, set_at TEXT NOT NULL, password_hash TEXT NOT NULL,
              PRIMARY KEY (staff_id, set_at)
            ) WITHOUT ROWID;
            """)
    }
}
