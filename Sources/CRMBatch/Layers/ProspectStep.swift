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
/// The whole window is kept in `ProspectCacheTables` and changed by the rows of `app_counterparty_month` that changed
/// (marked stale as they are written): a day compares those rows with the ones it counted before and adds the
/// differences, a new month takes the oldest month's counted rows back the same way, and the counterparties touched
/// get their figures again from the cache; then all are ranked. The cache is built from scratch on the first run, or
/// after a rollback into an earlier month.
enum ProspectStep {
    /// Brings the cache to the window ending with `date`'s month and replaces `app_prospect` with its ranking.
    static func run(_ db: Database, date: BusinessDate) throws {
        let month = date.monthKey
        let window = firstMonth(of: date)...month
        let cached = try String.fetchOne(db, sql: "SELECT month FROM app_prospect_cache_state")
        try db.execute(sql: "DROP TABLE IF EXISTS temp.prospect_keys; CREATE TEMP TABLE prospect_keys(counterparty_key TEXT PRIMARY KEY)")
        if cached == month {
            try applyStale(db, window: window)
        } else if cached == date.startOfMonth.adding(days: -1).monthKey {
            // A new month: the counted rows of the month 12 back are taken back, read from the cache alone.
            try db.execute(sql: "UPDATE app_prospect_cache_state SET month = ?", arguments: [month])
            try db.execute(sql: """
                DROP TABLE IF EXISTS temp.prospect_delta;
                CREATE TEMP TABLE prospect_delta AS
                  SELECT month, customer_id, counterparty_key, 1 AS old_in, flow AS old_flow, name AS old_name,
                    bank_code AS old_bank, 0 AS new_in, 0 AS new_flow, NULL AS new_name, NULL AS new_bank
                  FROM app_prospect_row WHERE month < ?;
                """, arguments: [window.lowerBound])
            try applyDelta(db)
            try applyStale(db, window: window)
        } else {
            try rebuild(db, window: window)
        }
        try refreshReassigned(db)
        try refreshBase(db)
        try rank(db, date: date)
    }

    /// Empties the cache, as when nothing is loaded.
    static func clear(_ db: Database) throws {
        for table in ["app_prospect_cache_state", "app_prospect_row", "app_prospect_pair", "app_prospect_value",
                      "app_prospect_staff", "app_prospect_base", "app_prospect_manager", "app_prospect_stale"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
    }

    /// Records the rows of `temp.flow_rows` (see `FundFlowStep.accumulate`) as changed, so that the next run reads
    /// them again.
    static func markStale(_ db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO app_prospect_stale(month, customer_id, counterparty_key)
              SELECT DISTINCT substr(biz_date, 1, 7), customer_id, counterparty_key FROM temp.flow_rows
              WHERE same_name = 0 AND counterparty_key <> '' AND EXISTS (SELECT 1 FROM app_prospect_cache_state)
            """)
    }

    /// Records the counted rows of the months from `month` on as changed (a rollback deletes and rebuilds them).
    static func markStale(_ db: Database, fromMonth month: String) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO app_prospect_stale(month, customer_id, counterparty_key)
              SELECT month, customer_id, counterparty_key FROM app_prospect_row WHERE month >= ?
            """, arguments: [month])
    }

    /// The month key of the first of the 12 months ending with `date`'s.
    private static func firstMonth(of date: BusinessDate) -> String {
        var month = date.startOfMonth
        for _ in 0..<11 { month = month.adding(days: -1).startOfMonth }
        return month.monthKey
    }

    /// SQL true for a counterparty key (in `column`) naming a public body.
    private static func publicBody(_ column: String) -> String {
        FundFlowRules.publicBodyNameWords.map { "instr(\(column), '\($0)') > 0" }.joined(separator: " OR ")
    }

    /// The condition on `app_counterparty_month c` for a row the cache counts within `window`.
    private static func counted(_ window: ClosedRange<String>) -> String {
        "c.month BETWEEN '\(window.lowerBound)' AND '\(window.upperBound)' AND c.in_bank = 0 AND NOT (\(publicBody("c.counterparty_key")))"
    }

    /// Builds the cache for `window` from scratch, with today's main managers.
    private static func rebuild(_ db: Database, window: ClosedRange<String>) throws {
        try clear(db)
        try db.execute(sql: "INSERT INTO app_prospect_cache_state(month) VALUES (?)", arguments: [window.upperBound])
        try db.execute(sql: "INSERT INTO app_prospect_manager SELECT customer_id, staff_id FROM base_customer_manager WHERE role = 'MAIN'")
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.prospect_delta;
            CREATE TEMP TABLE prospect_delta AS
              SELECT c.month, c.customer_id, c.counterparty_key, 0 AS old_in, 0 AS old_flow, NULL AS old_name,
                NULL AS old_bank, 1 AS new_in, c.inflow + c.outflow AS new_flow, c.counterparty_name AS new_name,
                c.counterparty_bank_code AS new_bank
              FROM app_counterparty_month c WHERE \(counted(window));
            """)
        try applyDelta(db)
    }

    /// Compares the stale rows with the counted ones and adds the differences.
    private static func applyStale(_ db: Database, window: ClosedRange<String>) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.prospect_delta;
            CREATE TEMP TABLE prospect_delta AS SELECT * FROM (
              SELECT s.month, s.customer_id, s.counterparty_key,
                r.flow IS NOT NULL AS old_in, COALESCE(r.flow, 0) AS old_flow, r.name AS old_name, r.bank_code AS old_bank,
                c.month IS NOT NULL AS new_in, COALESCE(c.inflow + c.outflow, 0) AS new_flow,
                c.counterparty_name AS new_name, c.counterparty_bank_code AS new_bank
              FROM app_prospect_stale s
              LEFT JOIN app_prospect_row r
                ON r.month = s.month AND r.customer_id = s.customer_id AND r.counterparty_key = s.counterparty_key
              LEFT JOIN app_counterparty_month c
                ON c.month = s.month AND c.customer_id = s.customer_id AND c.counterparty_key = s.counterparty_key
                  AND \(counted(window))
            ) WHERE old_in <> new_in OR old_flow <> new_flow OR old_name IS NOT new_name OR old_bank IS NOT new_bank;
            DELETE FROM app_prospect_stale;
            """)
        try applyDelta(db)
    }

    /// Adds `temp.prospect_delta` (per row of `app_counterparty_month`: whether it was and is counted, its flow, name
    /// and bank code before and now) to the counted rows, pairs, values and managers' flows, and records the
    /// counterparties touched in `temp.prospect_keys`.
    private static func applyDelta(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM app_prospect_row WHERE (month, customer_id, counterparty_key) IN (
              SELECT month, customer_id, counterparty_key FROM temp.prospect_delta WHERE old_in);
            INSERT INTO app_prospect_row(month, customer_id, counterparty_key, flow, name, bank_code)
              SELECT month, customer_id, counterparty_key, new_flow, new_name, new_bank FROM temp.prospect_delta WHERE new_in;
            INSERT OR IGNORE INTO temp.prospect_keys SELECT counterparty_key FROM temp.prospect_delta;

            DROP TABLE IF EXISTS temp.prospect_pair_change;
            CREATE TEMP TABLE prospect_pair_change AS
              SELECT d.counterparty_key, d.customer_id, d.flow, d.rows,
                (COALESCE(p.rows, 0) + d.rows > 0) - (COALESCE(p.rows, 0) > 0) AS pairs
              FROM (SELECT counterparty_key, customer_id, SUM(new_flow - old_flow) AS flow, SUM(new_in - old_in) AS rows
                    FROM temp.prospect_delta GROUP BY counterparty_key, customer_id) d
              LEFT JOIN app_prospect_pair p ON p.counterparty_key = d.counterparty_key AND p.customer_id = d.customer_id;
            INSERT INTO app_prospect_pair(counterparty_key, customer_id, flow, rows)
              SELECT counterparty_key, customer_id, flow, rows FROM temp.prospect_pair_change WHERE true
              ON CONFLICT(counterparty_key, customer_id) DO UPDATE SET flow = flow + excluded.flow, rows = rows + excluded.rows;
            DELETE FROM app_prospect_pair WHERE rows = 0 AND (counterparty_key, customer_id) IN (
              SELECT counterparty_key, customer_id FROM temp.prospect_pair_change WHERE pairs < 0);

            INSERT INTO app_prospect_value(counterparty_key, kind, value, rows)
              SELECT counterparty_key, kind, value, SUM(rows) FROM (
                SELECT counterparty_key, 'NAME' AS kind, old_name AS value, -1 AS rows FROM temp.prospect_delta
                  WHERE old_in AND NOT (new_in AND new_name = old_name)
                UNION ALL SELECT counterparty_key, 'NAME', new_name, 1 FROM temp.prospect_delta
                  WHERE new_in AND NOT (old_in AND old_name = new_name)
                UNION ALL SELECT counterparty_key, 'BANK', old_bank, -1 FROM temp.prospect_delta
                  WHERE old_in AND old_bank IS NOT NULL AND NOT (new_in AND new_bank IS old_bank)
                UNION ALL SELECT counterparty_key, 'BANK', new_bank, 1 FROM temp.prospect_delta
                  WHERE new_in AND new_bank IS NOT NULL AND NOT (old_in AND old_bank IS new_bank)
                UNION ALL SELECT counterparty_key, 'MONTH', month, -1 FROM temp.prospect_delta WHERE old_in AND NOT new_in
                UNION ALL SELECT counterparty_key, 'MONTH', month, 1 FROM temp.prospect_delta WHERE new_in AND NOT old_in
              ) GROUP BY counterparty_key, kind, value HAVING SUM(rows) <> 0
              ON CONFLICT(counterparty_key, kind, value) DO UPDATE SET rows = rows + excluded.rows;
            DELETE FROM app_prospect_value WHERE rows = 0 AND counterparty_key IN (SELECT counterparty_key FROM temp.prospect_keys);

            INSERT INTO app_prospect_base(counterparty_key, name, bank_code, flow, customers, months)
              SELECT counterparty_key, '', NULL, SUM(flow), SUM(pairs), 0 FROM temp.prospect_pair_change
              GROUP BY counterparty_key
              ON CONFLICT(counterparty_key) DO UPDATE SET flow = flow + excluded.flow, customers = customers + excluded.customers;
            DROP TABLE temp.prospect_delta;
            """)
        try addStaff(db, pairs: "temp.prospect_pair_change", managers: "app_prospect_manager", sign: 1)
        try db.execute(sql: "DROP TABLE temp.prospect_pair_change")
    }

    /// Adds (`sign` 1) or takes back (-1) the flows and pair counts of `pairs` (counterparty_key, customer_id, flow,
    /// pairs) to `app_prospect_staff`, for each main manager of the customer in `managers` (customer_id, staff_id).
    private static func addStaff(_ db: Database, pairs: String, managers: String, sign: Int) throws {
        try db.execute(sql: """
            INSERT INTO app_prospect_staff(counterparty_key, staff_id, flow, pairs)
              SELECT p.counterparty_key, m.staff_id, \(sign) * SUM(p.flow), \(sign) * SUM(p.pairs)
              FROM \(pairs) p JOIN \(managers) m ON m.customer_id = p.customer_id
              GROUP BY p.counterparty_key, m.staff_id
              ON CONFLICT(counterparty_key, staff_id) DO UPDATE SET flow = flow + excluded.flow, pairs = pairs + excluded.pairs;
            """)
    }

    /// Brings `app_prospect_manager` to today's main managers, moving the pairs of the customers whose main managers
    /// changed from their old managers' flows to their new ones'.
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
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM temp.prospect_reassigned)") == true else {
            try db.execute(sql: "DROP TABLE temp.prospect_reassigned")
            return
        }
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.prospect_moved;
            CREATE TEMP TABLE prospect_moved AS SELECT counterparty_key, customer_id, flow, 1 AS pairs FROM app_prospect_pair
              WHERE customer_id IN (SELECT customer_id FROM temp.prospect_reassigned);
            INSERT OR IGNORE INTO temp.prospect_keys SELECT counterparty_key FROM temp.prospect_moved;
            """)
        try addStaff(db, pairs: "temp.prospect_moved", managers: "app_prospect_manager", sign: -1)
        try db.execute(sql: """
            DELETE FROM app_prospect_manager WHERE customer_id IN (SELECT customer_id FROM temp.prospect_reassigned);
            INSERT INTO app_prospect_manager SELECT customer_id, staff_id FROM base_customer_manager
              WHERE role = 'MAIN' AND customer_id IN (SELECT customer_id FROM temp.prospect_reassigned);
            """)
        try addStaff(db, pairs: "temp.prospect_moved", managers: "app_prospect_manager", sign: 1)
        try db.execute(sql: "DROP TABLE temp.prospect_moved; DROP TABLE temp.prospect_reassigned")
    }

    /// Works out the `MAX` name and bank code, the active months and the top manager of the counterparties in
    /// `temp.prospect_keys` again from the cache, dropping those left without pairs and managers without pairs.
    private static func refreshBase(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM app_prospect_staff WHERE pairs = 0 AND counterparty_key IN (SELECT counterparty_key FROM temp.prospect_keys);
            DELETE FROM app_prospect_base WHERE customers = 0 AND counterparty_key IN (SELECT counterparty_key FROM temp.prospect_keys);
            UPDATE app_prospect_base SET
              name = (SELECT MAX(value) FROM app_prospect_value v
                      WHERE v.counterparty_key = app_prospect_base.counterparty_key AND v.kind = 'NAME'),
              bank_code = (SELECT MAX(value) FROM app_prospect_value v
                           WHERE v.counterparty_key = app_prospect_base.counterparty_key AND v.kind = 'BANK'),
              months = (SELECT COUNT(*) FROM app_prospect_value v
                        WHERE v.counterparty_key = app_prospect_base.counterparty_key AND v.kind = 'MONTH'),
              (top_staff_id, top_staff_flow) = (SELECT staff_id, flow FROM app_prospect_staff s
                                                WHERE s.counterparty_key = app_prospect_base.counterparty_key
                                                ORDER BY flow DESC, staff_id LIMIT 1)
            WHERE counterparty_key IN (SELECT counterparty_key FROM temp.prospect_keys);
            DROP TABLE temp.prospect_keys;
            """)
    }

    /// Ranks the cached counterparties, our customers' names left out, into `app_prospect`.
    private static func rank(_ db: Database, date: BusinessDate) throws {
        try db.execute(sql: """
            DELETE FROM app_prospect;
            WITH ranked AS (
              SELECT *, COUNT(*) OVER (ORDER BY flow) AS flow_le, COUNT(*) OVER (ORDER BY customers) AS customers_le,
                COUNT(*) OVER () AS population,
                COALESCE(substr(bank_code, 4, 4) IN (
                  SELECT substr(bank_code, 4, 4) FROM base_org WHERE length(bank_code) = 12
                ), 0) AS region_match
              FROM app_prospect_base WHERE counterparty_key NOT IN (SELECT name FROM base_customer)
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
              x.flow_part + x.customers_part + x.months_part + x.region_part, x.top_staff_id, COALESCE(x.top_staff_flow, 0),
              ROW_NUMBER() OVER (ORDER BY x.flow_part + x.customers_part + x.months_part + x.region_part DESC, x.flow DESC,
                x.counterparty_key),
              :day
            FROM parts x
            """, arguments: ["day": date.description])
    }
}
