import CRMCore
import GRDB

/// The size and state of the loaded bank on its last business date (`crm demo` prints it).
public struct BankSummary: Sendable {
    public let loaded: ClosedRange<BusinessDate>
    public let orgsByLevel: [(level: String, count: Int)]
    public let staffByPosition: [(position: String, count: Int)]
    public let customers: Int
    public let customersByTier: [(tier: CustomerTier, count: Int)]
    public let effectiveCustomers: Int
    public let dormantCustomers: Int
    public let accounts: Int
    public let depositBalance: Int64
    public let depositYTDAverage: Int64
    public let loanBalance: Int64
    public let transactions: Int
    public let alertsOnLastDate: Int
    public let topDepositors: [(id: String, name: String, balance: Int64)]
}

public enum BankSummaryQuery {
    /// Nil when nothing is loaded.
    public static func summary(_ db: Database) throws -> BankSummary? {
        guard let loaded = try LoadedDates.range(db) else { return nil }
        let last = loaded.upperBound.description
        func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
            try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
        let totals = try Row.fetchOne(db, sql: """
            SELECT SUM(deposit_balance), SUM(deposit_bd_year), SUM(loan_balance) FROM ind_customer_day WHERE biz_date = ?
            """, arguments: [last])
        let daysYear = try count("SELECT days_year FROM sum_period_days WHERE biz_date = ?", [last])
        let tiers = try Row.fetchAll(db, sql: "SELECT tier, COUNT(*) FROM app_customer_status GROUP BY tier")
        let tierCounts = Dictionary(uniqueKeysWithValues: tiers.map { ($0[0] as String, $0[1] as Int) })
        return BankSummary(
            loaded: loaded,
            orgsByLevel: try Row.fetchAll(db, sql: """
                SELECT level, COUNT(*) FROM base_org GROUP BY level
                ORDER BY CASE level WHEN 'HQ' THEN 0 WHEN 'BRANCH' THEN 1 WHEN 'SUBBRANCH' THEN 2 ELSE 3 END
                """).map { ($0[0], $0[1]) },
            staffByPosition: try Row.fetchAll(db, sql: "SELECT position, COUNT(*) FROM base_staff GROUP BY position ORDER BY 2 DESC, 1")
                .map { ($0[0], $0[1]) },
            customers: try count("SELECT COUNT(*) FROM base_customer"),
            customersByTier: CustomerTier.allCases.map { ($0, tierCounts[$0.rawValue] ?? 0) },
            effectiveCustomers: try count("SELECT COUNT(*) FROM app_customer_status WHERE effective = 1"),
            dormantCustomers: try count("SELECT COUNT(*) FROM app_customer_status WHERE dormant = 1"),
            accounts: try count("SELECT COUNT(*) FROM base_account"),
            depositBalance: totals?[0] ?? 0,
            depositYTDAverage: DailyAverage.average(balanceDays: totals?[1] ?? 0, days: daysYear),
            loanBalance: totals?[2] ?? 0,
            transactions: try count("SELECT COUNT(*) FROM base_transaction"),
            alertsOnLastDate: try count("SELECT COUNT(*) FROM app_alert WHERE biz_date = ? AND status = 'ACTIVE'", [last]),
            topDepositors: try Row.fetchAll(db, sql: """
                SELECT c.customer_id, c.name, i.deposit_balance FROM ind_customer_day i
                JOIN base_customer c ON c.customer_id = i.customer_id
                WHERE i.biz_date = ? ORDER BY i.deposit_balance DESC, c.customer_id LIMIT 5
                """, arguments: [last]).map { ($0[0], $0[1], $0[2]) })
    }
}
