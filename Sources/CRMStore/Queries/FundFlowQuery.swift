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
        let (months, days) = try periods(db, from: from, to: to)
        for (table, period, keys) in [("app_fundflow_month", "month", months), ("app_fundflow_day", "biz_date", days)] where !keys.isEmpty {
            let totals = try Row.fetchOne(db, sql: """
                SELECT SUM(in_bank_in), SUM(out_bank_in), SUM(in_bank_out), SUM(out_bank_out), SUM(same_name_in), SUM(same_name_out)
                FROM \(table) WHERE \(period) IN (\(databaseQuestionMarks(count: keys.count))) AND customer_id = ?
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
        // Counterparties of whole months come from their monthly rows, which a replica holds; only the days of
        // a month the window cuts are read from the transactions, which stay on the server.
        flow.counterparties = try Row.fetchAll(db, sql: """
            WITH part AS (
              SELECT counterparty_key, counterparty_name AS name, counterparty_account AS account, counterparty_bank_code AS bank_code,
                in_bank, inflow, outflow, month
              FROM app_counterparty_month WHERE month IN (\(databaseQuestionMarks(count: months.count))) AND customer_id = ?
              UNION ALL
              SELECT counterparty_key, counterparty_name, counterparty_account, counterparty_bank_code, counterparty_in_bank,
                CASE WHEN direction = 'C' THEN amount ELSE 0 END, CASE WHEN direction = 'D' THEN amount ELSE 0 END, substr(biz_date, 1, 7)
              FROM base_transaction
              WHERE biz_date IN (\(databaseQuestionMarks(count: days.count))) AND customer_id = ? AND kind = 'NORMAL' AND reversed_on IS NULL
                AND same_name = 0 AND counterparty_key <> ''
            ),
            window AS (
              SELECT counterparty_key, MAX(name) AS name, MAX(account) AS account, MAX(bank_code) AS bank_code,
                MAX(in_bank) AS in_bank, SUM(inflow) AS inflow, SUM(outflow) AS outflow,
                COUNT(DISTINCT CASE WHEN inflow <> 0 OR outflow <> 0 THEN month END) AS months_active
              FROM part GROUP BY counterparty_key HAVING SUM(inflow) <> 0 OR SUM(outflow) <> 0
            ),
            roles AS (
              SELECT counterparty_key, SUM(supplier_payments > 0) AS supplier_months, SUM(buyer_payments > 0) AS buyer_months
              FROM app_counterparty_month
              WHERE month IN (\(databaseQuestionMarks(count: roleMonths.count))) AND customer_id = ?
              GROUP BY counterparty_key
            )
            SELECT w.*, COALESCE(r.supplier_months, 0) AS supplier_months, COALESCE(r.buyer_months, 0) AS buyer_months
            FROM window w LEFT JOIN roles r ON r.counterparty_key = w.counterparty_key
            ORDER BY w.inflow + w.outflow DESC, w.counterparty_key
            """, arguments: StatementArguments(months + [id] + days + [id] + roleMonths + [id])).map { row in
            CounterpartyFlow(name: row["name"] ?? row["counterparty_key"], account: row["account"], bankCode: row["bank_code"],
                             inBank: row["in_bank"], inflow: row["inflow"], outflow: row["outflow"],
                             monthsActive: row["months_active"],
                             role: FundFlowRules.role(supplierMonths: row["supplier_months"], buyerMonths: row["buyer_months"]))
        }
        return flow
    }

    /// The window as months whose every loaded date lies inside it (read from the monthly aggregates, which hold
    /// exactly the loaded dates) and the remaining dates (read day by day): each is a key lookup.
    private static func periods(_ db: Database, from: BusinessDate, to: BusinessDate) throws -> (months: [String], days: [String]) {
        var touched: [String] = []
        var month = from.startOfMonth
        while month <= to {
            touched.append(month.monthKey)
            month = month.endOfMonth.adding(days: 1)
        }
        let loaded = try Row.fetchAll(db, sql: """
            SELECT substr(biz_date, 1, 7), MIN(biz_date), MAX(biz_date) FROM if_batch
            WHERE substr(biz_date, 1, 7) IN (\(databaseQuestionMarks(count: touched.count))) GROUP BY 1
            """, arguments: StatementArguments(touched))
        let whole = Set(loaded.filter { ($0[1] as String) >= from.description && ($0[2] as String) <= to.description }.map { $0[0] as String })
        var days: [String] = []
        var date = from
        while date <= to {
            if !whole.contains(date.monthKey) { days.append(date.description) }
            date = date.adding(days: 1)
        }
        return (touched.filter(whole.contains), days)
    }
}
