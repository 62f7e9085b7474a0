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
enum ProspectStep {
    static func run(_ db: Database, date: BusinessDate) throws {
        var first = date.startOfMonth
        for _ in 0..<11 { first = first.adding(days: -1).startOfMonth }
        let window: StatementArguments = ["from": first.monthKey, "to": date.monthKey]
        let publicBody = FundFlowRules.publicBodyNameWords.map { "instr(counterparty_key, '\($0)') > 0" }.joined(separator: " OR ")
        try db.execute(sql: """
            DELETE FROM app_prospect;
            DROP TABLE IF EXISTS temp.prospect_pair;
            CREATE TEMP TABLE prospect_pair AS
              SELECT counterparty_key, customer_id, SUM(inflow + outflow) AS flow, MAX(counterparty_name) AS name,
                MAX(counterparty_bank_code) AS bank_code
              FROM app_counterparty_month
              WHERE month BETWEEN :from AND :to AND in_bank = 0
                AND counterparty_key NOT IN (SELECT name FROM base_customer) AND NOT (\(publicBody))
              GROUP BY counterparty_key, customer_id;
            DROP TABLE IF EXISTS temp.prospect_months;
            CREATE TEMP TABLE prospect_months AS
              SELECT counterparty_key, COUNT(DISTINCT month) AS months FROM app_counterparty_month
              WHERE month BETWEEN :from AND :to AND in_bank = 0 GROUP BY counterparty_key;
            CREATE UNIQUE INDEX temp.prospect_months_key ON prospect_months(counterparty_key);
            DROP TABLE IF EXISTS temp.prospect_staff;
            CREATE TEMP TABLE prospect_staff(counterparty_key TEXT PRIMARY KEY, staff_id TEXT NOT NULL, flow INTEGER NOT NULL);
            INSERT INTO temp.prospect_staff
              SELECT counterparty_key, staff_id, flow FROM (
                SELECT p.counterparty_key, m.staff_id, SUM(p.flow) AS flow,
                  ROW_NUMBER() OVER (PARTITION BY p.counterparty_key ORDER BY SUM(p.flow) DESC, m.staff_id) AS n
                FROM temp.prospect_pair p JOIN base_customer_manager m ON m.customer_id = p.customer_id AND m.role = 'MAIN'
                GROUP BY p.counterparty_key, m.staff_id
              ) WHERE n = 1;
            """, arguments: window)
        try db.execute(sql: """
            WITH base AS (
              SELECT p.counterparty_key, MAX(p.name) AS name, MAX(p.bank_code) AS bank_code, SUM(p.flow) AS flow,
                COUNT(*) AS customers, m.months
              FROM temp.prospect_pair p JOIN temp.prospect_months m ON m.counterparty_key = p.counterparty_key
              GROUP BY p.counterparty_key
            ),
            ranked AS (
              SELECT *, COUNT(*) OVER (ORDER BY flow) AS flow_le, COUNT(*) OVER (ORDER BY customers) AS customers_le,
                COUNT(*) OVER () AS population,
                COALESCE(substr(bank_code, 4, 4) IN (
                  SELECT substr(bank_code, 4, 4) FROM base_org WHERE length(bank_code) = 12
                ), 0) AS region_match
              FROM base
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
              x.flow_part + x.customers_part + x.months_part + x.region_part, s.staff_id, COALESCE(s.flow, 0),
              ROW_NUMBER() OVER (ORDER BY x.flow_part + x.customers_part + x.months_part + x.region_part DESC, x.flow DESC,
                x.counterparty_key),
              :day
            FROM parts x LEFT JOIN temp.prospect_staff s ON s.counterparty_key = x.counterparty_key
            """, arguments: ["day": date.description])
        try db.execute(sql: "DROP TABLE temp.prospect_pair; DROP TABLE temp.prospect_months; DROP TABLE temp.prospect_staff")
    }
}
