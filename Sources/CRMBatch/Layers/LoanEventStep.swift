import CRMCore
import GRDB

/// 贷款变动提醒: records the day's loan changes in `app_loan_event`. Drawdowns and repayments come from the day's
/// transactions of kind `LOAN_DRAW` and `LOAN_REPAY` (with the contract of the loan account); early settlements
/// and classification changes from the loan rows as they arrive (`LoanLoader` compares them with the stored row).
enum LoanEventStep {
    /// The drawdowns and repayments among the transactions appended after rowid `before`.
    static func fromTransactions(_ db: Database, after before: Int64) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO app_loan_event(biz_date, event_id, kind, customer_id, contract_id, amount, detail)
            SELECT t.biz_date, t.txn_id, CASE t.kind WHEN 'LOAN_DRAW' THEN 'DRAWDOWN' ELSE 'REPAYMENT' END, t.customer_id,
                   (SELECT l.contract_id FROM base_loan l WHERE l.account_no = t.account_no ORDER BY l.start_date DESC LIMIT 1),
                   t.amount, COALESCE(t.purpose, '')
            FROM base_transaction t WHERE t.rowid > ? AND t.kind IN ('LOAN_DRAW', 'LOAN_REPAY')
            """, arguments: [before])
    }

    /// What a loan row arriving on `date` changes against the stored one: an early settlement (active before,
    /// settled now, before its maturity) and a change of five-level classification.
    static func changes(old: (status: String, classification: String)?, status: String, classification: String, maturity: BusinessDate,
                        date: BusinessDate) -> [(kind: String, detail: String)] {
        guard let old else { return [] }
        var events: [(String, String)] = []
        if old.status == "ACTIVE", status == "SETTLED", maturity > date {
            events.append(("EARLY_SETTLEMENT", "到期日 \(maturity)"))
        }
        if old.classification != classification {
            events.append(("CLASSIFICATION", "\(old.classification)→\(classification)"))
        }
        return events
    }
}
