import CRMCore
import GRDB

/// How the product-usage matrix (客户产品使用情况分析) groups customers.
public enum ProductUsageDimension: String, CaseIterable, Sendable {
    /// Business line (条线).
    case line
    /// GB/T 4754 section, the industry code's letter.
    case industry
    /// Tier (分层) from `app_customer_status`; a customer without a status counts as potential.
    case tier
}

/// One group's row of the matrix: its active customers and how many of them hold each category.
public struct ProductUsageGroup: Sendable, Equatable {
    /// The line code, section letter or tier code.
    public let group: String
    public let customers: Int
    public let holders: [ProductCategory: Int]

    /// The share of the group's customers holding `category`, in basis points, rounded half away from zero.
    public func shareBP(_ category: ProductCategory) -> Int64 {
        customers == 0 ? 0 : Money.divideRounded(Int64(holders[category] ?? 0) * 10_000, by: Int64(customers))
    }
}

/// The penetration matrix: the share of active customers holding each product category (an account of it that is
/// not closed), by line, industry section or tier, within a scope.
public enum ProductUsageQuery {
    public static func matrix(_ db: Database, by dimension: ProductUsageDimension, scope: DataScope) throws -> [ProductUsageGroup] {
        let group: String
        switch dimension {
        case .line: group = "c.line"
        case .industry: group = "substr(c.industry_code, 1, 1)"
        case .tier: group = "COALESCE(s.tier, '\(CustomerTier.potential.rawValue)')"
        }
        let condition = scope.customerCondition("c.customer_id")
        let rows = try Row.fetchAll(db, sql: """
            WITH member AS (
              SELECT c.customer_id, \(group) AS grp FROM base_customer c
              LEFT JOIN app_customer_status s ON s.customer_id = c.customer_id
              WHERE c.status = 'ACTIVE' AND \(condition.sql)
            )
            SELECT grp, NULL, COUNT(*) FROM member GROUP BY grp
            UNION ALL
            SELECT m.grp, p.category, COUNT(DISTINCT a.customer_id)
            FROM member m JOIN base_account a ON a.customer_id = m.customer_id AND a.status <> 'CLOSED'
            JOIN base_product p ON p.product_code = a.product_code
            GROUP BY m.grp, p.category
            """, arguments: condition.arguments)
        var customers: [String: Int] = [:]
        var holders: [String: [ProductCategory: Int]] = [:]
        for row in rows {
            let key: String = row[0]
            if let category = (row[1] as String?).flatMap(ProductCategory.init) {
                holders[key, default: [:]][category] = row[2]
            } else {
                customers[key] = row[2]
            }
        }
        return customers.keys.sorted().map { ProductUsageGroup(group: $0, customers: customers[$0]!, holders: holders[$0] ?? [:]) }
    }
}
