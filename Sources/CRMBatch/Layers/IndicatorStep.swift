import CRMCore
import CRMStore
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
        try rollUp(db, day: day, thresholds: thresholds)
    }

    /// The roll-ups, summed in memory: SQL would evaluate the rounding expression for every weight and column,
    /// which costs more than the rest of the day's indicators together.
    private static func rollUp(_ db: Database, day: String, thresholds: TierThresholds) throws {
        let daysYear = Int64(try Int.fetchOne(db, sql: "SELECT days_year FROM sum_period_days WHERE biz_date = ?", arguments: [day]) ?? 1)
        var figures: [String: [Int64]] = [:]
        let customers = try Row.fetchCursor(db, sql: """
            SELECT customer_id, \(columns.joined(separator: ", ")) FROM ind_customer_day WHERE biz_date = ?
            """, arguments: [day])
        while let row = try customers.next() {
            figures[row[0]] = (1...columns.count).map { row[$0] }
        }
        let yearColumn = columns.firstIndex(of: "deposit_bd_year")!
        var totals: [(dimension: String, member: String, sums: [Int64], customers: Int64, effective: Int64)] = []
        let weights = try Row.fetchCursor(db, sql: """
            SELECT dimension, member_id, customer_id, share_bp, counts FROM sum_customer_weight ORDER BY dimension, member_id
            """)
        while let row = try weights.next() {
            guard let values = figures[row[2]] else { continue }
            let dimension: String = row[0]
            let member: String = row[1]
            let share: Int64 = row[3]
            let counts: Int64 = row[4]
            if totals.last?.dimension != dimension || totals.last?.member != member {
                totals.append((dimension, member, Array(repeating: 0, count: columns.count), 0, 0))
            }
            let last = totals.count - 1
            for index in values.indices {
                totals[last].sums[index] += Money.divideRounded(values[index] * share, by: 10_000)
            }
            totals[last].customers += counts
            // Effective when the rounded YTD average reaches the minimum.
            if counts == 1, DailyAverage.average(balanceDays: values[yearColumn], days: Int(daysYear)) >= thresholds.effectiveAccountMinimum {
                totals[last].effective += 1
            }
        }
        let insert = try BulkStatement(db, sql: """
            INSERT INTO ind_rollup_day(biz_date, dimension, member_id, \(columns.joined(separator: ", ")), customers,
              effective_customers) VALUES (?, ?, ?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?, ?)
            """)
        for total in totals {
            try insert.execute([.text(day), .text(total.dimension), .text(total.member)] + total.sums.map(SQLValue.int)
                               + [.int(total.customers), .int(total.effective)])
        }
    }

    /// The balance columns that roll up.
    private static let columns = ["deposit_balance", "deposit_bd_month", "deposit_bd_quarter", "deposit_bd_year",
                                  "loan_balance", "loan_bd_month", "loan_bd_quarter", "loan_bd_year"]

    /// Which customers' weights to rebuild.
    enum WeightScope {
        /// Everyone: after org or staff changes, and after a rollback.
        case all
        /// Customers whose record or manager set arrived on this business date.
        case changedOn(String)
    }

    /// Rebuilds `sum_customer_weight`: each customer's share credited to each manager (counted for the main one),
    /// to each org node (the combined share of its managers there) and to its business line. It changes only
    /// when orgs, staff, customers or their managers change, so the daily roll-up does not rebuild it.
    static func refreshWeights(_ db: Database, _ scope: WeightScope) throws {
        try buildOrgClosure(db)
        let filter: String
        var arguments: StatementArguments = [:]
        switch scope {
        case .all:
            filter = "customer_id IS NOT NULL"
            try db.execute(sql: "DELETE FROM sum_customer_weight")
        case .changedOn(let day):
            try db.execute(sql: """
                DROP TABLE IF EXISTS temp.weight_changed;
                CREATE TEMP TABLE weight_changed(customer_id TEXT PRIMARY KEY);
                INSERT OR IGNORE INTO temp.weight_changed
                  SELECT customer_id FROM base_customer_manager_history WHERE batch_date = :day
                  UNION SELECT customer_id FROM base_customer WHERE batch_date = :day;
                DELETE FROM sum_customer_weight WHERE customer_id IN (SELECT customer_id FROM temp.weight_changed);
                """, arguments: ["day": day])
            filter = "customer_id IN (SELECT customer_id FROM temp.weight_changed)"
            arguments = ["day": day]
        }
        try db.execute(sql: """
            INSERT INTO sum_customer_weight(dimension, member_id, customer_id, share_bp, counts)
            SELECT 'STAFF', m.staff_id, m.customer_id, m.share_bp, CASE WHEN m.role = 'MAIN' THEN 1 ELSE 0 END
            FROM base_customer_manager m WHERE m.\(filter)
            UNION ALL
            SELECT 'ORG', a.ancestor_id, m.customer_id, SUM(m.share_bp), MAX(CASE WHEN m.role = 'MAIN' THEN 1 ELSE 0 END)
            FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
            JOIN temp.org_closure a ON a.org_id = s.org_id
            WHERE m.\(filter)
            GROUP BY m.customer_id, a.ancestor_id
            UNION ALL
            SELECT 'LINE', line, customer_id, 10000, 1 FROM base_customer WHERE \(filter)
            """, arguments: arguments)
        try db.execute(sql: "DROP TABLE temp.org_closure; DROP TABLE IF EXISTS temp.weight_changed")
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
