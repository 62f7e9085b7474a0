import CRMCore
import GRDB

/// 集团授信额度及使用: the active credit limits of each conglomerate's members in the scope, summed per member and
/// per conglomerate.
enum CreditUsageByConglomerateReport {
    static let report = Report(
        name: "credit-usage-by-conglomerate", chineseTitle: "集团授信额度及使用", englishTitle: "Credit usage by conglomerate",
        summary: "按集团汇总成员客户的有效授信额度、已用、可用和使用率 (active credit limits summed per member and conglomerate)",
        body: body)

    /// Active limits of one member or one conglomerate.
    private struct Totals {
        var limits: Int64 = 0
        var amount: Int64 = 0
        var used: Int64 = 0
    }

    private static func body(_ db: Database, _ context: ReportContext) throws -> ReportBody {
        let members = ConglomerateRollUp.membersCTE(context)
        let rows = try Row.fetchAll(db, sql: """
            WITH \(members.sql)
            SELECT member.group_id, member.group_name, member.customer_id, member.customer_name,
                   COUNT(l.limit_id), COALESCE(SUM(l.amount), 0), COALESCE(SUM(l.used), 0)
            FROM member LEFT JOIN base_credit_limit l
              ON l.customer_id = member.customer_id AND l.status = 'ACTIVE' AND l.start_date <= ?
            GROUP BY member.group_id, member.customer_id ORDER BY member.group_id, member.customer_id
            """, arguments: members.arguments + [context.asOf.description])
        let figures = rows.map {
            ConglomerateRollUp.Member(groupID: $0[0], groupName: $0[1], customerID: $0[2], customerName: $0[3],
                                      figures: Totals(limits: $0[4], amount: $0[5], used: $0[6]))
        }
        return ReportBody(
            notes: ["只计有效（ACTIVE）额度"],
            columns: ConglomerateRollUp.leadingColumns + [.number("额度笔数")] + CreditUsageReport.usageColumns,
            rows: ConglomerateRollUp.rows(figures, empty: Totals(), combine: { total, member in
                total.limits += member.limits
                total.amount += member.amount
                total.used += member.used
            }, cells: { [.integer($0.limits)] + CreditUsageReport.usageCells(limit: $0.amount, used: $0.used) }))
    }
}
