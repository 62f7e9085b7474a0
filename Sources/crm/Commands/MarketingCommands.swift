import ArgumentParser
import CRMCore
import CRMStore

/// `crm tasks`: the marketing task trees (营销任务) with their progress.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "Marketing tasks (营销任务) as trees down the org, with completion against target.")

    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try database.open()
        let viewer = try scope.viewer(in: db, for: .tasks)
        let tree = try db.writer.read { try TaskTree.load($0, for: viewer) }
        try scope.audit(db, action: "query.tasks", target: "-", detail: "\(tree.nodes.count) nodes")
        let today = ShanghaiTime.date(of: WallClock.system.now())
        var rows: [(node: TaskNode, depth: Int)] = []
        func walk(_ parent: String?, depth: Int) {
            for node in tree.children(of: parent) {
                rows.append((node, depth))
                walk(node.id, depth: depth + 1)
            }
        }
        walk(nil, depth: 0)
        if output.json {
            printJSON(.array(rows.map { row in
                let node = row.node
                return .object([("id", .string(node.id)), ("parent_id", node.parentID.map(JSONValue.string) ?? .null),
                                ("kind", .string(node.kind.rawValue)), ("title", .string(node.title)),
                                ("assignee", .string(node.assigneeID)), ("assignee_name", .string(node.assigneeName)),
                                ("due_date", .string(node.dueDate.description)), ("target", .int(Int64(node.target))),
                                ("customers", .int(Int64(node.customers))), ("done", .int(Int64(node.done))),
                                ("completion_pct", .decimal(Int64(node.completionBP), decimals: 2)),
                                ("overdue", .bool(node.isOverdue(today: today)))])
            }))
            return
        }
        var table = TextTable([("任务 task", .left), ("负责 assignee", .left), ("到期 due", .left), ("完成 done", .right),
                               ("目标 target", .right), ("完成率 %", .right), ("", .left)])
        for row in rows {
            let node = row.node
            let title = String(repeating: "  ", count: row.depth) + (row.depth == 0 ? "[\(node.kind.chineseName)] \(node.title)" : "└ ")
            table.add([title, node.assigneeName, node.dueDate.description, String(node.done), String(node.target),
                       ScaledNumber.text(Int64(node.completionBP), decimals: 2), node.isOverdue(today: today) ? "逾期 overdue" : ""])
        }
        print(table.render())
    }
}

/// `crm opportunities`: the pipeline (商机管理) with totals by stage and conversion.
struct OpportunitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opportunities", abstract: "Opportunities (商机管理): the list, totals by stage, conversion and forecast.")

    @Option(help: "Only this stage (LEAD, CONTACT, PROPOSAL, APPROVAL, SIGNED, LANDED, LOST).") var stage: OpportunityStage?
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try database.open()
        let viewer = try scope.viewer(in: db, for: .opportunities)
        let (all, conversion) = try db.writer.read { db -> ([Opportunity], [StageConversion]) in
            let list = try OpportunityQuery.list(db, viewer: viewer)
            return (list, try OpportunityQuery.conversion(db, of: list))
        }
        let shown = all.filter { stage == nil || $0.stage == stage }
        try scope.audit(db, action: "query.opportunities", target: stage?.rawValue ?? "-", detail: "\(shown.count) opportunities")
        if output.json {
            printJSON(.object([
                ("opportunities", .array(shown.map { item in
                    .object([("id", .string(item.id)), ("customer_id", item.customerID.map(JSONValue.string) ?? .null),
                             ("name", .string(item.subjectName)), ("product_code", .string(item.productCode)), ("amount", .money(item.amount)),
                             ("stage", .string(item.stage.rawValue)), ("probability_pct", .int(Int64(item.probability))),
                             ("weighted_amount", .money(item.weightedAmount)), ("expected_date", .string(item.expectedDate.description)),
                             ("owner", .string(item.ownerID)), ("lost_reason", .string(item.lostReason))])
                })),
                ("stages", .array(OpportunityQuery.pipeline(all).map { column in
                    .object([("stage", .string(column.stage.rawValue)), ("count", .int(Int64(column.count))), ("amount", .money(column.amount)),
                             ("weighted_amount", .money(column.weightedAmount))])
                })),
                ("conversion", .array(conversion.map { step in
                    .object([("from", .string(step.from.rawValue)), ("to", .string(step.to.rawValue)),
                             ("rate_pct", step.rateBP.map { .decimal(Int64($0), decimals: 2) } ?? .null)])
                })),
                ("forecast", .array(OpportunityQuery.forecast(all).map {
                    .object([("month", .string($0.month)), ("weighted_amount", .money($0.weightedAmount))])
                })),
            ]))
            return
        }
        var table = TextTable([("客户 customer", .left), ("产品 product", .left), ("金额 amount", .right), ("阶段 stage", .left),
                               ("概率 %", .right), ("预计 expected", .left), ("客户经理 owner", .left)])
        for item in shown {
            table.add([item.subjectName, item.productName, Money.groupedYuanText(item.amount), item.stage.chineseName,
                       String(item.probability), item.expectedDate.description, item.ownerName])
        }
        print(table.render())
        var totals = TextTable([("阶段 stage", .left), ("个数 count", .right), ("金额 amount", .right), ("加权 weighted", .right)])
        for column in OpportunityQuery.pipeline(all) {
            totals.add([column.stage.chineseName, String(column.count), Money.groupedYuanText(column.amount),
                        Money.groupedYuanText(column.weightedAmount)])
        }
        print("")
        print(totals.render())
    }
}

extension OpportunityStage: ExpressibleByArgument {}
