import GRDB

/// `work_` tables of customer tags (客户标签): groups of tags that users make, and which customers carry them.
/// Rule tags (战略, 有效, 低效, 睡眠, 潜在) are not stored: they are read from the batch's customer status.
enum TagTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE work_tag_group (
              id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_by TEXT NOT NULL, created_at TEXT NOT NULL
            );
            CREATE TABLE work_tag (
              id TEXT PRIMARY KEY, group_id TEXT NOT NULL REFERENCES work_tag_group(id), name TEXT NOT NULL,
              created_by TEXT NOT NULL, created_at TEXT NOT NULL,
              UNIQUE (group_id, name)
            );
            CREATE TABLE work_customer_tag (
              tag_id TEXT NOT NULL REFERENCES work_tag(id), customer_id TEXT NOT NULL, tagged_by TEXT NOT NULL, tagged_at TEXT NOT NULL,
              PRIMARY KEY (tag_id, customer_id)
            ) WITHOUT ROWID;
            CREATE INDEX work_customer_tag_customer ON work_customer_tag(customer_id);
            """)
    }
}

/// `work_` tables of customer groups (客户群): sets of customers a user puts together, e.g. a borrower with the
/// companies that return deposits to it. A group belongs to the member of staff who made it.
enum CustomerGroupTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE work_customer_group (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT NOT NULL, created_at TEXT NOT NULL,
              UNIQUE (owner, name)
            );
            CREATE TABLE work_customer_group_member (
              group_id TEXT NOT NULL REFERENCES work_customer_group(id), customer_id TEXT NOT NULL, added_at TEXT NOT NULL,
              PRIMARY KEY (group_id, customer_id)
            ) WITHOUT ROWID;
            """)
    }
}

/// `work_manager_assignment`: reassignments of a customer's managers (营销关系分配) made in the CRM. Each takes
/// effect on the business date after the one loaded when it was made; the batch applies it on that date after the
/// day's extracts, and again whenever that date is reloaded.
enum AssignmentTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE work_manager_assignment (
              id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, managers TEXT NOT NULL, effective_date TEXT NOT NULL,
              assigned_by TEXT NOT NULL, assigned_at TEXT NOT NULL
            );
            CREATE INDEX work_manager_assignment_date ON work_manager_assignment(effective_date, assigned_at);
            CREATE INDEX work_manager_assignment_customer ON work_manager_assignment(customer_id, effective_date);
            """)
    }
}
