import CRMCore
import CRMStore
import GRDB

/// Ranks the out-of-bank counterparties by domain.md's prospect score (资金链潜在客户推荐) into `app_prospect`, as of
/// one business date, from `app_counterparty_month` (whose counterparty keys are the names normalised by
/// `FundFlowRules.normalizedName`).
///
/// - The 12 months are the date's month and the 11 before it. A counterparty is out-of-bank when its rows are
///   (`in_bank = 0`), and is left out when its name is one of our customers' names or names a public body
///   (`FundFlowRules.publicBodyNameWords`: the treasury, tax, social insurance, the housing fund).
/// - Flow = inflow + outflow with our customers over the 12 months; customers = our distinct customers it dealt
///   with; active months = months with any such flow; region match = the CNAPS area code of its bank (digits 4 to 7
///   of `counterparty_bank_code`: the extracts carry no region for a counterparty) equals that of one of our orgs'
///   bank codes.
/// - The percentile of a value among the N counterparties ranked is (how many have a value at or below it) / N, so
///   the largest is 1 and ties share the higher rank.
/// - Parts, in hundredths of a point with integer division (floor): flow 4,000 x at-or-below / N; customers
///   2,500 x at-or-below / N; months 2,000 x months / 12; region 1,500 or 0. Score = their sum. Rank: score, then
///   flow, descending, then the key.
/// - The staff member whose customers deal with it most: the main managers' sums of their customers' flows with it,
///   the largest (ties by staff id).
///
/// The 11 months before the date's month are kept in `ProspectCacheTables`, built again when the as-of month changes;
/// a day reads its own month's rows, merges them into the cache for the counterparties they touch, and ranks.
enum ProspectStep {
    static func run(_ db: Database, date: BusinessDate) throws {
        let months = cachedMonths(before: date)
        if try String.fetchOne(db, sql: "SELECT month FROM app_prospect_cache_state") != date.monthKey {
            try rebuild(db, month: date.monthKey, months: months)
        } else {
            try refreshStale(db, months: months)
            try refreshReassigned(db)
        }
        try rank(db, date: date)
    }

    /// Empties the cache, as when nothing is loaded.
    static func clear(_ db: Database) throws {
        for table in ["app_prospect_cache_state", "app_prospect_pair", "app_prospect_base", "app_prospect_manager",
                      "app_prospect_stale"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
    }

    /// Records the pairs of `temp.flow_rows` (see `FundFlowStep.accumulate`) in months the cache holds, so that the
    /// next run reads them again.
    static func markStale(_ db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO app_prospect_stale(counterparty_key, customer_id)
              SELECT DISTINCT counterparty_key, customer_id FROM temp.flow_rows
              WHERE same_name = 0 AND counterparty_key <> ''
                AND substr(biz_date, 1, 7) < (SELECT month FROM app_prospect_cache_state)
            """)
    }

    /// The month keys of the 11 months before `date`'s, oldest first.
    private static func cachedMonths(before date: BusinessDate) -> [String] {
        var months: [String] = []
        var month = date.startOfMonth
        for _ in 0..<11 {
            month = month.adding(days: -1).startOfMonth
            months.insert(month.monthKey, at: 0)
        }
        return months
    }

    /// SQL true for a counterparty key naming a public body.
    private static let publicBody = FundFlowRules.publicBodyNameWords.map { "instr(counterparty_key, '\($0)') > 0" }
        .joined(separator: " OR ")

    /// Selects the pair columns of `app_prospect_pair` from `app_counterparty_month` rows under `condition`.
    private static func pairSelect(_ condition: String) -> String {
        """
        SELECT counterparty_key, customer_id, SUM(inflow + outflow), MAX(counterparty_name), MAX(counterparty_bank_code),
          SUM(1 << (CAST(substr(month, 6, 2) AS INTEGER) - 1))
        FROM app_counterparty_month
        WHERE \(condition) AND in_bank = 0 AND NOT (\(publicBody))
        GROUP BY counterparty_key, customer_id
        """
    }

    /// Builds the cache for the as-of month `month` from the 11 `months` before it, with today's main managers.
    private static func rebuild(_ db: Database, month: String, months: [String]) throws {
        try clear(db)
        try db.execute(sql: "INSERT INTO app_prospect_cache_state(month) VALUES (?)", arguments: [month])
        try db.execute(sql: "INSERT INTO app_prospect_pair \(pairSelect("month BETWEEN ? AND ?"))",
                       arguments: [months.first!, months.last!])
        try db.execute(sql: "INSERT INTO app_prospect_manager SELECT customer_id, staff_id FROM base_customer_manager WHERE role = 'MAIN'")
        try refreshBase(db, keys: nil)
    }

    /// Reads the stale pairs again from `app_counterparty_month`, then their counterparties' aggregates.
    private static func refreshStale(_ db: Database, months: [String]) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM app_prospect_stale)") == true else { return }
        let monthList = months.map { "'\($0)'" }.joined(separator: ", ")
        try db.execute(sql: """
            DELETE FROM app_prospect_pair WHERE (counterparty_key, customer_id) IN (SELECT counterparty_key, customer_id FROM app_prospect_stale);
            INSERT INTO app_prospect_pair \(pairSelect("""
              month IN (\(monthList)) AND (customer_id, counterparty_key) IN (SELECT customer_id, counterparty_key FROM app_prospect_stale)
              """));
            DROP TABLE IF EXISTS temp.prospect_keys;
            CREATE TEMP TABLE prospect_keys(counterparty_key TEXT PRIMARY KEY);
            INSERT OR IGNORE INTO temp.prospect_keys SELECT counterparty_key FROM app_prospect_stale;
            DELETE FROM app_prospect_stale;
            """)
        try refreshBase(db, keys: "temp.prospect_keys")
    }

    /// Brings `app_prospect_manager` to today's main managers, attributing again the counterparties of the customers
    /// whose main managers changed.
    private static func refreshReassigned(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.prospect_reassigned;
            CREATE TEMP TABLE prospect_reassigned AS SELECT DISTINCT customer_id FROM (
              SELECT * FROM (SELECT customer_id, staff_id FROM base_customer_manager WHERE role = 'MAIN'
                             EXCEPT SELECT customer_id, staff_id FROM app_prospect_manager)
              UNION ALL
              SELECT * FROM (SELECT customer_id, staff_id FROM app_prospect_manager
                             EXCEPT SELECT customer_id, staff_id FROM base_customer_manager WHERE role = 'MAIN'));
            """)
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM temp.prospect_reassigned)") == true else { return }
        try db.execute(sql: """
            DELETE FROM app_prospect_manager WHERE customer_id IN (SELECT customer_id FROM temp.prospect_reassigned);
            INSERT INTO app_prospect_manager SELECT customer_id, staff_id FROM base_customer_manager
              WHERE role = 'MAIN' AND customer_id IN (SELECT customer_id FROM temp.prospect_reassigned);
            DROP TABLE IF EXISTS temp.prospect_keys;
            CREATE TEMP TABLE prospect_keys(counterparty_key TEXT PRIMARY KEY);
            INSERT OR IGNORE INTO temp.prospect_keys SELECT counterparty_key FROM app_prospect_pair
              WHERE customer_id IN (SELECT customer_id FROM temp.prospect_reassigned);
            DROP TABLE temp.prospect_reassigned;
            """)
        try refreshBase(db, keys: "temp.prospect_keys")
    }

    /// The per-counterparty top main manager of the pair rows in `pairs` (columns counterparty_key, customer_id,
    /// flow): counterparty_key, staff_id, flow.
    private static func topStaff(_ pairs: String) -> String {
        """
        SELECT counterparty_key, staff_id, flow FROM (
          SELECT p.counterparty_key, m.staff_id, SUM(p.flow) AS flow,
            ROW_NUMBER() OVER (PARTITION BY p.counterparty_key ORDER BY SUM(p.flow) DESC, m.staff_id) AS n
          FROM \(pairs) p JOIN base_customer_manager m ON m.customer_id = p.customer_id AND m.role = 'MAIN'
          GROUP BY p.counterparty_key, m.staff_id
        ) WHERE n = 1
        """
    }

    /// Computes `app_prospect_base` again from `app_prospect_pair` for the counterparties in the table `keys`
    /// (one column, counterparty_key), or for all when nil; drops `keys`.
    private static func refreshBase(_ db: Database, keys: String?) throws {
        let only = keys.map { "WHERE counterparty_key IN (SELECT counterparty_key FROM \($0))" } ?? ""
        let months = (0..<12).map { "MAX((months >> \($0)) & 1)" }.joined(separator: " + ")
        try db.execute(sql: """
            DELETE FROM app_prospect_base \(only);
            DROP TABLE IF EXISTS temp.prospect_staff;
            CREATE TEMP TABLE prospect_staff(counterparty_key TEXT PRIMARY KEY, staff_id TEXT NOT NULL, flow INTEGER NOT NULL);
            INSERT INTO temp.prospect_staff \(topStaff("(SELECT * FROM app_prospect_pair \(only))"));
            INSERT INTO app_prospect_base(counterparty_key, name, bank_code, flow, customers, months, top_staff_id, top_staff_flow)
              SELECT p.counterparty_key, p.name, p.bank_code, p.flow, p.customers, p.months, s.staff_id, s.flow
              FROM (SELECT counterparty_key, MAX(name) AS name, MAX(bank_code) AS bank_code, SUM(flow) AS flow,
                      COUNT(*) AS customers, \(months) AS months
                    FROM app_prospect_pair \(only) GROUP BY counterparty_key) p
              LEFT JOIN temp.prospect_staff s ON s.counterparty_key = p.counterparty_key;
            DROP TABLE temp.prospect_staff;
            """)
        if let keys { try db.execute(sql: "DROP TABLE \(keys)") }
    }

    /// Merges the date's month with the cache for the counterparties it touches and ranks all into `app_prospect`.
    private static func rank(_ db: Database, date: BusinessDate) throws {
        try db.execute(sql: """
            DELETE FROM app_prospect;
            DROP TABLE IF EXISTS temp.prospect_pair;
            CREATE TEMP TABLE prospect_pair AS
              SELECT counterparty_key, customer_id, inflow + outflow AS flow, counterparty_name AS name,
                counterparty_bank_code AS bank_code
              FROM app_counterparty_month WHERE month = :month AND in_bank = 0 AND NOT (\(publicBody));
            CREATE INDEX temp.prospect_pair_key ON prospect_pair(counterparty_key);
            INSERT INTO temp.prospect_pair
              SELECT p.counterparty_key, p.customer_id, p.flow, p.name, p.bank_code FROM app_prospect_pair p
              WHERE p.counterparty_key IN (SELECT counterparty_key FROM temp.prospect_pair);
            DROP TABLE IF EXISTS temp.prospect_staff;
            CREATE TEMP TABLE prospect_staff(counterparty_key TEXT PRIMARY KEY, staff_id TEXT NOT NULL, flow INTEGER NOT NULL);
            INSERT INTO temp.prospect_staff \(topStaff("temp.prospect_pair"));
            """, arguments: ["month": date.monthKey])
        try db.execute(sql: """
            WITH active AS (
              SELECT p.counterparty_key, MAX(p.name) AS name, MAX(p.bank_code) AS bank_code, SUM(p.flow) AS flow,
                COUNT(DISTINCT p.customer_id) AS customers
              FROM temp.prospect_pair p GROUP BY p.counterparty_key
            ),
            base AS (
              SELECT a.counterparty_key, a.name, a.bank_code, a.flow, a.customers, COALESCE(b.months, 0) + 1 AS months,
                s.staff_id, s.flow AS staff_flow
              FROM active a LEFT JOIN app_prospect_base b ON b.counterparty_key = a.counterparty_key
                LEFT JOIN temp.prospect_staff s ON s.counterparty_key = a.counterparty_key
              UNION ALL
              SELECT counterparty_key, name, bank_code, flow, customers, months, top_staff_id, top_staff_flow
              FROM app_prospect_base WHERE counterparty_key NOT IN (SELECT counterparty_key FROM temp.prospect_pair)
            ),
            ranked AS (
              SELECT *, COUNT(*) OVER (ORDER BY flow) AS flow_le, COUNT(*) OVER (ORDER BY customers) AS customers_le,
                COUNT(*) OVER () AS population,
                COALESCE(substr(bank_code, 4, 4) IN (
                  SELECT substr(bank_code, 4, 4) FROM base_org WHERE length(bank_code) = 12
                ), 0) AS region_match
              FROM base WHERE counterparty_key NOT IN (SELECT name FROM base_customer)
            ),
            parts AS (
              SELECT *, 4000 * flow_le / population AS flow_part, 2500 * customers_le / population AS customers_part,
                2000 * months / 12 AS months_part, 1500 * region_match AS region_part
              FROM ranked
            )
            INSERT INTO app_prospect(counterparty_key, name, bank_code, flow, customers, active_months, region_match,
              flow_at_or_below, customers_at_or_below, population, flow_part, customers_part, months_part, region_part,
              score, top_staff_id, top_staff_flow, rank, as_of)
            SELECT x.counterparty_key, x.name, x.bank_code, x.flow, x.customers, x.months, x.region_match,
              x.flow_le, x.customers_le, x.population, x.flow_part, x.customers_part, x.months_part, x.region_part,
              x.flow_part + x.customers_part + x.months_part + x.region_part, x.staff_id, COALESCE(x.staff_flow, 0),
              ROW_NUMBER() OVER (ORDER BY x.flow_part + x.customers_part + x.months_part + x.region_part DESC, x.flow DESC,
                x.counterparty_key),
              :day
            FROM parts x
            """, arguments: ["day": date.description])
        try db.execute(sql: "DROP TABLE temp.prospect_pair; DROP TABLE temp.prospect_staff")
    }
}
