import CRMCore
import GRDB

/// One month of a scope's fund flows: the four 行内/行外 来款/走款 totals of its customers.
public struct FundFlowMonth: Sendable, Equatable {
    public let month: String
    public let inBankIn: Int64
    public let outBankIn: Int64
    public let inBankOut: Int64
    public let outBankOut: Int64
}

/// A counterparty of a scope's customers over twelve months, with how many of them deal with it.
public struct ScopeCounterparty: Sendable, Equatable {
    public let name: String
    public let inBank: Bool
    public let inflow: Int64
    public let outflow: Int64
    public let customers: Int
    public let role: CounterpartyRole?
}

/// Fund-chain analysis for a team, a branch or the bank (资金链分析): the customers in a scope taken together.
public enum ScopeFundFlowQuery {
    /// The four totals of each of the 12 calendar months up to `through`'s month, oldest first.
    public static func trend(_ db: Database, scope: DataScope, through: BusinessDate) throws -> [FundFlowMonth] {
        let months = twelveMonths(through)
        let condition = scope.customerCondition("customer_id")
        var byMonth: [String: Row] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT month, SUM(in_bank_in), SUM(out_bank_in), SUM(in_bank_out), SUM(out_bank_out) FROM app_fundflow_month
            WHERE month BETWEEN ? AND ? AND \(condition.sql) GROUP BY month
            """, arguments: [months.first!, months.last!] + condition.arguments) {
            byMonth[row[0]] = row
        }
        return months.map { month in
            let row = byMonth[month]
            return FundFlowMonth(month: month, inBankIn: row?[1] ?? 0, outBankIn: row?[2] ?? 0, inBankOut: row?[3] ?? 0, outBankOut: row?[4] ?? 0)
        }
    }

    /// The largest counterparties of the scope's customers over the 12 months, with their supply-chain role
    /// (upstream when paid for goods in at least three of the months, downstream when paying for them).
    public static func counterparties(_ db: Database, scope: DataScope, through: BusinessDate, limit: Int = 100) throws -> [ScopeCounterparty] {
        let months = twelveMonths(through)
        let condition = scope.customerCondition("customer_id")
        return try Row.fetchAll(db, sql: """
            SELECT MAX(counterparty_name), MAX(in_bank), SUM(inflow), SUM(outflow), COUNT(DISTINCT customer_id),
                   COUNT(DISTINCT CASE WHEN supplier_payments > 0 THEN month END), COUNT(DISTINCT CASE WHEN buyer_payments > 0 THEN month END)
            FROM app_counterparty_month WHERE month BETWEEN ? AND ? AND \(condition.sql)
            GROUP BY counterparty_key ORDER BY SUM(inflow) + SUM(outflow) DESC, counterparty_key LIMIT ?
            """, arguments: [months.first!, months.last!] + condition.arguments + [limit]).map { row in
            ScopeCounterparty(name: row[0], inBank: row[1], inflow: row[2], outflow: row[3], customers: row[4],
                              role: FundFlowRules.role(supplierMonths: row[5], buyerMonths: row[6]))
        }
    }

    /// `YYYY-MM` of the 12 months ending with `date`'s, oldest first.
    static func twelveMonths(_ date: BusinessDate) -> [String] {
        var months = [date.monthKey]
        var start = date.startOfMonth
        for _ in 0..<11 {
            start = start.adding(days: -1).startOfMonth
            months.insert(start.monthKey, at: 0)
        }
        return months
    }
}
