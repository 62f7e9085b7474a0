import GRDB

/// `app_prospect` (migration `v5-prospects`): the out-of-bank counterparties ranked by domain.md's prospect score as
/// of the last loaded date (`as_of`). State, not history: each day replaces it, and a rollback computes it again for
/// the day before. Scores and their parts are in hundredths of a point (100 points = 10,000).
enum ProspectTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE app_prospect (
              counterparty_key TEXT PRIMARY KEY, name TEXT NOT NULL, bank_code TEXT,
              flow INTEGER NOT NULL, customers INTEGER NOT NULL, active_months INTEGER NOT NULL,
              region_match INTEGER NOT NULL, flow_at_or_below INTEGER NOT NULL, customers_at_or_below INTEGER NOT NULL,
              population INTEGER NOT NULL,
              flow_part INTEGER NOT NULL, customers_part INTEGER NOT NULL, months_part INTEGER NOT NULL,
              region_part INTEGER NOT NULL, score INTEGER NOT NULL,
              top_staff_id TEXT, top_staff_flow INTEGER NOT NULL, rank INTEGER NOT NULL UNIQUE, as_of TEXT NOT NULL
            );
            """)
    }
}
