import CRMCore
import CRMStore
import GRDB

/// Fund-flow aggregates (`app_fundflow_day`, `app_fundflow_month`, `app_counterparty_month`) per domain.md.
///
/// Only kind NORMAL counts, and never a reversed transaction; same-name transfers are kept apart from
/// the four 行内/行外 来款/走款 totals and from the counterparty list. The same statements add a day,
/// take back what a later reversal cancels, and put it back when a run rolls back past that reversal.
enum FundFlowStep {
    /// Which aggregates to write.
    struct Targets: OptionSet {
        let rawValue: Int
        /// `app_fundflow_day`.
        static let days = Targets(rawValue: 1)
        /// `app_fundflow_month` and `app_counterparty_month`.
        static let months = Targets(rawValue: 2)
        static let all: Targets = [.days, .months]
    }

    /// Adds (`sign` 1) or takes back (`sign` -1) the transactions selected by `filter` (an SQL condition on
    /// `base_transaction`, with `arguments`).
    static func accumulate(_ db: Database, sign: Int, filter: String, arguments: StatementArguments,
                           targets: Targets = .all) throws {
        // The selected rows are copied out first. Grouped straight from base_transaction by month and customer,
        // the query planner would walk the whole month-led customer index to skip a sort: all of history, daily.
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.flow_rows;
            CREATE TEMP TABLE flow_rows AS
              SELECT customer_id, biz_date, direction, amount, same_name, counterparty_key, counterparty_name,
                counterparty_account, counterparty_bank_code, counterparty_in_bank, purpose
              FROM base_transaction WHERE kind = 'NORMAL' AND reversed_on IS NULL AND (\(filter));
            """, arguments: arguments)
        if targets.contains(.days) {
            try accumulateTotals(db, table: "app_fundflow_day", period: "biz_date", periodOf: "biz_date", sign: sign)
        }
        if targets.contains(.months) {
            try accumulateTotals(db, table: "app_fundflow_month", period: "month", periodOf: "substr(biz_date, 1, 7)", sign: sign)
            try db.execute(sql: """
                INSERT INTO app_counterparty_month(customer_id, month, counterparty_key, counterparty_name, counterparty_account,
                  counterparty_bank_code, in_bank, inflow, outflow, supplier_payments, buyer_payments)
                SELECT customer_id, substr(biz_date, 1, 7), counterparty_key, MAX(counterparty_name), MAX(counterparty_account),
                  MAX(counterparty_bank_code), MAX(counterparty_in_bank),
                  \(sign) * SUM(CASE WHEN direction = 'C' THEN amount ELSE 0 END),
                  \(sign) * SUM(CASE WHEN direction = 'D' THEN amount ELSE 0 END),
                  \(sign) * SUM(CASE WHEN direction = 'D' AND \(purposeCondition(FundFlowRules.supplierPurposeWords)) THEN 1 ELSE 0 END),
                  \(sign) * SUM(CASE WHEN direction = 'C' AND \(purposeCondition(FundFlowRules.buyerPurposeWords)) THEN 1 ELSE 0 END)
                FROM temp.flow_rows WHERE same_name = 0 AND counterparty_key <> ''
                GROUP BY substr(biz_date, 1, 7), customer_id, counterparty_key
                ON CONFLICT(month, customer_id, counterparty_key) DO UPDATE SET
                  inflow = inflow + excluded.inflow, outflow = outflow + excluded.outflow,
                  supplier_payments = supplier_payments + excluded.supplier_payments,
                  buyer_payments = buyer_payments + excluded.buyer_payments
                """)
            try ProspectStep.markStale(db)
        }
        if sign < 0 {
            // A row taken back to nothing would not exist had the transactions never counted. Each touched row is
            // deleted by its key: a row-value IN over the whole table would scan all of history every day.
            let zeroTotals = "in_bank_in = 0 AND out_bank_in = 0 AND in_bank_out = 0 AND out_bank_out = 0 AND same_name_in = 0 AND same_name_out = 0"
            let day = try BulkStatement(db, sql: "DELETE FROM app_fundflow_day WHERE biz_date = ? AND customer_id = ? AND \(zeroTotals)")
            let month = try BulkStatement(db, sql: "DELETE FROM app_fundflow_month WHERE month = ? AND customer_id = ? AND \(zeroTotals)")
            let counterparty = try BulkStatement(db, sql: """
                DELETE FROM app_counterparty_month WHERE month = ? AND customer_id = ? AND inflow = 0 AND outflow = 0
                  AND supplier_payments = 0 AND buyer_payments = 0
                """)
            let touched = try Row.fetchAll(db, sql: "SELECT DISTINCT biz_date, customer_id FROM temp.flow_rows")
            for row in touched {
                let date: String = row[0]
                let customer: String = row[1]
                try day.execute([.text(date), .text(customer)])
                try month.execute([.text(String(date.prefix(7))), .text(customer)])
                try counterparty.execute([.text(String(date.prefix(7))), .text(customer)])
            }
        }
    }

    /// Adds the four 行内/行外 来款/走款 totals and the same-name transfers of `temp.flow_rows` to `table`,
    /// keyed by the period `periodOf` computes (the day, or the month).
    private static func accumulateTotals(_ db: Database, table: String, period: String, periodOf: String, sign: Int) throws {
        try db.execute(sql: """
            INSERT INTO \(table)(\(period), customer_id, in_bank_in, out_bank_in, in_bank_out, out_bank_out,
              same_name_in, same_name_out)
            SELECT \(periodOf), customer_id,
              \(sign) * SUM(CASE WHEN same_name = 0 AND counterparty_in_bank = 1 AND direction = 'C' THEN amount ELSE 0 END),
              \(sign) * SUM(CASE WHEN same_name = 0 AND counterparty_in_bank = 0 AND direction = 'C' THEN amount ELSE 0 END),
              \(sign) * SUM(CASE WHEN same_name = 0 AND counterparty_in_bank = 1 AND direction = 'D' THEN amount ELSE 0 END),
              \(sign) * SUM(CASE WHEN same_name = 0 AND counterparty_in_bank = 0 AND direction = 'D' THEN amount ELSE 0 END),
              \(sign) * SUM(CASE WHEN same_name = 1 AND direction = 'C' THEN amount ELSE 0 END),
              \(sign) * SUM(CASE WHEN same_name = 1 AND direction = 'D' THEN amount ELSE 0 END)
            FROM temp.flow_rows WHERE true
            GROUP BY \(periodOf), customer_id
            ON CONFLICT(\(period), customer_id) DO UPDATE SET
              in_bank_in = in_bank_in + excluded.in_bank_in, out_bank_in = out_bank_in + excluded.out_bank_in,
              in_bank_out = in_bank_out + excluded.in_bank_out, out_bank_out = out_bank_out + excluded.out_bank_out,
              same_name_in = same_name_in + excluded.same_name_in, same_name_out = same_name_out + excluded.same_name_out
            """)
    }

    /// The customer-initiated transaction kinds as an SQL list (`'LOAN_DRAW', 'LOAN_REPAY', 'NORMAL'`),
    /// for rule A and the last active day.
    static let customerInitiatedKindsSQL = ChurnTables.customerInitiatedKindsSQL

    /// SQL that is true when `purpose` holds one of `words` and none of the excluded words (tax, payroll, utilities).
    static func purposeCondition(_ words: [String]) -> String {
        func anyOf(_ list: [String]) -> String {
            list.map { "instr(COALESCE(purpose, ''), '\($0.replacingOccurrences(of: "'", with: "''"))') > 0" }
                .joined(separator: " OR ")
        }
        return "((\(anyOf(words))) AND NOT (\(anyOf(FundFlowRules.excludedPurposeWords))))"
    }
}
