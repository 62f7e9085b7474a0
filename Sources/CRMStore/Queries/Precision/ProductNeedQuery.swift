import CRMCore
import GRDB

/// A customer's product needs and recommendations (客户产品需求分析, 产品智能推荐) as of the last loaded date.
public struct ProductAdvice: Sendable, Equatable {
    public let customerID: String
    public let asOf: BusinessDate
    public let figures: ProductNeedFigures
    public let needs: [ProductNeed]
    /// The categories the customer holds (an account not closed).
    public let held: [ProductCategory]
    public let recommendations: [ProductRecommendation]
}

/// Reads one customer's behaviour for the product-needs rules, and ranks products for it.
public enum ProductNeedQuery {
    /// The figures, needs and recommendations of `customerID` as of `asOf` (the last loaded date: balances are the
    /// current point balances).
    public static func advice(_ db: Database, customerID: String, asOf: BusinessDate, thresholds: ProductNeedThresholds) throws
        -> ProductAdvice {
        let f = try figures(db, customerID: customerID, asOf: asOf)
        let needs = ProductNeedRules.needs(f, thresholds: thresholds)
        let products = try Customer360Query.products(db, customerID: customerID)
        let held = Set(products.held.compactMap { ProductCategory(rawValue: $0.category) })
        var shares: [ProductCategory: Int64] = [:]
        for row in products.penetration {
            if let category = ProductCategory(rawValue: row.category) { shares[category] = row.peerShareBP }
        }
        return ProductAdvice(customerID: customerID, asOf: asOf, figures: f, needs: needs,
                             held: ProductCategory.allCases.filter(held.contains),
                             recommendations: ProductRecommendationRules.rank(needs: needs, peerShareBP: shares, held: held))
    }

    /// What the rules read, each by key lookups on the customer (the transaction index leads with the month, so the
    /// months are named).
    public static func figures(_ db: Database, customerID: String, asOf: BusinessDate) throws -> ProductNeedFigures {
        func months(_ count: Int, endingBefore offset: Int = 0) -> [String] {
            var month = asOf.startOfMonth
            for _ in 0..<offset { month = month.adding(days: -1).startOfMonth }
            var keys: [String] = []
            for _ in 0..<count {
                keys.append(month.monthKey)
                month = month.adding(days: -1).startOfMonth
            }
            return keys
        }
        func placeholders(_ list: [String]) -> String { list.map { _ in "?" }.joined(separator: ", ") }
        func anyWord(_ column: String, _ words: [String]) -> String {
            words.map { "instr(COALESCE(\(column), ''), '\($0)') > 0" }.joined(separator: " OR ")
        }
        let demand = try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(b.balance), 0) FROM base_account a
            JOIN base_product p ON p.product_code = a.product_code AND p.category = ?
            JOIN sum_account_balance b ON b.account_no = a.account_no
            WHERE a.customer_id = ? AND a.status <> 'CLOSED'
            """, arguments: [ProductCategory.demandDeposit.rawValue, customerID]) ?? 0
        let outflow = try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(in_bank_out + out_bank_out + same_name_out), 0) FROM app_fundflow_day
            WHERE biz_date BETWEEN ? AND ? AND customer_id = ?
            """, arguments: [asOf.adding(days: -29).description, asOf.description, customerID]) ?? 0
        let payrollWindow = months(ProductNeedRules.payrollWindowMonths)
        let payroll = try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT substr(biz_date, 1, 7)) FROM base_transaction
            WHERE substr(biz_date, 1, 7) IN (\(placeholders(payrollWindow))) AND customer_id = ? AND biz_date <= ?
              AND direction = 'D' AND kind = 'NORMAL' AND reversed_on IS NULL
              AND (\(anyWord("purpose", ProductNeedRules.payrollPurposeWords)))
            """, arguments: StatementArguments(payrollWindow) + [customerID, asOf.description]) ?? 0
        let year = months(12)
        let trade = try String.fetchAll(db, sql: """
            SELECT DISTINCT counterparty_name FROM base_transaction
            WHERE substr(biz_date, 1, 7) IN (\(placeholders(year))) AND customer_id = ? AND biz_date <= ?
              AND kind = 'NORMAL' AND reversed_on IS NULL AND counterparty_name IS NOT NULL
              AND (\(anyWord("counterparty_name", ProductNeedRules.tradeNameWords))
                   OR \(anyWord("purpose", ProductNeedRules.tradePurposeWords)))
            ORDER BY counterparty_name LIMIT 3
            """, arguments: StatementArguments(year) + [customerID, asOf.description])
        func supplierPayments(_ window: [String]) throws -> Int64 {
            try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(outflow), 0) FROM app_counterparty_month
                WHERE month IN (\(placeholders(window))) AND customer_id = ? AND supplier_payments > 0
                """, arguments: StatementArguments(window) + [customerID]) ?? 0
        }
        return ProductNeedFigures(demandBalance: demand, recentOutflow: outflow, payrollMonths: payroll, tradeCounterparties: trade,
                                  supplierRecent: try supplierPayments(months(3, endingBefore: 1)),
                                  supplierPrior: try supplierPayments(months(3, endingBefore: 4)))
    }
}
