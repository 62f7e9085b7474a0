import CRMCore
import GRDB

/// Fund-flow aggregates (`app_fundflow_day`, `app_counterparty_month`) per domain.md.
///
/// Only kind NORMAL counts, and never a reversed transaction; same-name transfers are kept apart from
/// the four 行内/行外 来款/走款 totals and from the counterparty list. The same statements add a day,
/// take back what a later reversal cancels, and put it back when a run rolls back past that reversal.
enum FundFlowStep {
    /// Adds (`sign` 1) or takes back (`sign` -1) the transactions selected by `filter` (an SQL condition on
    /// `base_transaction`, with `arguments`).
    static func accumulate(_ db: Database, sign: Int, filter: String, arguments: StatementArguments,
                           dailyTotals: Bool = true, counterparties: Bool = true) throws {
        if dailyTotals {
            try db.execute(sql: """
                INSERT INTO app_fundflow_day(customer_id, biz_date, in_bank_in, out_bank_in, in_bank_out, out_bank_out,
                  same_name_in, same_name_out)
                SELECT customer_id, biz_date,
                  \(sign) * SUM(CASE WHEN same_name = 0 AND counterparty_in_bank = 1 AND direction = 'C' THEN amount ELSE 0 END),
                  \(sign) * SUM(CASE WHEN same_name = 0 AND counterparty_in_bank = 0 AND direction = 'C' THEN amount ELSE 0 END),
                  \(sign) * SUM(CASE WHEN same_name = 0 AND counterparty_in_bank = 1 AND direction = 'D' THEN amount ELSE 0 END),
                  \(sign) * SUM(CASE WHEN same_name = 0 AND counterparty_in_bank = 0 AND direction = 'D' THEN amount ELSE 0 END),
                  \(sign) * SUM(CASE WHEN same_name = 1 AND direction = 'C' THEN amount ELSE 0 END),
                  \(sign) * SUM(CASE WHEN same_name = 1 AND direction = 'D' THEN amount ELSE 0 END)
                FROM base_transaction WHERE kind = 'NORMAL' AND reversed_on IS NULL AND (\(filter))
                GROUP BY customer_id, biz_date
                ON CONFLICT(customer_id, biz_date) DO UPDATE SET
                  in_bank_in = in_bank_in + excluded.in_bank_in, out_bank_in = out_bank_in + excluded.out_bank_in,
                  in_bank_out = in_bank_out + excluded.in_bank_out, out_bank_out = out_bank_out + excluded.out_bank_out,
                  same_name_in = same_name_in + excluded.same_name_in, same_name_out = same_name_out + excluded.same_name_out
                """, arguments: arguments)
        }
        if counterparties {
            try db.execute(sql: """
                INSERT INTO app_counterparty_month(customer_id, month, counterparty_key, counterparty_name, counterparty_account,
                  counterparty_bank_code, in_bank, inflow, outflow, supplier_payments, buyer_payments)
                SELECT customer_id, substr(biz_date, 1, 7), counterparty_key, MAX(counterparty_name), MAX(counterparty_account),
                  MAX(counterparty_bank_code), MAX(counterparty_in_bank),
                  \(sign) * SUM(CASE WHEN direction = 'C' THEN amount ELSE 0 END),
                  \(sign) * SUM(CASE WHEN direction = 'D' THEN amount ELSE 0 END),
                  \(sign) * SUM(CASE WHEN direction = 'D' AND \(purposeCondition(FundFlowRules.supplierPurposeWords)) THEN 1 ELSE 0 END),
                  \(sign) * SUM(CASE WHEN direction = 'C' AND \(purposeCondition(FundFlowRules.buyerPurposeWords)) THEN 1 ELSE 0 END)
                FROM base_transaction
                WHERE kind = 'NORMAL' AND reversed_on IS NULL AND same_name = 0 AND counterparty_key <> '' AND (\(filter))
                GROUP BY customer_id, substr(biz_date, 1, 7), counterparty_key
                ON CONFLICT(customer_id, month, counterparty_key) DO UPDATE SET
                  inflow = inflow + excluded.inflow, outflow = outflow + excluded.outflow,
                  supplier_payments = supplier_payments + excluded.supplier_payments,
                  buyer_payments = buyer_payments + excluded.buyer_payments
                """, arguments: arguments)
        }
        if sign < 0 {
            // A row taken back to nothing would not exist had the transactions never counted.
            let touched = "customer_id IN (SELECT customer_id FROM base_transaction WHERE \(filter))"
            try db.execute(sql: """
                DELETE FROM app_fundflow_day WHERE \(touched) AND in_bank_in = 0 AND out_bank_in = 0 AND in_bank_out = 0
                  AND out_bank_out = 0 AND same_name_in = 0 AND same_name_out = 0
                """, arguments: arguments)
            try db.execute(sql: """
                DELETE FROM app_counterparty_month WHERE \(touched) AND inflow = 0 AND outflow = 0
                  AND supplier_payments = 0 AND buyer_payments = 0
                """, arguments: arguments)
        }
    }

    /// SQL that is true when `purpose` holds one of `words` and none of the excluded words (tax, payroll, utilities).
    static func purposeCondition(_ words: [String]) -> String {
        func anyOf(_ list: [String]) -> String {
            list.map { "instr(COALESCE(purpose, ''), '\($0.replacingOccurrences(of: "'", with: "''"))') > 0" }
                .joined(separator: " OR ")
        }
        return "((\(anyOf(words))) AND NOT (\(anyOf(FundFlowRules.excludedPurposeWords))))"
    }
}
