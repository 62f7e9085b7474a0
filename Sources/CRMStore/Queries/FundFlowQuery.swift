import CRMCore
import GRDB

/// One counterparty of a customer over a window, with its supply-chain role.
public struct CounterpartyFlow: Sendable, Equatable {
    public let name: String
    public let account: String?
    public let bankCode: String?
    public let inBank: Bool
    public let inflow: Int64
    public let outflow: Int64
    /// Distinct calendar months of the window with a flow.
    public let monthsActive: Int
    public let role: CounterpartyRole?
}

/// A customer's fund flows over a window (`crm fundflow`): the four 行内/行外 来款/走款 totals,
/// same-name transfers apart, and the counterparties.
public struct FundFlow: Sendable, Equatable {
    public let customerID: String
    public let from: BusinessDate
    public let to: BusinessDate
    public var inBankIn: Int64 = 0
    public var outBankIn: Int64 = 0
    public var inBankOut: Int64 = 0
    public var outBankOut: Int64 = 0
    public var sameNameIn: Int64 = 0
    public var sameNameOut: Int64 = 0
    public var counterparties: [CounterpartyFlow] = []
}

public enum FundFlowQuery {
    public static func customer(_ db: Database, id: String, from: BusinessDate, to: BusinessDate) throws -> FundFlow {
        try LoadedDates.requireCustomer(db, id)
        guard from <= to else { throw QueryError.badRange(from: from, to: to) }
        var flow = FundFlow(customerID: id, from: from, to: to)
        let window: StatementArguments = ["id": id, "from": from.description, "to": to.description]
        // Whole months come from the monthly totals, the days at either edge from the daily ones: each is a key lookup.
        var months: [String] = []
        var days: [String] = []
        var date = from
        while date <= to {
            if date == date.startOfMonth && date.endOfMonth <= to {
                months.append(date.monthKey)
                date = date.endOfMonth.adding(days: 1)
            } else {
                days.append(date.description)
                date = date.adding(days: 1)
            }
        }
        for (table, period, keys) in [("app_fundflow_month", "month", months), ("app_fundflow_day", "biz_date", days)] where !keys.isEmpty {
            let totals = try Row.fetchOne(db, sql: """
                SELECT SUM(in_bank_in), SUM(out_bank_in), SUM(in_bank_out), SUM(out_bank_out), SUM(same_name_in), SUM(same_name_out)
                FROM \(table) WHERE \(period) IN (\(keys.map { _ in "?" }.joined(separator: ", "))) AND customer_id = ?
                """, arguments: StatementArguments(keys + [id]))
            flow.inBankIn += totals?[0] ?? 0
            flow.outBankIn += totals?[1] ?? 0
            flow.inBankOut += totals?[2] ?? 0
            flow.outBankOut += totals?[3] ?? 0
            flow.sameNameIn += totals?[4] ?? 0
            flow.sameNameOut += totals?[5] ?? 0
        }
        // Roles look at the 12 calendar months that end with the window's last month.
        let roleMonths = (0..<12).map { back in
            BusinessDate(year: to.year - (to.month - 1 < back ? 1 : 0), month: (to.month - 1 - back + 12) % 12 + 1, day: 1)!.monthKey
        }
        let args = window
        var windowMonths: [String] = []
        var month = from.startOfMonth
        while month <= to {
            windowMonths.append(month.monthKey)
            month = month.endOfMonth.adding(days: 1)
        }
        flow.counterparties = try Row.fetchAll(db, sql: """
            WITH window AS (
              SELECT counterparty_key, MAX(counterparty_name) AS name, MAX(counterparty_account) AS account,
                MAX(counterparty_bank_code) AS bank_code, MAX(counterparty_in_bank) AS in_bank,
                SUM(CASE WHEN direction = 'C' THEN amount ELSE 0 END) AS inflow,
                SUM(CASE WHEN direction = 'D' THEN amount ELSE 0 END) AS outflow,
                COUNT(DISTINCT substr(biz_date, 1, 7)) AS months_active
              FROM base_transaction
              WHERE substr(biz_date, 1, 7) IN (\(windowMonths.map { "'\($0)'" }.joined(separator: ", "))) AND customer_id = :id
                AND biz_date BETWEEN :from AND :to AND kind = 'NORMAL' AND reversed_on IS NULL
                AND same_name = 0 AND counterparty_key <> ''
              GROUP BY counterparty_key
            ),
            roles AS (
              SELECT counterparty_key, SUM(supplier_payments > 0) AS supplier_months, SUM(buyer_payments > 0) AS buyer_months
              FROM app_counterparty_month
              WHERE month IN (\(roleMonths.map { "'\($0)'" }.joined(separator: ", "))) AND customer_id = :id
              GROUP BY counterparty_key
            )
            SELECT w.*, COALESCE(r.supplier_months, 0) AS supplier_months, COALESCE(r.buyer_months, 0) AS buyer_months
            FROM window w LEFT JOIN roles r ON r.counterparty_key = w.counterparty_key
            ORDER BY w.inflow + w.outflow DESC, w.counterparty_key
            """, arguments: args).map { row in
            CounterpartyFlow(name: row["name"] ?? row["counterparty_key"], account: row["account"], bankCode: row["bank_code"],
                             inBank: row["in_bank"], inflow: row["inflow"], outflow: row["outflow"],
                             monthsActive: row["months_active"],
                             role: FundFlowRules.role(supplierMonths: row["supplier_months"], buyerMonths: row["buyer_months"]))
        }
        return flow
    }
}
