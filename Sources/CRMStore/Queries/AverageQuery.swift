import CRMCore
import GRDB

/// Deposit and loan daily averages (日均) over a date range, and the point balances on its last day, in fen.
public struct RangeFigures: Sendable, Equatable {
    public var depositAverage: Int64
    public var loanAverage: Int64
    public var depositBalance: Int64
    public var loanBalance: Int64
}

/// One customer's figures over the range.
public struct CustomerRangeFigures: Sendable, Equatable {
    public let customerID: String
    public let name: String
    public let figures: RangeFigures
}

/// The daily averages of a set of customers over [from, to]: the total and each customer's share of it.
public struct RangeAverages: Sendable, Equatable {
    public let from: BusinessDate
    public let to: BusinessDate
    /// N: the calendar days of the range, both ends included.
    public let days: Int
    /// The set's balance-days summed, then divided by N (not a sum of the rounded per-customer averages).
    public let total: RangeFigures
    /// Per customer, by customer id.
    public let customers: [CustomerRangeFigures]
}

/// A conglomerate's daily averages: its members within the scope, summed.
public struct ConglomerateAverages: Sendable, Equatable {
    public let groupID: String
    public let name: String
    public let averages: RangeAverages
}

/// Daily averages over any loaded date range (存贷款日均查询), for a customer, a conglomerate or any set of
/// customers.
///
/// S sums each calendar day's point balance from `ind_customer_day`, which the batch writes every day for each
/// customer with accounts, balances carried forward; a day without a row (no accounts yet) counts as 0.
/// The average is S / N, N the calendar days of the range, rounded half away from zero.
public enum AverageQuery {
    /// One customer; one outside the scope reads as unknown.
    public static func customer(_ db: Database, id: String, scope: DataScope, from: BusinessDate, to: BusinessDate) throws
        -> RangeAverages {
        let averages = try customers(db, set: .customer(id), scope: scope, from: from, to: to)
        if averages.customers.isEmpty { throw QueryError.unknownCustomer(id) }
        return averages
    }

    /// A conglomerate's members in the scope; one with no member in the scope reads as unknown.
    public static func conglomerate(_ db: Database, id: String, scope: DataScope, from: BusinessDate, to: BusinessDate) throws
        -> ConglomerateAverages {
        let name = try LoadedDates.conglomerateName(db, id)
        let averages = try customers(db, set: .conglomerate(id), scope: scope, from: from, to: to)
        if averages.customers.isEmpty { throw QueryError.unknownConglomerate(id) }
        return ConglomerateAverages(groupID: id, name: name, averages: averages)
    }

    /// A customer group of `owner`'s, its members in the scope, with the group's name; a group that is not
    /// theirs reads as unknown.
    public static func group(_ db: Database, id: String, owner: String, scope: DataScope, from: BusinessDate, to: BusinessDate) throws
        -> ConglomerateAverages {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM work_customer_group WHERE id = ? AND owner = ?",
                                             arguments: [id, owner]) else { throw QueryError.unknownGroup(id) }
        return ConglomerateAverages(groupID: id, name: name, averages: try customers(db, set: .group(id), scope: scope, from: from, to: to))
    }

    /// The customers of `set` in the scope. Every day of the range must be loaded.
    public static func customers(_ db: Database, set: CustomerSelection, scope: DataScope, from: BusinessDate, to: BusinessDate) throws
        -> RangeAverages {
        let days = try LoadedDates.requireRange(db, from: from, to: to)
        let condition = set.condition("c.customer_id", within: scope)
        // The dates are listed so that each customer's rows are found by key, day by day.
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.customer_id, c.name, COALESCE(SUM(d.deposit_balance), 0), COALESCE(SUM(d.loan_balance), 0),
                   COALESCE(SUM(CASE WHEN d.biz_date = ? THEN d.deposit_balance END), 0),
                   COALESCE(SUM(CASE WHEN d.biz_date = ? THEN d.loan_balance END), 0)
            FROM base_customer c
            LEFT JOIN ind_customer_day d ON d.customer_id = c.customer_id
              AND d.biz_date IN (SELECT biz_date FROM sum_period_days WHERE biz_date BETWEEN ? AND ?)
            WHERE \(condition.sql)
            GROUP BY c.customer_id ORDER BY c.customer_id
            """, arguments: [to.description, to.description, from.description, to.description] + condition.arguments)
        var sums: [Int64] = [0, 0, 0, 0]
        let customers = rows.map { row -> CustomerRangeFigures in
            let values: [Int64] = (2...5).map { row[$0] }
            for index in sums.indices { sums[index] += values[index] }
            return CustomerRangeFigures(customerID: row[0], name: row[1], figures: figures(values, days: days))
        }
        return RangeAverages(from: from, to: to, days: days, total: figures(sums, days: days), customers: customers)
    }

    /// Deposit and loan balance-days and point balances, in that order, as figures.
    private static func figures(_ values: [Int64], days: Int) -> RangeFigures {
        RangeFigures(depositAverage: DailyAverage.average(balanceDays: values[0], days: days),
                     loanAverage: DailyAverage.average(balanceDays: values[1], days: days),
                     depositBalance: values[2], loanBalance: values[3])
    }
}
