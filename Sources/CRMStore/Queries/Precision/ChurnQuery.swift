import CRMCore
import GRDB

/// One customer's churn warning (客户流失预警) on a business date.
public struct ChurnWarning: Sendable, Equatable {
    public let customerID: String
    public let customerName: String
    /// 0 to 100.
    public let score: Int
    public let band: ChurnBand
    /// The signals that fired, in the order of domain.md's points table, with the figures they fired on.
    public let signals: [ChurnSignal]
}

/// Reads the churn warnings the batch stored in `app_churn`.
public enum ChurnQuery {
    /// The customers in scope with at least one signal on `date` (a loaded date), highest score first, then by
    /// customer id; only those of `band` when given. A customer with no signal scored 0 and is not listed.
    public static func warnings(_ db: Database, asOf date: BusinessDate, scope: DataScope, band: ChurnBand? = nil,
                                limit: Int = -1) throws -> [ChurnWarning] {
        try LoadedDates.require(db, date)
        let condition = scope.customerCondition("h.customer_id")
        return try Row.fetchAll(db, sql: """
            SELECT h.customer_id, c.name, h.score, h.band, h.deposit_avg_m1, h.deposit_avg_m2, h.deposit_avg_m3,
              h.deposit_avg_m4, h.out_bank_outflow, h.total_outflow, h.transfer_amount, h.transfer_txn_id, h.mtd_average,
              h.txns_recent, h.txns_prior, h.settled_loan, h.unrenewed_limit
            FROM app_churn h JOIN base_customer c ON c.customer_id = h.customer_id
            WHERE h.biz_date = ? AND (? IS NULL OR h.band = ?) AND \(condition.sql)
            ORDER BY h.score DESC, h.customer_id
            LIMIT ?
            """, arguments: [date.description, band?.rawValue, band?.rawValue] + condition.arguments + [limit]).map { row in
            let figures = ChurnFigures(
                monthAverages: [row[4], row[5], row[6], row[7]], outOfBankOutflow: row[8], totalOutflow: row[9],
                largestTransfer: row[10], transferTxnID: row[11], mtdAverage: row[12], recentTransactions: row[13],
                priorTransactions: row[14], earlySettledLoan: row[15], unrenewedLimit: row[16])
            return ChurnWarning(customerID: row[0], customerName: row[1], score: row[2], band: ChurnBand(rawValue: row[3]) ?? .green,
                                signals: ChurnRules.signals(figures))
        }
    }
}
