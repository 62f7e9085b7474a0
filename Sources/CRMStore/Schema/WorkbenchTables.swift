import GRDB

/// `work_` tables of the workbench, and the outbox every named mutation writes into.
///
/// Ids are client-made UUIDs, so a change made offline keeps its identity when it is synced.
/// Times are Shanghai local `YYYY-MM-DD HH:MM:SS` text from the injected clock.
enum WorkbenchTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sys_outbox (
              mutation_id TEXT PRIMARY KEY, name TEXT NOT NULL, actor TEXT NOT NULL, created_at TEXT NOT NULL,
              payload TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'PENDING'
            );
            CREATE TABLE work_announcement (
              id TEXT PRIMARY KEY, org_id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
              pinned INTEGER NOT NULL DEFAULT 0, published_by TEXT NOT NULL, published_at TEXT NOT NULL
            );
            CREATE INDEX work_announcement_time ON work_announcement(published_at);
            CREATE TABLE work_announcement_read (
              announcement_id TEXT NOT NULL, staff_id TEXT NOT NULL, read_at TEXT NOT NULL,
              PRIMARY KEY (announcement_id, staff_id)
            ) WITHOUT ROWID;
            CREATE TABLE work_schedule (
              id TEXT PRIMARY KEY, staff_id TEXT NOT NULL, title TEXT NOT NULL, starts_at TEXT NOT NULL,
              customer_id TEXT, remind_minutes INTEGER NOT NULL DEFAULT 15, note TEXT NOT NULL DEFAULT '',
              done_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
            );
            CREATE INDEX work_schedule_staff ON work_schedule(staff_id, starts_at);
            CREATE TABLE work_home_layout (
              staff_id TEXT PRIMARY KEY, panels TEXT NOT NULL, updated_at TEXT NOT NULL
            );
            """)
    }
}
