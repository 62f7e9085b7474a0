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

/// The prospect ranking's cache of its 12-month window (the as-of month and the 11 before it), kept up to date by
/// the changes of `app_counterparty_month` alone, so that a day's cost follows the rows it changed rather than
/// history (migration `v7-rolling-caches`; `v6-prospect-cache` had cached the 11 months before the as-of month).
/// Out-of-bank rows of public bodies are left out; our customers' names, which change from day to day, are left out
/// when ranking. Each table is a function of `app_counterparty_month` and the current main managers alone, so a
/// rollback and reload leaves them as a first load does.
///
/// - `app_prospect_cache_state`: the as-of month the window ends with (one row).
/// - `app_prospect_row`: the rows of `app_counterparty_month` the cache has counted: month, customer and
///   counterparty, the flow (inflow + outflow), name and bank code. A day compares the rows it changed with them.
/// - `app_prospect_pair`: per counterparty and customer, the flow and the number of rows (months) over the window.
/// - `app_prospect_value`: per counterparty, how many rows carry each name (`kind` `NAME`), bank code (`BANK`, none
///   for no code) and month (`MONTH`), so that `MAX` and the active months follow rows leaving the window.
/// - `app_prospect_staff`: per counterparty and main manager (as `app_prospect_manager` attributes them), the flow
///   and the number of pairs of the manager's customers.
/// - `app_prospect_base`: per counterparty, the figures ranked: `MAX` name and bank code, flow, customers (pairs),
///   active months, and the main manager whose customers deal with it most.
/// - `app_prospect_manager`: the main managers `app_prospect_staff` is attributed by.
/// - `app_prospect_stale`: rows of `app_counterparty_month` written since the last run (by a day, a reversal, a
///   rollback), to compare with `app_prospect_row`.
enum ProspectCacheTables {
    /// The `v6-prospect-cache` layout (the 11 months before the as-of month), which `recreate` replaces.
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

    /// Turns the `v6-prospect-cache` tables into the rolling window's, empty; the next run builds the cache.
    static func recreate(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM app_prospect_cache_state;
            DELETE FROM app_prospect_base;
            DELETE FROM app_prospect_manager;
            DROP TABLE app_prospect_pair;
            DROP TABLE app_prospect_stale;
            CREATE TABLE app_prospect_row (
              month TEXT NOT NULL, customer_id TEXT NOT NULL, counterparty_key TEXT NOT NULL, flow INTEGER NOT NULL,
              name TEXT NOT NULL, bank_code TEXT,
              PRIMARY KEY (month, customer_id, counterparty_key)
            ) WITHOUT ROWID;
            CREATE TABLE app_prospect_pair (
              counterparty_key TEXT NOT NULL, customer_id TEXT NOT NULL, flow INTEGER NOT NULL, rows INTEGER NOT NULL,
              PRIMARY KEY (counterparty_key, customer_id)
            ) WITHOUT ROWID;
            CREATE INDEX app_prospect_pair_customer ON app_prospect_pair(customer_id);
            CREATE TABLE app_prospect_value (
              counterparty_key TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('NAME', 'BANK', 'MONTH')),
              value TEXT NOT NULL, rows INTEGER NOT NULL,
              PRIMARY KEY (counterparty_key, kind, value)
            ) WITHOUT ROWID;
            CREATE TABLE app_prospect_staff (
              counterparty_key TEXT NOT NULL, staff_id TEXT NOT NULL, flow INTEGER NOT NULL, pairs INTEGER NOT NULL,
              PRIMARY KEY (counterparty_key, staff_id)
            ) WITHOUT ROWID;
            CREATE TABLE app_prospect_stale (
              month TEXT NOT NULL, customer_id TEXT NOT NULL, counterparty_key TEXT NOT NULL,
              PRIMARY KEY (month, customer_id, counterparty_key)
            ) WITHOUT ROWID;
            """)
    }
}
