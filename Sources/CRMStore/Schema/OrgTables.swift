import GRDB

/// `work_org_change`: changes to the org tree and to who works where (机构团队管理) made in the CRM. Each is
/// written to `base_org`/`base_staff` at once and dated the business date after the one loaded; the batch
/// applies it again on that date after the day's extracts, so a reload keeps it. `seq` keeps their order.
enum OrgTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE work_org_change (
              seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
              kind TEXT NOT NULL CHECK (kind IN ('CREATE', 'RENAME', 'MOVE', 'CLOSE', 'STAFF_MOVE')),
              target_id TEXT NOT NULL, name TEXT, parent_id TEXT, level TEXT, successor_id TEXT,
              effective_date TEXT NOT NULL, changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
            );
            CREATE INDEX work_org_change_date ON work_org_change(effective_date, seq);
            """)
    }
}
