import CRMCore
import GRDB

/// The shape every by-conglomerate report shares: for each conglomerate, a row per member in the scope, then
/// a 集团合计 row over those members.
enum ConglomerateRollUp {
    /// One member's figures within one conglomerate.
    struct Member<Figures> {
        let groupID: String
        let groupName: String
        let customerID: String
        let customerName: String
        var figures: Figures
    }

    /// 集团编号, 集团名称, 客户号, 客户名称: the columns every roll-up starts with.
    static let leadingColumns: [ReportColumn] = [.text("集团编号"), .text("集团名称"), .text("客户号"), .text("客户名称")]

    /// A CTE `member(group_id, group_name, customer_id, customer_name)` of the report's conglomerates and their
    /// members in the scope, for a query to join its figures to, ordered by `member.group_id, member.customer_id`.
    static func membersCTE(_ context: ReportContext) -> (sql: String, arguments: StatementArguments) {
        let groups = context.conglomerateCondition("g")
        let scope = context.scope.customerCondition("c.customer_id")
        return ("""
            member(group_id, group_name, customer_id, customer_name) AS (
              SELECT g.group_id, g.name, c.customer_id, c.name
              FROM base_conglomerate g JOIN base_conglomerate_member m ON m.group_id = g.group_id
              JOIN base_customer c ON c.customer_id = m.customer_id
              WHERE \(groups.sql) AND \(scope.sql)
            )
            """, groups.arguments + scope.arguments)
    }

    /// The report rows: each member (in the order given, which keeps a conglomerate's members together), and after
    /// each conglomerate's last member its total, `combine` adding a member's figures into it.
    static func rows<Figures>(_ members: [Member<Figures>], empty: Figures, combine: (inout Figures, Figures) -> Void,
                              cells: (Figures) -> [ReportCell]) -> [[ReportCell]] {
        var rows: [[ReportCell]] = []
        var total = empty
        for (index, member) in members.enumerated() {
            rows.append([.text(member.groupID), .text(member.groupName), .text(member.customerID), .text(member.customerName)]
                        + cells(member.figures))
            combine(&total, member.figures)
            if index == members.count - 1 || members[index + 1].groupID != member.groupID {
                rows.append([.text(member.groupID), .text(member.groupName), .empty, .text("集团合计")] + cells(total))
                total = empty
            }
        }
        return rows
    }
}
