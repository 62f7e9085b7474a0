import CRMCore
import GRDB

/// One org node's balance totals on a business date (按机构汇总的余额), in fen.
public struct OrgBalance: Sendable, Equatable {
    public let orgID: String
    public let parentID: String?
    public let name: String
    /// `HQ`, `BRANCH`, `SUBBRANCH` or `TEAM`.
    public let level: String
    public let deposit: BalanceFigures
    public let loan: BalanceFigures
    /// Customers mainly managed (主办) in the node's subtree, and those of them that are effective accounts.
    public let customers: Int64
    public let effectiveCustomers: Int64
}

/// Balance totals per org node from the batch's roll-ups (`ind_rollup_day`, dimension `ORG`): each node's
/// subtree, customers weighted by their managers' shares, as the cockpit shows them.
public enum OrgBalanceQuery {
    /// Every org node `scope` may look at that has figures on `date`, in org-tree order (by org id).
    public static func byOrg(_ db: Database, scope: DataScope, asOf date: BusinessDate) throws -> [OrgBalance] {
        try LoadedDates.require(db, date)
        let condition = scope.orgCondition("o.org_id")
        return try Row.fetchAll(db, sql: """
            SELECT o.org_id, o.parent_id, o.name, o.level,
                   r.deposit_balance, r.deposit_bd_month, r.deposit_bd_quarter, r.deposit_bd_year,
                   r.loan_balance, r.loan_bd_month, r.loan_bd_quarter, r.loan_bd_year,
                   r.customers, r.effective_customers, p.days_month, p.days_quarter, p.days_year
            FROM ind_rollup_day r
            JOIN base_org o ON o.org_id = r.member_id
            JOIN sum_period_days p ON p.biz_date = r.biz_date
            WHERE r.biz_date = ? AND r.dimension = 'ORG' AND \(condition.sql)
            ORDER BY o.org_id
            """, arguments: [date.description] + condition.arguments).map { row in
            let days = (month: row[14] as Int, quarter: row[15] as Int, year: row[16] as Int)
            func figures(_ first: Int) -> BalanceFigures {
                BalanceFigures(balance: row[first], mtdAverage: DailyAverage.average(balanceDays: row[first + 1], days: days.month),
                               qtdAverage: DailyAverage.average(balanceDays: row[first + 2], days: days.quarter),
                               ytdAverage: DailyAverage.average(balanceDays: row[first + 3], days: days.year))
            }
            return OrgBalance(orgID: row[0], parentID: row[1], name: row[2], level: row[3], deposit: figures(4), loan: figures(8),
                              customers: row[12], effectiveCustomers: row[13])
        }
    }
}
