import CRMCore
import CRMStore
import GRDB

/// The churn warning (客户流失预警) of domain.md for one business date: every customer's figures gathered by one
/// set-based query, scored by `ChurnRules`, and the customers with a signal written to `app_churn`.
///
/// The figures come from what the batch already keeps: month-end `ind_customer_day` rows and `sum_period_days`
/// (monthly deposit averages, the MTD average), `app_fundflow_day` (30 days of outflows), `app_same_name_transfer`
/// and `app_activity_window` (the 30- and 90-day activity sums, rolled on by `ActivityWindowTables.advance` from
/// `app_activity_day`, which `recordDay` keeps), `base_loan` (a `SETTLED` contract received before its maturity date:
/// the date it was received is taken as the settlement date) and `base_credit_limit` (a limit whose end date is more
/// than 60 days past with no other limit of the customer ending later and starting within those 60 days).
enum ChurnStep {
    /// Adds the day's customer-initiated transactions (those appended after rowid `before`) to `app_activity_day` and
    /// its same-name transfers to other banks to `app_same_name_transfer`.
    static func recordDay(_ db: Database, transactionsAfter before: Int64) throws {
        let today: StatementArguments = ["before": before]
        try ChurnTables.accumulateActivity(db, sign: 1, filter: "rowid > :before", arguments: today)
        try ChurnTables.recordTransfers(db, filter: "rowid > :before", arguments: today)
    }

    /// Scores every customer received by `date` and replaces that date's `app_churn` rows.
    static func run(_ db: Database, date: BusinessDate, firstLoaded: BusinessDate) throws {
        let day = date.description
        // The last loaded date of each of the four calendar months before this one, with its elapsed days.
        var monthEnds: [(date: String, days: Int)?] = []
        var month = date.startOfMonth
        for _ in 0..<4 {
            month = month.adding(days: -1).startOfMonth
            let row = try Row.fetchOne(db, sql: """
                SELECT biz_date, days_month FROM sum_period_days WHERE biz_date BETWEEN ? AND ? ORDER BY biz_date DESC LIMIT 1
                """, arguments: [month.description, month.endOfMonth.description])
            monthEnds.append(row.map { (date: $0[0], days: $0[1]) })
        }
        let daysMonth = try Int.fetchOne(db, sql: "SELECT days_month FROM sum_period_days WHERE biz_date = ?", arguments: [day]) ?? 0
        let recentStart = date.adding(days: -(ChurnRules.recentDays - 1))
        let priorLoaded = firstLoaded <= recentStart.adding(days: -ChurnRules.priorDays)
        try ActivityWindowTables.advance(db, to: date)
        var arguments: StatementArguments = [
            "day": day, "recent": recentStart.description,
            "event": date.adding(days: -(ChurnRules.eventDays - 1)).description,
            "renewal": "+\(ChurnRules.renewalDays) days", "overdue": "+\(ChurnRules.renewalDays + 1) days",
        ]
        for (index, end) in monthEnds.enumerated() { arguments += ["m\(index + 1)": end?.date] }

        try db.execute(sql: "DELETE FROM app_churn WHERE biz_date = ?", arguments: [day])
        let insert = try BulkStatement(db, sql: """
            INSERT INTO app_churn(biz_date, customer_id, score, band, deposit_avg_m1, deposit_avg_m2, deposit_avg_m3,
              deposit_avg_m4, out_bank_outflow, total_outflow, transfer_amount, transfer_txn_id, mtd_average, txns_recent,
              txns_prior, settled_loan, unrenewed_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.customer_id,
              COALESCE(m1.deposit_bd_month, 0), COALESCE(m2.deposit_bd_month, 0), COALESCE(m3.deposit_bd_month, 0),
              COALESCE(m4.deposit_bd_month, 0), COALESCE(t.deposit_bd_month, 0),
              COALESCE(f.out_bank, 0), COALESCE(f.total, 0), x.amount, x.txn_id,
              COALESCE(a.recent, 0), COALESCE(a.prior, 0), l.contract_id, k.limit_id
            FROM base_customer c
            LEFT JOIN ind_customer_day m1 ON m1.biz_date = :m1 AND m1.customer_id = c.customer_id
            LEFT JOIN ind_customer_day m2 ON m2.biz_date = :m2 AND m2.customer_id = c.customer_id
            LEFT JOIN ind_customer_day m3 ON m3.biz_date = :m3 AND m3.customer_id = c.customer_id
            LEFT JOIN ind_customer_day m4 ON m4.biz_date = :m4 AND m4.customer_id = c.customer_id
            LEFT JOIN ind_customer_day t ON t.biz_date = :day AND t.customer_id = c.customer_id
            LEFT JOIN (
              SELECT customer_id, SUM(out_bank_out) AS out_bank, SUM(in_bank_out + out_bank_out) AS total
              FROM app_fundflow_day WHERE biz_date BETWEEN :recent AND :day GROUP BY customer_id
            ) f ON f.customer_id = c.customer_id
            LEFT JOIN (
              SELECT customer_id, amount, txn_id FROM (
                SELECT s.customer_id, s.amount, s.txn_id,
                  ROW_NUMBER() OVER (PARTITION BY s.customer_id ORDER BY s.amount DESC, s.txn_id) AS n
                FROM app_same_name_transfer s JOIN base_transaction b ON b.txn_id = s.txn_id AND b.reversed_on IS NULL
                WHERE s.biz_date BETWEEN :recent AND :day
              ) WHERE n = 1
            ) x ON x.customer_id = c.customer_id
            LEFT JOIN app_activity_window a ON a.customer_id = c.customer_id
            LEFT JOIN (
              SELECT customer_id, MIN(contract_id) AS contract_id FROM base_loan
              WHERE status = 'SETTLED' AND batch_date BETWEEN :event AND :day AND batch_date < maturity_date
              GROUP BY customer_id
            ) l ON l.customer_id = c.customer_id
            LEFT JOIN (
              SELECT e.customer_id, MIN(e.limit_id) AS limit_id FROM base_credit_limit e
              WHERE date(e.end_date, :overdue) BETWEEN :event AND :day
                AND NOT EXISTS (
                  SELECT 1 FROM base_credit_limit r
                  WHERE r.customer_id = e.customer_id AND r.limit_id <> e.limit_id AND r.end_date > e.end_date
                    AND r.start_date <= date(e.end_date, :renewal))
              GROUP BY e.customer_id
            ) k ON k.customer_id = c.customer_id
            WHERE c.first_batch_date <= :day
            ORDER BY c.customer_id
            """, arguments: arguments)
        while let row = try rows.next() {
            let averages: [Int64?] = monthEnds.enumerated().map { index, end in
                end.map { DailyAverage.average(balanceDays: row[index + 1], days: $0.days) }
            }
            let figures = ChurnFigures(
                monthAverages: averages, outOfBankOutflow: row[6], totalOutflow: row[7], largestTransfer: row[8],
                transferTxnID: row[9], mtdAverage: DailyAverage.average(balanceDays: row[5], days: daysMonth),
                recentTransactions: row[10], priorTransactions: priorLoaded ? row[11] : nil,
                earlySettledLoan: row[12], unrenewedLimit: row[13])
            let score = ChurnRules.score(ChurnRules.signals(figures))
            guard score > 0 else { continue }
            try insert.execute([
                .text(day), .text(row[0]), .int(Int64(score)), .text(ChurnBand(score: score).rawValue),
                .optional(averages[0]), .optional(averages[1]), .optional(averages[2]), .optional(averages[3]),
                .int(figures.outOfBankOutflow), .int(figures.totalOutflow), .optional(figures.largestTransfer),
                .optional(figures.transferTxnID), .int(figures.mtdAverage), .int(Int64(figures.recentTransactions)),
                .optional(figures.priorTransactions.map(Int64.init)), .optional(figures.earlySettledLoan),
                .optional(figures.unrenewedLimit),
            ])
        }
    }
}
