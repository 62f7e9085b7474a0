import CRMCore
import GRDB

/// A place in the cockpit's drill-down: the bank, an org node or a manager, optionally within one business line.
public struct CockpitNode: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case bank(orgID: String)
        case org(orgID: String, level: String)
        case staff(staffID: String)
        case customer(customerID: String)
    }

    public let kind: Kind
    public let name: String
    /// A business line (`LARGE_MID` ...) the figures are limited to, or nil for all lines.
    public let line: String?

    public init(kind: Kind, name: String, line: String?) {
        self.kind = kind
        self.name = name
        self.line = line
    }
}

/// Balance figures of a node on one date, in fen.
public struct CockpitFigures: Sendable, Equatable {
    public var depositBalance: Int64 = 0
    public var depositMonthAverage: Int64 = 0
    public var depositYearAverage: Int64 = 0
    public var loanBalance: Int64 = 0
    public var loanMonthAverage: Int64 = 0
    public var loanYearAverage: Int64 = 0
    /// Customers whose main manager (主办) is in the node: each customer counts once, where it is mainly managed.
    public var customers: Int64 = 0
    /// Customers whose YTD deposit average reaches the effective minimum; nil where not computed (line views).
    public var effectiveCustomers: Int64?

    public init() {}
}

/// A child row of the drill-down.
public struct CockpitChild: Sendable, Equatable {
    public let node: CockpitNode
    public let current: CockpitFigures
    public let lastMonthEnd: CockpitFigures?
}

/// One month-end point of the 13-month trend.
public struct CockpitTrendPoint: Sendable, Equatable {
    public let date: BusinessDate
    public let depositBalance: Int64
    public let loanBalance: Int64
}

/// Everything the cockpit shows for a node.
public struct CockpitView: Sendable, Equatable {
    public let node: CockpitNode
    public let date: BusinessDate
    public let current: CockpitFigures
    /// At the last loaded date of the previous month, and of the previous year (较上月, 较年初); nil before data.
    public let lastMonthEnd: CockpitFigures?
    public let yearStart: CockpitFigures?
    public let trend: [CockpitTrendPoint]
    public let children: [CockpitChild]
    /// Rule-A large movements on the date: totals in fen and counts.
    public let largeInflow: Int64, largeInflowCount: Int
    public let largeOutflow: Int64, largeOutflowCount: Int
}

/// The cockpit (数据展示驾驶舱): figures per node from the indicator layer, drill-down children, trend.
///
/// Whole-line and org figures come from the batch's roll-ups (`ind_rollup_day`). An org node within one line
/// is summed here from the customers' figures with the same share weights and rounding as the roll-ups, using
/// today's manager assignments.
public enum CockpitQuery {
    /// The node a member of staff starts from: the bank for head office, their org for leads and branch
    /// heads, themselves for relationship managers.
    public static func root(_ db: Database, for profile: StaffProfile) throws -> CockpitNode? {
        switch profile.role {
        case .headOffice:
            guard let hq = try Row.fetchOne(db, sql: "SELECT org_id, name FROM base_org WHERE parent_id IS NULL ORDER BY org_id LIMIT 1")
            else { return nil }
            return CockpitNode(kind: .bank(orgID: hq[0]), name: hq[1], line: nil)
        case .teamLead, .branchHead:
            let level = try String.fetchOne(db, sql: "SELECT level FROM base_org WHERE org_id = ?", arguments: [profile.orgID]) ?? "TEAM"
            return CockpitNode(kind: .org(orgID: profile.orgID, level: level), name: profile.orgName, line: nil)
        case .relationshipManager:
            return CockpitNode(kind: .staff(staffID: profile.staffID), name: profile.name, line: nil)
        case .administrator:
            return nil
        }
    }

    public static func view(_ db: Database, node: CockpitNode, date: BusinessDate) throws -> CockpitView {
        let lastMonth = try LoadedDates.last(before: date.startOfMonth, db)
        let lastYear = try LoadedDates.last(before: date.startOfYear, db)
        let monthEnds = try LoadedDates.monthEnds(through: date, count: 13, db)
        let dates = Array(Set([date] + [lastMonth, lastYear].compactMap { $0 } + monthEnds))
        let figures = try self.figures(db, node: node, dates: dates)
        let trend = monthEnds.map { day in
            CockpitTrendPoint(date: day, depositBalance: figures[day]?.depositBalance ?? 0, loanBalance: figures[day]?.loanBalance ?? 0)
        }
        let children = try self.children(db, of: node, date: date).map { child in
            let childFigures = try self.figures(db, node: child, dates: [date] + [lastMonth].compactMap { $0 })
            return CockpitChild(node: child, current: childFigures[date] ?? CockpitFigures(),
                                lastMonthEnd: lastMonth.flatMap { childFigures[$0] })
        }
        let flows = try largeMovements(db, node: node, date: date)
        return CockpitView(node: node, date: date, current: figures[date] ?? CockpitFigures(),
                           lastMonthEnd: lastMonth.flatMap { figures[$0] }, yearStart: lastYear.flatMap { figures[$0] },
                           trend: trend, children: children,
                           largeInflow: flows.inflow, largeInflowCount: flows.inflowCount,
                           largeOutflow: flows.outflow, largeOutflowCount: flows.outflowCount)
    }

    /// The nodes one level down: the bank splits into lines, a line of the bank into branches, an org into its
    /// child orgs (a team into the members who manage customers), a manager into their 50 largest customers,
    /// main or assisting.
    public static func children(_ db: Database, of node: CockpitNode, date: BusinessDate) throws -> [CockpitNode] {
        switch node.kind {
        case .bank(let orgID) where node.line == nil:
            let present = try String.fetchSet(db, sql: "SELECT DISTINCT line FROM base_customer")
            return BusinessLine.allCases.filter { present.contains($0.rawValue) }.map {
                CockpitNode(kind: .bank(orgID: orgID), name: $0.chineseName, line: $0.rawValue)
            }
        case .bank(let orgID), .org(let orgID, _):
            let orgs = try Row.fetchAll(db, sql: """
                SELECT org_id, name, level FROM base_org WHERE parent_id = ? AND status = 'ACTIVE' ORDER BY org_id
                """, arguments: [orgID]).map { CockpitNode(kind: .org(orgID: $0[0], level: $0[2]), name: $0[1], line: node.line) }
            if !orgs.isEmpty { return orgs }
            return try Row.fetchAll(db, sql: """
                SELECT s.staff_id, s.name FROM base_staff s
                WHERE s.org_id = ? AND s.status = 'ACTIVE'
                  AND EXISTS (SELECT 1 FROM base_customer_manager m WHERE m.staff_id = s.staff_id)
                ORDER BY s.staff_id
                """, arguments: [orgID]).map { CockpitNode(kind: .staff(staffID: $0[0]), name: $0[1], line: node.line) }
        case .staff(let staffID):
            return try Row.fetchAll(db, sql: """
                SELECT c.customer_id, c.name FROM base_customer_manager m
                JOIN base_customer c ON c.customer_id = m.customer_id
                JOIN ind_customer_day d ON d.biz_date = ? AND d.customer_id = m.customer_id
                WHERE m.staff_id = ? AND (? IS NULL OR c.line = ?)
                ORDER BY d.deposit_balance + d.loan_balance DESC, c.customer_id LIMIT 50
                """, arguments: [date.description, staffID, node.line, node.line])
                .map { CockpitNode(kind: .customer(customerID: $0[0]), name: $0[1], line: node.line) }
        case .customer:
            return []
        }
    }

    /// The node's figures on each of `dates` that is loaded.
    static func figures(_ db: Database, node: CockpitNode, dates: [BusinessDate]) throws -> [BusinessDate: CockpitFigures] {
        let placeholders = dates.map { _ in "?" }.joined(separator: ", ")
        let dateArguments = StatementArguments(dates.map(\.description))
        let rows: [Row]
        switch (node.kind, node.line) {
        case (.bank, nil), (.org, nil), (.staff, nil), (.bank, .some):
            let (dimension, member): (String, String) = {
                switch node.kind {
                case .bank(let orgID): return node.line.map { ("LINE", $0) } ?? ("ORG", orgID)
                case .org(let orgID, _): return ("ORG", orgID)
                case .staff(let staffID): return ("STAFF", staffID)
                case .customer(let customerID): return ("CUSTOMER", customerID)
                }
            }()
            rows = try Row.fetchAll(db, sql: """
                SELECT r.biz_date, r.deposit_balance, r.deposit_bd_month, r.deposit_bd_year, r.loan_balance, r.loan_bd_month,
                       r.loan_bd_year, r.customers, r.effective_customers, p.days_month, p.days_year
                FROM ind_rollup_day r JOIN sum_period_days p ON p.biz_date = r.biz_date
                WHERE r.dimension = ? AND r.member_id = ? AND r.biz_date IN (\(placeholders))
                """, arguments: [dimension, member] + dateArguments)
        case (.customer(let customerID), _):
            rows = try Row.fetchAll(db, sql: """
                SELECT d.biz_date, d.deposit_balance, d.deposit_bd_month, d.deposit_bd_year, d.loan_balance, d.loan_bd_month,
                       d.loan_bd_year, 1, NULL, p.days_month, p.days_year
                FROM ind_customer_day d JOIN sum_period_days p ON p.biz_date = d.biz_date
                WHERE d.customer_id = ? AND d.biz_date IN (\(placeholders))
                """, arguments: [customerID] + dateArguments)
        case (.org(let member, _), .some(let line)), (.staff(let member), .some(let line)):
            let dimension = if case .staff = node.kind { "STAFF" } else { "ORG" }
            let weighted = { (column: String) in
                "SUM((d.\(column) * w.share_bp + CASE WHEN d.\(column) >= 0 THEN 5000 ELSE -5000 END) / 10000)"
            }
            rows = try Row.fetchAll(db, sql: """
                SELECT d.biz_date, \(weighted("deposit_balance")), \(weighted("deposit_bd_month")), \(weighted("deposit_bd_year")),
                       \(weighted("loan_balance")), \(weighted("loan_bd_month")), \(weighted("loan_bd_year")),
                       SUM(w.counts), NULL, p.days_month, p.days_year
                FROM sum_customer_weight w
                JOIN base_customer c ON c.customer_id = w.customer_id AND c.line = ?
                JOIN ind_customer_day d ON d.customer_id = w.customer_id AND d.biz_date IN (\(placeholders))
                JOIN sum_period_days p ON p.biz_date = d.biz_date
                WHERE w.dimension = ? AND w.member_id = ?
                GROUP BY d.biz_date
                """, arguments: [line] + dateArguments + [dimension, member])
        }
        var result: [BusinessDate: CockpitFigures] = [:]
        for row in rows {
            guard let date = BusinessDate(row[0] as String) else { continue }
            let daysMonth: Int = row[9], daysYear: Int = row[10]
            var figures = CockpitFigures()
            figures.depositBalance = row[1]
            figures.depositMonthAverage = DailyAverage.average(balanceDays: row[2], days: daysMonth)
            figures.depositYearAverage = DailyAverage.average(balanceDays: row[3], days: daysYear)
            figures.loanBalance = row[4]
            figures.loanMonthAverage = DailyAverage.average(balanceDays: row[5], days: daysMonth)
            figures.loanYearAverage = DailyAverage.average(balanceDays: row[6], days: daysYear)
            figures.customers = row[7]
            figures.effectiveCustomers = row[8]
            result[date] = figures
        }
        return result
    }

    private static func largeMovements(_ db: Database, node: CockpitNode, date: BusinessDate) throws
        -> (inflow: Int64, inflowCount: Int, outflow: Int64, outflowCount: Int) {
        let scope: DataScope = switch node.kind {
        case .bank: DataScope(reach: .everything)
        case .org(let orgID, _): DataScope(reach: .orgSubtree(orgID: orgID))
        case .staff(let staffID): DataScope(reach: .managedBy(staffID: staffID))
        case .customer: DataScope(reach: .everything)
        }
        let condition = scope.customerCondition("a.customer_id")
        var customerFilter = ""
        var customerArguments: StatementArguments = []
        if case .customer(let customerID) = node.kind {
            customerFilter = " AND a.customer_id = ?"
            customerArguments = [customerID]
        }
        let row = try Row.fetchOne(db, sql: """
            SELECT COALESCE(SUM(CASE WHEN a.direction = 'C' THEN a.amount END), 0), COUNT(CASE WHEN a.direction = 'C' THEN 1 END),
                   COALESCE(SUM(CASE WHEN a.direction = 'D' THEN a.amount END), 0), COUNT(CASE WHEN a.direction = 'D' THEN 1 END)
            FROM app_alert a JOIN base_customer c ON c.customer_id = a.customer_id
            WHERE a.biz_date BETWEEN ? AND ? AND a.rule = 'A' AND a.status = 'ACTIVE' AND (? IS NULL OR c.line = ?)
              AND \(condition.sql)\(customerFilter)
            """, arguments: [date.description, date.description, node.line, node.line] + condition.arguments + customerArguments)!
        return (row[0], row[1], row[2], row[3])
    }
}
