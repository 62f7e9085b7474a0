import GRDB

/// `work_` tables of the marketing process (营销过程管理): the task tree, visits with their attachments,
/// opportunities with their stage history, and what users did with their reminders. Ids are client-made UUIDs
/// so offline work keeps its identity through sync; times are Shanghai local text from the injected clock.
enum MarketingTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE work_task (
              id TEXT PRIMARY KEY, root_id TEXT NOT NULL, parent_id TEXT REFERENCES work_task(id),
              kind TEXT NOT NULL CHECK (kind IN ('VISIT', 'CALL', 'PRODUCT', 'DOCUMENTS')),
              title TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
              assignee_kind TEXT NOT NULL CHECK (assignee_kind IN ('ORG', 'STAFF')), assignee_id TEXT NOT NULL,
              due_date TEXT NOT NULL, target INTEGER NOT NULL CHECK (target >= 0),
              created_by TEXT NOT NULL, created_at TEXT NOT NULL
            );
            CREATE INDEX work_task_parent ON work_task(parent_id);
            CREATE INDEX work_task_root ON work_task(root_id);
            CREATE INDEX work_task_assignee ON work_task(assignee_kind, assignee_id);
            CREATE TABLE work_task_customer (
              task_id TEXT NOT NULL REFERENCES work_task(id), customer_id TEXT NOT NULL,
              done_at TEXT, done_by TEXT, result TEXT NOT NULL DEFAULT '', visit_id TEXT,
              PRIMARY KEY (task_id, customer_id)
            ) WITHOUT ROWID;
            CREATE INDEX work_task_customer_customer ON work_task_customer(customer_id);
            CREATE TABLE work_visit (
              id TEXT PRIMARY KEY, staff_id TEXT NOT NULL, customer_id TEXT NOT NULL, visited_at TEXT NOT NULL,
              contacts TEXT NOT NULL DEFAULT '', purpose TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',
              next_step TEXT NOT NULL DEFAULT '', latitude_e6 INTEGER, longitude_e6 INTEGER, address TEXT NOT NULL DEFAULT '',
              task_id TEXT, created_at TEXT NOT NULL
            );
            CREATE INDEX work_visit_customer ON work_visit(customer_id, visited_at);
            CREATE INDEX work_visit_staff ON work_visit(staff_id, visited_at);
            CREATE TABLE work_visit_attachment (
              visit_id TEXT NOT NULL REFERENCES work_visit(id), seq INTEGER NOT NULL, file_name TEXT NOT NULL,
              size INTEGER NOT NULL, sha256 TEXT NOT NULL,
              PRIMARY KEY (visit_id, seq)
            ) WITHOUT ROWID;
            CREATE TABLE work_opportunity (
              id TEXT PRIMARY KEY, customer_id TEXT, prospect_name TEXT, product_code TEXT NOT NULL,
              amount INTEGER NOT NULL CHECK (amount >= 0),
              stage TEXT NOT NULL CHECK (stage IN ('LEAD', 'CONTACT', 'PROPOSAL', 'APPROVAL', 'SIGNED', 'LANDED', 'LOST')),
              probability_pct INTEGER NOT NULL CHECK (probability_pct BETWEEN 0 AND 100), expected_date TEXT NOT NULL,
              owner_id TEXT NOT NULL, lost_reason TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL, created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              CHECK ((customer_id IS NULL) <> (prospect_name IS NULL))
            );
            CREATE INDEX work_opportunity_owner ON work_opportunity(owner_id, stage);
            CREATE INDEX work_opportunity_customer ON work_opportunity(customer_id);
            CREATE TABLE work_opportunity_stage (
              seq INTEGER PRIMARY KEY, opportunity_id TEXT NOT NULL REFERENCES work_opportunity(id), stage TEXT NOT NULL,
              probability_pct INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '', changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
            );
            CREATE INDEX work_opportunity_stage_opportunity ON work_opportunity_stage(opportunity_id, seq);
            CREATE TABLE work_reminder_state (
              staff_id TEXT NOT NULL, reminder_key TEXT NOT NULL, done_at TEXT, snoozed_until TEXT, updated_at TEXT NOT NULL,
              PRIMARY KEY (staff_id, reminder_key)
            ) WITHOUT ROWID;
            """)
    }
}

/// `work_potential_customer`: prospects from the fund chain turned into potential customers (潜在客户) of a
/// relationship manager, one per prospect.
enum PotentialCustomerTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE work_potential_customer (
              id TEXT PRIMARY KEY, prospect_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, bank_code TEXT, owner_id TEXT NOT NULL,
              opportunity_id TEXT NOT NULL, schedule_id TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL
            );
            """)
    }
}
