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

/// The prospect ranking's cache of the 11 complete months before the as-of month (migration `v6-prospect-cache`),
/// so that a day regroups only its own month. Out-of-bank rows of public bodies are left out; our customers' names,
/// which change from day to day, are left out when ranking. Each table is a function of `app_counterparty_month` and
/// the current main managers alone, so a rollback and reload leaves them as a first load does.
///
/// - `app_prospect_cache_state`: the as-of month the cache was built for (one row).
/// - `app_prospect_pair`: per counterparty and customer, the flow, `MAX` name and bank code over the 11 months, and
///   the months with rows as a bit mask (bit n - 1 for month number n: 11 consecutive months never share one).
/// - `app_prospect_base`: per counterparty, the same over its pairs (customers = pairs, months = the bits set in any
///   pair), with the main manager whose customers deal with it most.
/// - `app_prospect_manager`: the main managers that `app_prospect_base`'s top staff were attributed by.
/// - `app_prospect_stale`: pairs whose earlier months a reversal (or its rollback) changed, to read again.
enum ProspectCacheTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE app_prospect_cache_state (month TEXT NOT NULL);
            CREATE TABLE app_prospect_pair (
              counterparty_key TEXT NOT NULL, customer_id TEXT NOT NULL, flow INTEGER NOT NULL, name TEXT NOT NULL,
              bank_code TEXT, months INTEGER NOT NULL,
              PRIMARY KEY (counterparty_key, customer_id)
            ) WITHOUT ROWID;
            CREATE INDEX app_prospect_pair_customer ON app_prospect_pair(customer_id);
            CREATE TABLE app_prospect_base (
              counterparty_key TEXT PRIMARY KEY, name TEXT NOT NULL, bank_code TEXT, flow INTEGER NOT NULL,
              customers INTEGER NOT NULL, months INTEGER NOT NULL, top_staff_id TEXT, top_staff_flow INTEGER
            ) WITHOUT ROWID;
            CREATE TABLE app_prospect_manager (
              customer_id TEXT NOT NULL, staff_id TEXT NOT NULL, PRIMARY KEY (customer_id, staff_id)
            ) WITHOUT ROWID;
            CREATE TABLE app_prospect_stale (
              counterparty_key TEXT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (counterparty_key, customer_id)
            ) WITHOUT ROWID;
            """)
    }
}
