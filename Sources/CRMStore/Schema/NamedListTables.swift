import GRDB

/// `work_named_list`: named lists of customers (名单制客户管理, e.g. 平台, 房地产, 民营, 实体), each with the
/// customers put on it by hand or by import and, optionally, a membership rule that adds every customer matching
/// it (see `NamedListRule`).
enum NamedListTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE work_named_list (
              id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, rule TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL, created_at TEXT NOT NULL
            );
            CREATE TABLE work_named_list_member (
              list_id TEXT NOT NULL REFERENCES work_named_list(id), customer_id TEXT NOT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL,
              PRIMARY KEY (list_id, customer_id)
            ) WITHOUT ROWID;
            """)
    }
}
