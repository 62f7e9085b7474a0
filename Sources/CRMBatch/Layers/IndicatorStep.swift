import CRMCore
import GRDB

/// The indicator layer (`ind_`): per customer, and rolled up per manager, org node and business line, per day.
///
/// A manager is credited with their share of each customer; an org node with the combined share of its
/// managers, rounded once per customer, so the head-office total equals the sum of the customers to the fen.
enum IndicatorStep {
    static func build(_ db: Database, date: BusinessDate, thresholds: TierThresholds) throws {
        let day = date.description
        try db.execute(sql: """
            INSERT INTO ind_customer_day(biz_date, customer_id, deposit_balance, deposit_bd_month, deposit_bd_quarter,
              deposit_bd_year, loan_balance, loan_bd_month, loan_bd_quarter, loan_bd_year, off_balance, wealth_balance)
            SELECT :day, customer_id,
              SUM(CASE WHEN kind = 'DEPOSIT' THEN balance ELSE 0 END),
              SUM(CASE WHEN kind = 'DEPOSIT' THEN bd_month ELSE 0 END),
              SUM(CASE WHEN kind = 'DEPOSIT' THEN bd_quarter ELSE 0 END),
              SUM(CASE WHEN kind = 'DEPOSIT' THEN bd_year ELSE 0 END),
              SUM(CASE WHEN kind = 'LOAN' THEN balance ELSE 0 END),
              SUM(CASE WHEN kind = 'LOAN' THEN bd_month ELSE 0 END),
              SUM(CASE WHEN kind = 'LOAN' THEN bd_quarter ELSE 0 END),
              SUM(CASE WHEN kind = 'LOAN' THEN bd_year ELSE 0 END),
              SUM(CASE WHEN kind = 'OFF_BALANCE' THEN balance ELSE 0 END),
              SUM(CASE WHEN kind = 'WEALTH' THEN balance ELSE 0 END)
            FROM sum_account_balance GROUP BY customer_id
            """, arguments: ["day": day])
        try buildOrgClosure(db)
        let daysYear = try Int.fetchOne(db, sql: "SELECT days_year FROM sum_period_days WHERE biz_date = ?", arguments: [day]) ?? 1
        // Effective when the rounded YTD average reaches the minimum: S/N >= min - 0.5, i.e. 2S >= (2 min - 1) N.
        let effective = "(2 * c.deposit_bd_year >= \(2 * thresholds.effectiveAccountMinimum - 1) * \(daysYear))"
        let weighted = weightedSums(share: "w.share_bp")
        try db.execute(sql: """
            WITH weights AS (
              SELECT m.customer_id, 'STAFF' AS dimension, m.staff_id AS member_id, m.share_bp,
                     CASE WHEN m.role = 'MAIN' THEN 1 ELSE 0 END AS counts
              FROM base_customer_manager m
              UNION ALL
              SELECT m.customer_id, 'ORG', a.ancestor_id, SUM(m.share_bp), MAX(CASE WHEN m.role = 'MAIN' THEN 1 ELSE 0 END)
              FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
              JOIN temp.org_closure a ON a.org_id = s.org_id
              GROUP BY m.customer_id, a.ancestor_id
              UNION ALL
              SELECT customer_id, 'LINE', line, 10000, 1 FROM base_customer
            )
            INSERT INTO ind_rollup_day(biz_date, dimension, member_id, deposit_balance, deposit_bd_month, deposit_bd_quarter,
              deposit_bd_year, loan_balance, loan_bd_month, loan_bd_quarter, loan_bd_year, customers, effective_customers)
            SELECT :day, w.dimension, w.member_id, \(weighted),
              SUM(w.counts), SUM(CASE WHEN w.counts = 1 AND \(effective) THEN 1 ELSE 0 END)
            FROM weights w JOIN ind_customer_day c ON c.biz_date = :day AND c.customer_id = w.customer_id
            GROUP BY w.dimension, w.member_id
            """, arguments: ["day": day])
    }

    /// `SUM(round(column x share / 10000))` for each balance column, rounding half away from zero.
    private static func weightedSums(share: String) -> String {
        let columns = ["deposit_balance", "deposit_bd_month", "deposit_bd_quarter", "deposit_bd_year",
                       "loan_balance", "loan_bd_month", "loan_bd_quarter", "loan_bd_year"]
        return columns.map { column in
            "SUM(CASE WHEN c.\(column) >= 0 THEN (c.\(column) * \(share) + 5000) / 10000 "
                + "ELSE -((-c.\(column) * \(share) + 5000) / 10000) END)"
        }.joined(separator: ", ")
    }

    /// `temp.org_closure(org_id, ancestor_id)`: every org with itself and all its ancestors.
    private static func buildOrgClosure(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.org_closure;
            CREATE TEMP TABLE org_closure AS
            WITH RECURSIVE up(org_id, ancestor_id, depth) AS (
              SELECT org_id, org_id, 0 FROM base_org
              UNION ALL
              SELECT up.org_id, o.parent_id, up.depth + 1 FROM up JOIN base_org o ON o.org_id = up.ancestor_id
              WHERE o.parent_id IS NOT NULL AND up.depth < 16
            )
            SELECT DISTINCT org_id, ancestor_id FROM up;
            """)
    }
}
