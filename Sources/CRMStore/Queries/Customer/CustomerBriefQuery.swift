import CRMCore
import GRDB

/// A customer at a glance: what the alert and cockpit jumps open.
public struct CustomerBrief: Sendable, Equatable {
    public let customerID: String
    public let name: String
    public let uscc: String
    public let line: String
    public let industryCode: String
    public let status: String
    public let tier: CustomerTier
    public let tierRule: String
    public let dormant: Bool
    /// "name (main 60%)" per manager, main first.
    public let managers: [String]
    public let asOf: BusinessDate
    public let balances: CustomerBalances
    /// From the first of the as-of month to the as-of date.
    public let flows: FundFlow
    /// Large-movement alerts of the last 30 days, newest first.
    public let alerts: [CustomerAlert]
}

public enum CustomerBriefQuery {
    /// The customer's brief as of `asOf`, or an error when it does not exist or is outside the scope (the
    /// message does not tell the two apart, so the scope leaks nothing).
    public static func brief(_ db: Database, customerID: String, scope: DataScope, asOf: BusinessDate) throws -> CustomerBrief {
        let condition = scope.customerCondition("c.customer_id")
        guard let row = try Row.fetchOne(db, sql: """
            SELECT c.customer_id, c.name, c.uscc, c.line, c.industry_code, c.status,
                   COALESCE(s.tier, 'POTENTIAL'), COALESCE(s.tier_rule, ''), COALESCE(s.dormant, 0)
            FROM base_customer c LEFT JOIN app_customer_status s ON s.customer_id = c.customer_id
            WHERE c.customer_id = ? AND \(condition.sql)
            """, arguments: [customerID] + condition.arguments)
        else { throw QueryError.unknownCustomer(customerID) }
        let managers = try Row.fetchAll(db, sql: """
            SELECT s.name, m.role, m.share_bp FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
            WHERE m.customer_id = ? ORDER BY m.role = 'MAIN' DESC, m.share_bp DESC, s.staff_id
            """, arguments: [customerID]).map { manager -> String in
            let role = (manager[1] as String) == "MAIN" ? "主办" : "协办"
            let share: Int64 = manager[2]
            return "\(manager[0] as String)(\(role) \(ScaledNumber.text(share, decimals: 2))%)"
        }
        let alerts = try Row.fetchAll(db, sql: """
            SELECT rule, direction, biz_date, amount FROM app_alert
            WHERE customer_id = ? AND biz_date BETWEEN ? AND ? AND status = 'ACTIVE' ORDER BY biz_date DESC, rule
            """, arguments: [customerID, asOf.adding(days: -29).description, asOf.description]).map { alert -> CustomerAlert in
            let inflow = (alert[1] as String) == "C"
            let kind: CustomerAlert.Kind = (alert[0] as String) == "A" ? (inflow ? .largeInflow : .largeOutflow)
                : (inflow ? .depositJump : .depositDrop)
            return CustomerAlert(kind: kind, customerID: customerID, customerName: row[1], date: BusinessDate(alert[2] as String)!,
                                 amount: alert[3])
        }
        return CustomerBrief(
            customerID: row[0], name: row[1], uscc: row[2], line: row[3], industryCode: row[4], status: row[5],
            tier: CustomerTier(rawValue: row[6]) ?? .potential, tierRule: row[7], dormant: row[8], managers: managers,
            asOf: asOf, balances: try BalanceQuery.customer(db, id: customerID, asOf: asOf),
            flows: try FundFlowQuery.customer(db, id: customerID, from: asOf.startOfMonth, to: asOf), alerts: alerts)
    }
}
