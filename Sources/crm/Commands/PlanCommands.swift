import ArgumentParser
import CRMApp
import CRMCore
import CRMStore

/// `crm plan`: business plans (经营计划): issue, split, revise, show the target tree, track completion.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Business plans (经营计划): issue, split down the org tree, revise, show, track.",
        subcommands: [PlanListCommand.self, PlanIssueCommand.self, PlanSplitCommand.self, PlanReviseCommand.self, PlanShowCommand.self,
                      PlanTrackCommand.self])
}

/// `crm plan list`.
struct PlanListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The plans, newest period first.")

    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try database.open()
        _ = try scope.viewer(in: db, for: .plans)
        let plans = try db.writer.read(PlanTree.plans)
        if output.json {
            printJSON(.array(plans.map { plan in
                .object([("id", .string(plan.id)), ("kpi", .string(plan.indicator.code)), ("period", .string(plan.period.description)),
                         ("root", .string(plan.rootOrgID)), ("issued_by", .string(plan.issuedBy)), ("issued_at", .string(plan.issuedAt)),
                         ("note", .string(plan.note))])
            }))
            return
        }
        var table = TextTable([("计划 plan", .left), ("指标 kpi", .left), ("期间 period", .left), ("下达 issued", .left), ("说明 note", .left)])
        for plan in plans {
            table.add([plan.id, "\(plan.indicator.code) \(plan.indicator.nameZh)", plan.period.description, "\(plan.issuedAt) \(plan.issuedBy)",
                       plan.note])
        }
        print(table.render())
    }
}

/// `crm plan issue --kpi CODE --period P --target VALUE --as HQ`.
struct PlanIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue a plan with the bank's target (head office); it is locked once issued.")

    @Option(help: "Indicator code (crm kpi list).") var kpi: String
    @Option(help: "2025, 2025-Q1 or 2025-03.") var period: String
    @Option(help: "The bank's target: yuan, a count, or a percentage for a ratio.") var target: String
    @Option(help: "A note, kept with the plan.") var note = ""
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.open()
        let actor = try PlanCommandSupport.actor(scope, db, for: .issuePlan)
        guard let indicator = try db.writer.read({ try KPILibrary.indicator($0, code: kpi) }) else {
            throw CommandFailure("no indicator '\(kpi)' (crm kpi list shows them)")
        }
        guard let period = PlanPeriod(period) else { throw ValidationError("--period \(period): write 2025, 2025-Q1 or 2025-03") }
        let value = try PlanCommandSupport.parse(target, indicator.unit, option: "--target")
        let id = MutationID.make()
        try PlanCommandSupport.apply(IssuePlan(id: id, kpiCode: kpi, period: period, target: value, note: note), by: actor, db)
        print("\(id): \(indicator.code) \(indicator.nameZh) \(period) \(indicator.unit.text(value))")
    }
}

/// `crm plan split PLAN --node ORG --method equal|last-year|manual [--target NODE=VALUE ...] [--reason …] --as STAFF`.
struct PlanSplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split", abstract: "Split an org node's target among the nodes below it.",
        discussion: """
            Below an org are its open child orgs, or for an org without any (a team) its active managers. Shares are \
            whole yuan, customers or basis points and sum exactly to the node's target; last-year falls back to equal \
            (and says so) when the same period a year earlier has no history. Splitting a node again needs --reason.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case equal, lastYear = "last-year", manual
    }

    @Argument(help: "Plan id (crm plan list).") var planID: String
    @Option(help: "The org node whose target is split.") var node: String
    @Option(help: "equal, last-year or manual.") var method: Method
    @Option(help: "For manual: ORG_OR_STAFF_ID=VALUE for every node below (repeatable).") var target: [String] = []
    @Option(help: "Why, when the node was split before.") var reason = ""
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.open()
        let actor = try PlanCommandSupport.actor(scope, db, for: .splitPlan)
        let tree = try PlanCommandSupport.tree(planID, for: nil, db)
        let children = try db.writer.read { try PlanSplit.children($0, of: node) }
        var manual: [PlanNodeID: Int64] = [:]
        for entry in target {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let child = children.first(where: { $0.node.id == parts[0] }) else {
                throw ValidationError("--target \(entry): use ID=VALUE with an id below \(node): \(children.map(\.node.id).joined(separator: ", "))")
            }
            manual[child.node] = try PlanCommandSupport.parse(parts[1], tree.plan.indicator.unit, option: "--target")
        }
        let chosen: PlanTargetMethod = switch method {
        case .equal: .equal
        case .lastYear: .lastYear
        case .manual: .manual
        }
        try PlanCommandSupport.apply(SplitPlanTarget(planID: planID, orgID: node, method: chosen, manualTargets: manual, reason: reason),
                                     by: actor, db)
        let after = try PlanCommandSupport.tree(planID, for: nil, db)
        for child in after.children(of: PlanNodeID(.org, node)) {
            print("\(child.node)  \(child.name)  \(after.plan.indicator.unit.text(child.target))  \(child.method.chineseName) \(child.method.englishName)")
        }
    }
}

/// `crm plan revise PLAN --node ORG:ID|STAFF:ID --target VALUE --reason … --as STAFF`.
struct PlanReviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revise", abstract: "Change one node's target, with a reason (an audited revision).")

    @Argument(help: "Plan id.") var planID: String
    @Option(help: "ORG:ID or STAFF:ID.") var node: String
    @Option(help: "The new target.") var target: String
    @Option(help: "Why it changes.") var reason: String
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.open()
        let actor = try PlanCommandSupport.actor(scope, db, for: .revisePlan)
        guard let nodeID = PlanNodeID(node) else { throw ValidationError("--node \(node): write ORG:ID or STAFF:ID") }
        let tree = try PlanCommandSupport.tree(planID, for: nil, db)
        let value = try PlanCommandSupport.parse(target, tree.plan.indicator.unit, option: "--target")
        try PlanCommandSupport.apply(RevisePlanTarget(planID: planID, node: nodeID, target: value, reason: reason), by: actor, db)
        print("\(nodeID): \(tree.plan.indicator.unit.text(value))")
    }
}

/// `crm plan show PLAN [--json]`: the target tree with each split's gap, and every revision.
struct PlanShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "The target tree: each node's target, how it was set, and whether the nodes below add up.")

    @Argument(help: "Plan id.") var planID: String
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (db, tree) = try PlanCommandSupport.viewed(planID, scope: scope, database: database, what: "targets")
        let revisions = try db.writer.read { try tree.revisions($0) }
        let unit = tree.plan.indicator.unit
        let rows = PlanCommandSupport.walk(tree)
        if output.json {
            printJSON(.object([
                ("plan", .string(planID)), ("kpi", .string(tree.plan.indicator.code)), ("period", .string(tree.plan.period.description)),
                ("nodes", .array(rows.map { row in
                    .object([("node", .string(row.target.node.description)), ("name", .string(row.target.name)),
                             ("parent", row.target.parentOrgID.map(JSONValue.string) ?? .null), ("target", PlanCommandSupport.json(row.target.target, unit)),
                             ("method", .string(row.target.method.rawValue)), ("revision", .int(Int64(row.target.revision))),
                             ("children_gap", PlanCommandSupport.json(tree.childrenGap(of: row.target.node), unit))])
                })),
                ("revisions", .array(revisions.map { revision in
                    .object([("node", .string(revision.node.description)), ("before", PlanCommandSupport.json(revision.before, unit)),
                             ("after", PlanCommandSupport.json(revision.after, unit)), ("method", .string(revision.method.rawValue)),
                             ("reason", .string(revision.reason)), ("by", .string(revision.changedBy)), ("at", .string(revision.changedAt))])
                })),
            ]))
            return
        }
        print("\(tree.plan.indicator.code) \(tree.plan.indicator.nameZh) \(tree.plan.period)")
        var table = TextTable([("节点 node", .left), ("目标 target", .right), ("方式 method", .left), ("版 rev", .right), ("下级差 gap below", .right)])
        for row in rows {
            let gap = tree.childrenGap(of: row.target.node)
            table.add([String(repeating: "  ", count: row.depth) + "\(row.target.name) \(row.target.node)", unit.text(row.target.target),
                       row.target.method.chineseName, String(row.target.revision),
                       gap.map { $0 == 0 ? "0" : unit.text($0) + " !" } ?? ""])
        }
        print(table.render())
        var history = TextTable([("时间 at", .left), ("人 by", .left), ("节点 node", .left), ("原 before", .right), ("新 after", .right),
                                 ("原因 reason", .left)])
        for revision in revisions {
            history.add([revision.changedAt, revision.changedBy, revision.name, PlanCommandSupport.text(revision.before, unit),
                         unit.text(revision.after), revision.reason])
        }
        print("")
        print(history.render())
    }
}

/// `crm plan track PLAN [--json]`: completion against target at every node, on the last loaded date of the period.
struct PlanTrackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track", abstract: "Actual against target at every node: completion, time elapsed, due by now, rank, daily need.")

    @Argument(help: "Plan id.") var planID: String
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (db, tree) = try PlanCommandSupport.viewed(planID, scope: scope, database: database, what: "tracking")
        // Ranks are among all siblings, also those the viewer does not see.
        let whole = try PlanCommandSupport.tree(planID, for: nil, db)
        let tracking = try db.writer.read { try PlanTracking.track($0, tree: whole, marginPercent: Settings.read($0).planBehindMarginPercent) }
        let unit = tree.plan.indicator.unit
        let rows = PlanCommandSupport.walk(tree).compactMap { row in tracking.progress[row.target.node].map { (row.depth, $0) } }
        if output.json {
            printJSON(.object([
                ("plan", .string(planID)), ("kpi", .string(tree.plan.indicator.code)), ("period", .string(tree.plan.period.description)),
                ("as_of", tracking.date.map { .string($0.description) } ?? .null),
                ("nodes", .array(rows.map { _, progress in
                    let need: (String, JSONValue) = switch progress.need {
                    case .dailyBalance(let fen): ("daily_balance", .money(fen))
                    case .gap(let gap): ("gap", PlanCommandSupport.json(gap, unit))
                    case .periodOver: ("period_over", .null)
                    }
                    return .object([
                        ("node", .string(progress.target.node.description)), ("name", .string(progress.target.name)),
                        ("target", PlanCommandSupport.json(progress.target.target, unit)), ("actual", PlanCommandSupport.json(progress.actual, unit)),
                        ("completion_pct", progress.completionBP.map { .decimal($0, decimals: 2) } ?? .null),
                        ("elapsed_pct", .decimal(progress.elapsedBP, decimals: 2)), ("due_by_now", PlanCommandSupport.json(progress.dueByNow, unit)),
                        ("rank", progress.rank.map { .int(Int64($0)) } ?? .null), ("siblings", .int(Int64(progress.siblings))),
                        ("need", .string(need.0)), ("need_value", need.1), ("behind", .bool(progress.isBehind)),
                    ])
                })),
            ]))
            return
        }
        print("\(tree.plan.indicator.code) \(tree.plan.indicator.nameZh) \(tree.plan.period) · 截至 as of \(tracking.date?.description ?? "-")")
        var table = TextTable([("节点 node", .left), ("目标 target", .right), ("实际 actual", .right), ("完成 %", .right), ("时间 %", .right),
                               ("应达 due", .right), ("排名 rank", .right), ("每日需/差额 need", .right), ("", .left)])
        for (depth, progress) in rows {
            let need = switch progress.need {
            case .dailyBalance(let fen): "每日 " + Money.groupedYuanText(fen)
            case .gap(let gap): unit.text(gap)
            case .periodOver: "期满 over"
            }
            table.add([String(repeating: "  ", count: depth) + progress.target.name, unit.text(progress.target.target),
                       PlanCommandSupport.text(progress.actual, unit), progress.completionBP.map { ScaledNumber.text($0, decimals: 2) } ?? "-",
                       ScaledNumber.text(progress.elapsedBP, decimals: 2), unit.text(progress.dueByNow),
                       progress.rank.map { "\($0)/\(progress.siblings)" } ?? "-", need, progress.isBehind ? "落后 behind" : ""])
        }
        print(table.render())
    }
}
