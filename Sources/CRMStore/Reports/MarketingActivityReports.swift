import CRMCore
import GRDB

/// 营销活动报表（按人）: each member of staff's visits, task customers done and opportunities over the period
/// (`--from`, `--to`), on customers within the scope, with their org and branch.
enum MarketingByStaffReport {
    static let report = Report(
        name: "marketing-by-staff", chineseTitle: "营销活动统计（按人）", englishTitle: "Marketing activity by person",
        summary: "期间内每位员工的拜访、任务完成与商机 (visits, task customers done and opportunities per person over --from/--to)",
        body: body)

    private static func body(_ db: Database, _ context: ReportContext) throws -> ReportBody {
        let activity = try MarketingActivity.byStaff(db, context)
        let people = try Row.fetchAll(db, sql: """
            SELECT s.staff_id, s.name, o.name, o.org_id FROM base_staff s LEFT JOIN base_org o ON o.org_id = s.org_id
            """).reduce(into: [String: Row]()) { $0[$1[0]] = $1 }
        let rows = activity.keys.sorted().map { staffID -> [ReportCell] in
            let person = people[staffID]
            return [.text(staffID), .optionalText(person?[1]), .optionalText(person?[2])] + activity[staffID]!.cells
        }
        let total = activity.values.reduce(MarketingActivity(), +)
        return ReportBody(notes: ["共 \(activity.count) 人"],
                          columns: [.text("工号"), .text("姓名"), .text("所属机构")] + MarketingActivity.columns,
                          rows: rows + (rows.isEmpty ? [] : [[.text("合计"), .empty, .empty] + total.cells]))
    }
}

/// 营销活动报表（按机构）: the same figures added up at every org node (a person counts at their org and every
/// org above it), the tree in order.
enum MarketingByOrgReport {
    static let report = Report(
        name: "marketing-by-org", chineseTitle: "营销活动统计（按机构）", englishTitle: "Marketing activity by org",
        summary: "期间内各机构（含下级）的拜访、任务完成与商机 (the same figures added up at every org node)",
        body: body)

    private static func body(_ db: Database, _ context: ReportContext) throws -> ReportBody {
        let activity = try MarketingActivity.byStaff(db, context)
        let tree = try OrgTree.load(db)
        let staffOrg = try Row.fetchAll(db, sql: "SELECT staff_id, org_id FROM base_staff").reduce(into: [String: String]()) {
            $0[$1[0]] = $1[1]
        }
        var totals: [String: MarketingActivity] = [:]
        for (staffID, figures) in activity {
            var org = staffOrg[staffID]
            var steps = 0
            while let id = org, steps <= tree.nodes.count {
                totals[id, default: MarketingActivity()] = totals[id, default: MarketingActivity()] + figures
                org = tree.nodes[id]?.parentID
                steps += 1
            }
        }
        var rows: [[ReportCell]] = []
        func walk(_ parent: String?, depth: Int) {
            for node in tree.children(of: parent) {
                if let figures = totals[node.orgID] {
                    let name = String(repeating: "  ", count: depth) + node.name
                    let head: [ReportCell] = [.text(node.orgID), .text(name), .text(node.level.chineseName)]
                    rows.append(head + figures.cells)
                }
                walk(node.orgID, depth: depth + 1)
            }
        }
        walk(nil, depth: 0)
        return ReportBody(notes: [], columns: [.text("机构号"), .text("机构"), .text("层级")] + MarketingActivity.columns, rows: rows)
    }
}

/// 营销任务完成情况: every task node within the scope's reach, its assignee, target, customers done, completion
/// and whether it is overdue on the day after the as-of date; with `--from`/`--to`, the tasks due in that period.
enum TaskProgressReport {
    static let report = Report(
        name: "task-progress", chineseTitle: "营销任务完成情况", englishTitle: "Task progress",
        summary: "各任务节点的目标、完成户数、完成率与逾期 (target, done, completion and overdue per task node)",
        body: body)

    private static func body(_ db: Database, _ context: ReportContext) throws -> ReportBody {
        let tree = try TaskTree.load(db, scope: context.scope)
        let day = context.asOf.adding(days: 1)
        var rows: [[ReportCell]] = []
        func walk(_ parent: String?, depth: Int) {
            for node in tree.children(of: parent) {
                let inPeriod = (context.period.from.map { node.dueDate >= $0 } ?? true) && (context.period.to.map { node.dueDate <= $0 } ?? true)
                if inPeriod {
                    let title = String(repeating: "  ", count: depth) + node.title
                    let row: [ReportCell] = [.text(title), .text(node.kind.chineseName), .text(node.assigneeName), .date(node.dueDate),
                                             .integer(Int64(node.target)), .integer(Int64(node.done)), .percent(Int64(node.completionBP)),
                                             .text(node.isOverdue(today: day) ? "逾期" : "")]
                    rows.append(row)
                }
                walk(node.id, depth: depth + 1)
            }
        }
        walk(nil, depth: 0)
        return ReportBody(notes: ["逾期按 \(day) 判断"],
                          columns: [.text("任务"), .text("类型"), .text("负责"), .text("到期日"), .number("目标户数"), .number("完成户数"),
                                    .number("完成率%"), .text("逾期")],
                          rows: rows)
    }
}
