import CRMCore
import GRDB

/// A point balance with its month-, quarter- and year-to-date daily averages, in fen.
public struct BalanceFigures: Sendable, Equatable {
    public var balance: Int64
    public var mtdAverage: Int64
    public var qtdAverage: Int64
    public var ytdAverage: Int64
}

/// A customer's deposit and loan figures on one business date (`crm balances`).
public struct CustomerBalances: Sendable, Equatable {
    public let customerID: String
    public let asOf: BusinessDate
    public let deposit: BalanceFigures
    public let loan: BalanceFigures
}

public enum BalanceQuery {
    /// Reads the indicator layer; a customer without accounts on that date has zeros.
    public static func customer(_ db: Database, id: String, asOf: BusinessDate) throws -> CustomerBalances {
        try LoadedDates.requireCustomer(db, id)
        try LoadedDates.require(db, asOf)
        let day = asOf.description
        let days = try Row.fetchOne(db, sql: "SELECT days_month, days_quarter, days_year FROM sum_period_days WHERE biz_date = ?",
                                    arguments: [day])
        let row = try Row.fetchOne(db, sql: "SELECT * FROM ind_customer_day WHERE biz_date = ? AND customer_id = ?",
                                   arguments: [day, id])
        func figures(_ prefix: String) -> BalanceFigures {
            func value(_ column: String) -> Int64 { row?[prefix + column] ?? 0 }
            func average(_ column: String, _ daysColumn: Int) -> Int64 {
                DailyAverage.average(balanceDays: value(column), days: days?[daysColumn] ?? 0)
            }
            return BalanceFigures(balance: value("_balance"), mtdAverage: average("_bd_month", 0),
                                  qtdAverage: average("_bd_quarter", 1), ytdAverage: average("_bd_year", 2))
        }
        return CustomerBalances(customerID: id, asOf: asOf, deposit: figures("deposit"), loan: figures("loan"))
    }
}
