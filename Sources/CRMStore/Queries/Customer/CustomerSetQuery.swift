import CRMCore
import GRDB

/// A set of customers seen as one: a conglomerate (集团客户) from the credit data, or a user's customer group
/// (客户群).
public struct CustomerSet: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case conglomerate
        case group
        /// A named list (名单), shared by everyone.
        case namedList
    }

    public let kind: Kind
    public let id: String
    public let name: String
    /// Members in the viewer's scope (a conglomerate may have members the viewer cannot see).
    public let members: Int
    /// All members, seen or not.
    public let allMembers: Int
}

/// One member's figures on the as-of date, in fen.
public struct MemberFigures: Sendable, Equatable {
    public let customerID: String
    public let name: String
    /// PARENT, SUBSIDIARY or AFFILIATE in a conglomerate; nil in a group.
    public let relation: String?
    public let holdingBP: Int64?
    public let deposit: BalanceFigures
    public let loan: BalanceFigures
    public let creditLimit: Int64
    public let creditUsed: Int64
}

/// A set's 360: its members' figures, their totals, and the 13-month trend of the totals.
public struct CustomerSetView: Sendable, Equatable {
    public let set: CustomerSet
    public let asOf: BusinessDate
    public let members: [MemberFigures]
    public let trend: [BalancePoint]

    public var depositBalance: Int64 { members.reduce(0) { $0 + $1.deposit.balance } }
    public var depositMonthAverage: Int64 { members.reduce(0) { $0 + $1.deposit.mtdAverage } }
    public var depositYearAverage: Int64 { members.reduce(0) { $0 + $1.deposit.ytdAverage } }
    public var loanBalance: Int64 { members.reduce(0) { $0 + $1.loan.balance } }
    public var loanYearAverage: Int64 { members.reduce(0) { $0 + $1.loan.ytdAverage } }
    public var creditLimit: Int64 { members.reduce(0) { $0 + $1.creditLimit } }
    public var creditUsed: Int64 { members.reduce(0) { $0 + $1.creditUsed } }
}

public enum CustomerSetQuery {
    /// Conglomerates with at least one member in scope, and the viewer's own groups, by name.
    public static func sets(_ db: Database, scope: DataScope, owner: String) throws -> [CustomerSet] {
        let condition = scope.customerCondition("m.customer_id")
        let conglomerates = try Row.fetchAll(db, sql: """
            SELECT g.group_id, g.name, SUM(CASE WHEN \(condition.sql) THEN 1 ELSE 0 END), COUNT(*)
            FROM base_conglomerate g JOIN base_conglomerate_member m ON m.group_id = g.group_id
            WHERE g.status = 'ACTIVE' GROUP BY g.group_id HAVING SUM(CASE WHEN \(condition.sql) THEN 1 ELSE 0 END) > 0
            ORDER BY g.name
            """, arguments: condition.arguments + condition.arguments).map {
            CustomerSet(kind: .conglomerate, id: $0[0], name: $0[1], members: $0[2], allMembers: $0[3])
        }
        let groups = try Row.fetchAll(db, sql: """
            SELECT g.id, g.name, SUM(CASE WHEN m.customer_id IS NOT NULL AND \(condition.sql) THEN 1 ELSE 0 END), COUNT(m.customer_id)
            FROM work_customer_group g LEFT JOIN work_customer_group_member m ON m.group_id = g.id
            WHERE g.owner = ? GROUP BY g.id ORDER BY g.name
            """, arguments: condition.arguments + [owner]).map {
            CustomerSet(kind: .group, id: $0[0], name: $0[1], members: $0[2], allMembers: $0[3])
        }
        let lists = try NamedListQuery.lists(db).compactMap { try NamedListQuery.set(db, $0.id, scope: scope) }
        return groups + lists + conglomerates
    }

    /// The set's members in scope with their figures as of `asOf`, largest deposits first, and the trend.
    public static func view(_ db: Database, set: CustomerSet, scope: DataScope, asOf: BusinessDate) throws -> CustomerSetView {
        let condition = scope.customerCondition("c.customer_id")
        let members: [Row]
        switch set.kind {
        case .conglomerate:
            members = try Row.fetchAll(db, sql: """
                SELECT c.customer_id, c.name, m.relation, m.holding_bp FROM base_conglomerate_member m
                JOIN base_customer c ON c.customer_id = m.customer_id WHERE m.group_id = ? AND \(condition.sql)
                """, arguments: [set.id] + condition.arguments)
        case .group:
            members = try Row.fetchAll(db, sql: """
                SELECT c.customer_id, c.name, NULL, NULL FROM work_customer_group_member m
                JOIN base_customer c ON c.customer_id = m.customer_id WHERE m.group_id = ? AND \(condition.sql)
                """, arguments: [set.id] + condition.arguments)
        case .namedList:
            let membership = try NamedListQuery.memberCondition(db, listID: set.id)
            members = try Row.fetchAll(db, sql: """
                SELECT c.customer_id, c.name, NULL, NULL FROM base_customer c LEFT JOIN app_customer_status s ON s.customer_id = c.customer_id
                WHERE \(membership.sql) AND \(condition.sql)
                """, arguments: membership.arguments + condition.arguments)
        }
        let figures = try members.map { row -> MemberFigures in
            let id: String = row[0]
            let balances = try BalanceQuery.customer(db, id: id, asOf: asOf)
            let credit = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(amount), 0), COALESCE(SUM(used), 0) FROM base_credit_limit
                WHERE customer_id = ? AND status = 'ACTIVE' AND start_date <= ? AND end_date >= ?
                """, arguments: [id, asOf.description, asOf.description])
            return MemberFigures(customerID: id, name: row[1], relation: row[2], holdingBP: row[3], deposit: balances.deposit,
                                 loan: balances.loan, creditLimit: credit?[0] ?? 0, creditUsed: credit?[1] ?? 0)
        }.sorted { ($0.deposit.balance, $1.customerID) > ($1.deposit.balance, $0.customerID) }
        return CustomerSetView(set: set, asOf: asOf, members: figures,
                               trend: try monthEndBalances(db, customerIDs: figures.map(\.customerID), asOf: asOf))
    }

    /// The customers' summed month-end balances (and deposit YTD averages) over the 13 months up to `asOf`.
    static func monthEndBalances(_ db: Database, customerIDs: [String], asOf: BusinessDate) throws -> [BalancePoint] {
        let ends = try LoadedDates.monthEnds(through: asOf, count: 13, db)
        guard !customerIDs.isEmpty, !ends.isEmpty else { return ends.map { BalancePoint(date: $0, deposit: 0, loan: 0, depositYearAverage: 0) } }
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.biz_date, SUM(d.deposit_balance), SUM(d.loan_balance), SUM(d.deposit_bd_year), p.days_year
            FROM ind_customer_day d JOIN sum_period_days p ON p.biz_date = d.biz_date
            WHERE d.biz_date IN (\(ends.map { _ in "?" }.joined(separator: ", ")))
              AND d.customer_id IN (\(customerIDs.map { _ in "?" }.joined(separator: ", ")))
            GROUP BY d.biz_date
            """, arguments: StatementArguments(ends.map(\.description) + customerIDs))
        var byDate: [String: Row] = [:]
        for row in rows { byDate[row[0]] = row }
        return ends.map { date in
            let row = byDate[date.description]
            return BalancePoint(date: date, deposit: row?[1] ?? 0, loan: row?[2] ?? 0,
                                depositYearAverage: row.map { DailyAverage.average(balanceDays: $0[3], days: $0[4]) } ?? 0)
        }
    }
}
