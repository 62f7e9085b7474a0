import GRDB

/// `app_customer_search`: the keys bank-wide customer search (全行客户查询) matches, one row per customer.
///
/// `pinyin` and `initials` are those of the name, lower case, with no spaces or apostrophes; `managers` holds the
/// names of the customer's managers, main first, so a manager's name finds their customers. The batch keeps it
/// (`CustomerSearchIndex`); a database loaded before this migration gets its index here, once.
enum SearchTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE app_customer_search (
              customer_id TEXT PRIMARY KEY, name TEXT NOT NULL, pinyin TEXT NOT NULL, initials TEXT NOT NULL,
              uscc TEXT NOT NULL, managers TEXT NOT NULL
            ) WITHOUT ROWID;
            """)
        try CustomerSearchIndex.refresh(db, .all)
    }
}
