import CRMCore
import CRMStore
import TUI

/// Business plans (经营计划): one plan at a time ([ and ] switch), its target tree as far as the user reaches
/// (全行 › 机构 › 团队 › 客户经理) with each node's target, completion, time elapsed and rank among siblings, gaps
/// where children do not add up to their parent; below, the selected node's figures: where it should be by now,
/// what it needs on each remaining day, how its target was set and its latest revision. Head office issues a plan
/// (n) and revises targets (e); head office, branch heads and team leads split a node's target below (A).
final class PlansScreen: Screen {
    let kind = ScreenKind.plans
    private var plans: [Plan] = []
    private var index = 0
    private var planTree: PlanTree?
    private var tracking: PlanTracking?
    private var revisions: [PlanRevision] = []
    private var tree: TreeView
    private var language: Language
    private let shell: ShellActions

    init(shell: ShellActions) {
        self.shell = shell
        language = shell.language
        tree = TreeView(source: ClosureTreeSource { _ in [] })
        reload(shell: shell)
        if let date = shell.services.businessDate, let current = plans.firstIndex(where: { $0.period.contains(date) }) {
            index = current
            loadPlan()
        }
        tree.reopen(Set(planTree?.rootIDs.map(\.description) ?? []), selecting: nil)
    }

    func title(_ language: Language) -> String { language == .chinese ? "经营计划" : "Business plans" }

    func reload(shell: ShellActions) {
        plans = (try? shell.services.database.writer.read(PlanTree.plans)) ?? []
        index = min(index, max(0, plans.count - 1))
        loadPlan()
    }

    private func loadPlan() {
        let viewer = shell.session.profile
        guard index < plans.count else {
            (planTree, tracking, revisions) = (nil, nil, [])
            rebuildTree()
            return
        }
        let planID = plans[index].id
        let loaded = try? shell.services.database.writer.read { db -> (PlanTree, PlanTracking, [PlanRevision])? in
            guard let tree = try PlanTree.load(db, planID: planID, for: viewer) else { return nil }
            let margin = try Settings.read(db).planBehindMarginPercent
            // Ranks are among all siblings, also those the viewer does not see.
            let whole = try PlanTree.load(db, planID: planID, for: nil) ?? tree
            return (tree, try PlanTracking.track(db, tree: whole, marginPercent: margin), try tree.revisions(db))
        }
        (planTree, tracking, revisions) = (loaded?.0, loaded?.1, loaded?.2 ?? [])
        rebuildTree()
    }

    private func rebuildTree() {
        let open = tree.expanded, selected = tree.selectedNode?.id
        let planTree = self.planTree, tracking = self.tracking, language = self.language
        tree = TreeView(source: ClosureTreeSource { id in
            guard let planTree else { return [] }
            return planTree.children(of: id.flatMap(PlanNodeID.init)).map { target in
                TreeNode(id: target.node.description, title: target.name,
                         detail: Self.detail(target, tree: planTree, progress: tracking?.progress[target.node], language: language),
                         hasChildren: !planTree.children(of: target.node).isEmpty)
            }
        })
        tree.reopen(open, selecting: selected)
    }

    /// "目标 50.00万 · 完成 45.20% · 第 1/2 · 下级差 1.00万 · 落后" (time elapsed is the same for every node: it is in
    /// the box's title).
    private static func detail(_ target: PlanTarget, tree: PlanTree, progress: PlanProgress?, language: Language) -> String {
        let zh = language == .chinese, unit = tree.plan.indicator.unit
        var parts = [(zh ? "目标 " : "target ") + PlanFigureText.value(target.target, unit, language)]
        if let progress {
            parts.append((zh ? "完成 " : "done ") + PlanFigureText.percent(progress.completionBP))
            if let rank = progress.rank, progress.siblings > 1 { parts.append(zh ? "第 \(rank)/\(progress.siblings)" : "#\(rank)/\(progress.siblings)") }
        }
        if let gap = tree.childrenGap(of: target.node), gap != 0 {
            parts.append((zh ? "下级差 " : "below off by ") + PlanFigureText.value(gap, unit, language))
        }
        if progress?.isBehind == true { parts.append(zh ? "落后" : "behind") }
        return parts.joined(separator: " · ")
    }

    private var selected: PlanTarget? { tree.selectedNode.flatMap { PlanNodeID($0.id) }.flatMap { planTree?.targets[$0] } }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            rebuildTree()
        }
        guard let planTree, index < plans.count else {
            let inside = Box.draw(rect, title: context.text("经营计划", "Business plans"), on: &grid, context: context.render)
            grid.put(context.text("还没有经营计划。总行可按 n 下达。", "No plans yet. Head office issues one with n."), x: inside.x + 1,
                     y: inside.y, style: Style(.dim), limit: inside.maxX)
            return nil
        }
        let plan = planTree.plan
        let parts = Split.rows(rect, [.flex(1), .fixed(7)])
        // Time elapsed is the same at every node.
        let elapsed = PlanFigureText.percent(tracking?.progress.values.first?.elapsedBP)
        let measured = tracking?.date.map { context.text("截至 \($0) · 时间 \(elapsed)", "as of \($0) · time \(elapsed)") }
            ?? context.text("尚无本期数据", "no data in the period yet")
        let title = "\(PlanFigureText.indicator(plan.indicator, context.language)) \(plan.period) (\(index + 1)/\(plans.count)) · \(measured) · "
            + context.text("[ ] 切换 · n 下达 · A 分解 · e 调整", "[ ] switch · n issue · A split · e revise")
        let treeArea = Box.draw(parts[0], title: title, on: &grid, context: context.render)
        tree.layout(in: treeArea)
        tree.render(in: treeArea, on: &grid, context: context.render)
        if planTree.targets.isEmpty {
            grid.put(context.text("本计划尚未分解到您所在的节点", "This plan has not reached your node yet"), x: treeArea.x + 1, y: treeArea.y,
                     style: Style(.dim), limit: treeArea.maxX)
        }
        let detailArea = Box.draw(parts[1], title: selected?.name ?? "", on: &grid, context: context.render.focused(false))
        if let target = selected {
            for (offset, line) in detailLines(target, plan: plan, context: context).enumerated() where detailArea.y + offset < detailArea.maxY {
                grid.put(line.text, x: detailArea.x, y: detailArea.y + offset, style: line.style, limit: detailArea.maxX)
            }
        }
        return nil
    }

    private func detailLines(_ target: PlanTarget, plan: Plan, context: ScreenContext) -> [(text: String, style: Style)] {
        let language = context.language, zh = language == .chinese, unit = plan.indicator.unit
        let method = zh ? target.method.chineseName : target.method.englishName
        var lines: [(String, Style)] = []
        let progress = tracking?.progress[target.node]
        lines.append((context.text("目标 \(PlanFigureText.value(target.target, unit, language))（\(method)，第 \(target.revision) 版）· 实际 ",
                                   "Target \(PlanFigureText.value(target.target, unit, language)) (\(method), version \(target.revision)) · actual ")
                      + PlanFigureText.value(progress?.actual, unit, language), Style()))
        if let progress {
            let rank = progress.rank.map { "\($0)/\(progress.siblings)" } ?? "—"
            lines.append((context.text(
                "完成 \(PlanFigureText.percent(progress.completionBP)) · 时间进度 \(PlanFigureText.percent(progress.elapsedBP)) · 应达 \(PlanFigureText.value(progress.dueByNow, unit, language)) · 同级排名 \(rank)",
                "Done \(PlanFigureText.percent(progress.completionBP)) · time \(PlanFigureText.percent(progress.elapsedBP)) · due by now \(PlanFigureText.value(progress.dueByNow, unit, language)) · rank \(rank)"),
                Style(progress.isBehind ? .negative : .normal)))
            lines.append((PlanFigureText.need(progress.need, unit, language), Style(.accent)))
        }
        if let gap = planTree?.childrenGap(of: target.node) {
            let sum = target.target - gap
            lines.append((context.text("下级合计 \(PlanFigureText.value(sum, unit, language))", "Below adds up to \(PlanFigureText.value(sum, unit, language))")
                          + (gap == 0 ? context.text("，与本级一致", ", as it should")
                                      : context.text("，差 \(PlanFigureText.value(gap, unit, language))", ", off by \(PlanFigureText.value(gap, unit, language))")),
                          Style(gap == 0 ? .dim : .warning)))
        }
        if let last = revisions.last(where: { $0.node == target.node }) {
            let before = last.before.map { PlanFigureText.value($0, unit, language) + " → " } ?? ""
            let how = zh ? last.method.chineseName : last.method.englishName
            lines.append(("\(last.changedAt) \(last.changedBy) \(how) \(before)\(PlanFigureText.value(last.after, unit, language)) \(last.reason)",
                          Style(.dim)))
        }
        return lines
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        tree.handle(key) != .ignored
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .previousPlan, .nextPlan:
            guard !plans.isEmpty else { return true }
            index = (index + (command == .nextPlan ? 1 : plans.count - 1)) % plans.count
            loadPlan()
            tree.reopen(Set(planTree?.rootIDs.map(\.description) ?? []), selecting: nil)
        case .issuePlan: presentIssue()
        case .splitPlan: presentSplit()
        case .revisePlan: presentRevise()
        default: return false
        }
        return true
    }

    private func presentIssue() {
        let zh = shell.language == .chinese
        guard let indicators = try? shell.services.database.writer.read(KPILibrary.all), !indicators.isEmpty else { return }
        let labels = indicators.map { "\($0.code) \(zh ? $0.nameZh : $0.nameEn)" }
        let year = shell.services.businessDate.map { String($0.year) } ?? ""
        let form = Form(fields: [
            .choice("kpi", label: zh ? "指标" : "Indicator", options: labels),
            .text("period", label: zh ? "期间" : "Period", value: year, placeholder: "2025 / 2025-Q1 / 2025-03", maxLength: 7),
            .text("target", label: zh ? "全行目标" : "Bank target", placeholder: zh ? "元 / 户 / %" : "yuan / count / %", maxLength: 20),
            .text("note", label: zh ? "说明" : "Note", maxLength: 200),
        ], inputWidth: 34)
        shell.presentForm(title: zh ? "下达经营计划（全行目标，下达后锁定）" : "Issue a plan (the bank's target; locked once issued)", form: form) { values in
            guard let chosen = labels.firstIndex(of: values["kpi"] ?? "") else { return zh ? "请选择指标" : "Choose an indicator" }
            let indicator = indicators[chosen]
            guard let period = PlanPeriod(values["period"] ?? "") else {
                return zh ? "期间写作 2025、2025-Q1 或 2025-03" : "Write the period as 2025, 2025-Q1 or 2025-03"
            }
            guard let target = indicator.unit.parse(values["target"] ?? "") else {
                return zh ? "目标应为\(indicator.unit.chineseName)数" : "The target is in \(indicator.unit.englishName)"
            }
            let plan = IssuePlan(id: MutationID.make(), kpiCode: indicator.code, period: period, target: target, note: values["note"] ?? "")
            if let failure = self.shell.attempt(plan) { return failure }
            self.reload(shell: self.shell)
            self.index = self.plans.firstIndex { $0.id == plan.id } ?? 0
            self.loadPlan()
            self.tree.reopen(Set(self.planTree?.rootIDs.map(\.description) ?? []), selecting: nil)
            self.shell.notify(zh ? "已下达，计划已锁定，调整将留痕" : "Issued and locked; changes are kept as revisions", .success)
            return nil
        }
    }

    /// One form: the method, the reason (needed when the node was split before), and each node below with a
    /// target (the current one, else an equal share), used when the method is by hand.
    private func presentSplit() {
        let zh = shell.language == .chinese
        guard let plan = planTree?.plan, let target = selected, target.node.kind == .org,
              let proposal = try? shell.services.database.writer.read({ db in
                  try PlanSplit.propose(db, plan: plan, orgID: target.node.id, target: target.target, method: .equal)
              }) else {
            shell.notify(zh ? "请选中一个下面还有机构或客户经理的机构节点" : "Select an org node with orgs or managers below", .info)
            return
        }
        let unit = plan.indicator.unit
        let methods: [(PlanTargetMethod, String)] = [(.equal, zh ? "平均" : "equally"), (.lastYear, zh ? "按去年同期" : "by last year"),
                                                     (.manual, zh ? "手工（按下列各项）" : "by hand (as below)")]
        let current = planTree?.targets ?? [:]
        let resplit = proposal.shares.contains { current[$0.node] != nil }
        let shares = proposal.shares.map { share in
            FormField.text(share.node.description, label: share.name, value: Self.typed(current[share.node]?.target ?? share.target, unit),
                           maxLength: 20)
        }
        let form = Form(fields: [
            .choice("method", label: zh ? "分解方式" : "Method", options: methods.map(\.1)),
            .text("reason", label: zh ? "原因" : "Reason", placeholder: resplit ? (zh ? "已分解过，须填写" : "required: split before") : "",
                  maxLength: 200),
        ] + shares, inputWidth: 24)
        let title = zh ? "分解 \(target.name) 的目标 \(unit.text(target.target))" : "Split \(target.name)'s target \(unit.text(target.target))"
        shell.presentForm(title: title, form: form) { values in
            let method = methods.first { $0.1 == values["method"] }?.0 ?? .equal
            var targets: [PlanNodeID: Int64] = [:]
            if method == .manual {
                for share in proposal.shares {
                    guard let value = unit.parse(values[share.node.description] ?? "") else {
                        return zh ? "\(share.name) 的目标不是\(unit.chineseName)数" : "\(share.name)'s target is not in \(unit.englishName)"
                    }
                    targets[share.node] = value
                }
            }
            let split = SplitPlanTarget(planID: plan.id, orgID: target.node.id, method: method, manualTargets: targets,
                                        reason: values["reason"] ?? "")
            if let failure = self.shell.attempt(split) { return failure }
            self.splitDone(target)
            return nil
        }
    }

    /// A value as the user would type it: no thousands separators, no percent sign.
    private static func typed(_ value: Int64, _ unit: KPIUnit) -> String {
        unit.text(value).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "")
    }

    private func splitDone(_ target: PlanTarget) {
        let zh = shell.language == .chinese
        loadPlan()
        tree.reopen(tree.expanded.union([target.node.description]), selecting: target.node.description)
        let children = planTree?.children(of: target.node) ?? []
        let noHistory = children.contains { $0.method == .equalNoHistory }
        shell.notify(noHistory ? (zh ? "没有去年同期数据，已平均分解到 \(children.count) 个下级" : "No history last year: split equally to \(children.count)")
                                : (zh ? "已分解到 \(children.count) 个下级" : "Split to \(children.count) below"), noHistory ? .warning : .success)
    }

    private func presentRevise() {
        let zh = shell.language == .chinese
        guard let plan = planTree?.plan, let target = selected else { return }
        let unit = plan.indicator.unit
        let form = Form(fields: [
            .text("target", label: zh ? "新目标" : "New target",
                  value: Self.typed(target.target, unit), maxLength: 20),
            .text("reason", label: zh ? "原因" : "Reason", maxLength: 200, validator: { $0.isEmpty ? (zh ? "必填" : "Required") : nil }),
        ], inputWidth: 30)
        shell.presentForm(title: zh ? "调整目标：\(target.name)（留痕）" : "Revise \(target.name)'s target (kept as a revision)", form: form) { values in
            guard let value = unit.parse(values["target"] ?? "") else {
                return zh ? "目标应为\(unit.chineseName)数" : "The target is in \(unit.englishName)"
            }
            if let failure = self.shell.attempt(RevisePlanTarget(planID: plan.id, node: target.node, target: value, reason: values["reason"] ?? "")) {
                return failure
            }
            self.loadPlan()
            self.shell.notify(zh ? "目标已调整" : "Target revised", .success)
            return nil
        }
    }
}
