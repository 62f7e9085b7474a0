import CRMCore
import GRDB

/// A large fund-movement alert (`crm alerts`).
public struct MovementAlert: Sendable, Equatable {
    public let customerID: String
    public let customerName: String
    public let accountNo: String?
    public let date: BusinessDate
    /// "A" (one large transaction) or "B" (large net change of the day's deposits).
    public let rule: String
    public let amount: Int64
    /// "C" money in, "D" money out.
    public let direction: String
}

public enum AlertQuery {
    /// The alerts raised on `date` that no reversal has cancelled, by customer and rule.
    public static func raised(_ db: Database, on date: BusinessDate, scope: DataScope = DataScope(reach: .everything)) throws
        -> [MovementAlert] {
        try LoadedDates.require(db, date)
        let condition = scope.customerCondition("a.customer_id")
        return try Row.fetchAll(db, sql: """
            SELECT a.customer_id, c.name, a.account_no, a.biz_date, a.rule, a.amount, a.direction
            FROM app_alert a JOIN base_customer c ON c.customer_id = a.customer_id
            WHERE a.biz_date = ? AND a.status = 'ACTIVE' AND \(condition.sql)
            ORDER BY a.customer_id, a.rule
            """, arguments: [date.description] + condition.arguments).map { row in
            MovementAlert(customerID: row[0], customerName: row[1], accountNo: row[2], date: BusinessDate(row[3] as String)!,
                          rule: row[4], amount: row[5], direction: row[6])
        }
    }
}
