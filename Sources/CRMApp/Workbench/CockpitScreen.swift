import CRMCore
import CRMStore
import TUI

/// The cockpit (数据展示驾驶舱) from the user's level down: the node's balances and daily averages with their
/// change against last month and the start of the year, the day's large movements, a 13-month trend, and the
/// children to drill into (head office -> line -> branch -> sub-branch -> team -> manager -> customer), and a
/// line for each current business plan with a target at the node (经营计划, `P` for the whole tree).
/// Enter drills down, Backspace or u goes back up.
final class CockpitScreen: Screen {
    let kind = ScreenKind.cockpit
    private var path: [CockpitNode] = []
    private var view: CockpitView?
    private var table = Table(columns: [], source: ArrayTableSource(rows: []))
    private var message: String?
    private var language: Language
    /// Whether the trend chart shows loans instead of deposits.
    private var showsLoans = false
    /// The current plans with a target at the node, and the node's progress on each.
    private var plans: [(plan: Plan, progress: PlanProgress)] = []

    init(shell: ShellActions) {
        language = shell.language
        if let root = try? shell.services.database.writer.read({ try CockpitQuery.root($0, for: shell.session.profile) }) {
            path = [root]
        }
        reload(shell: shell)
    }

    /// The drill-down path from the user's root node, for tests and the breadcrumb.
    var nodes: [CockpitNode] { path }

    func title(_ language: Language) -> String {
        (language == .chinese ? "驾驶舱" : "Cockpit") + (path.count > 1 ? " · " + path.dropFirst().map(\.name).joined(separator: " › ") : "")
    }

    func reload(shell: ShellActions) {
        language = shell.language
        guard let node = path.last, let date = shell.services.businessDate else {
            message = shell.language == .chinese ? "没有可显示的经营数据" : "No figures to show"
            return
        }
        do {
            view = try shell.services.database.writer.read { try CockpitQuery.view($0, node: node, date: date) }
            plans = try shell.services.database.writer.read { db in
                guard let planNode = Self.planNode(node) else { return [] }
                return try PlanTracking.current(db, at: planNode, on: date, marginPercent: Settings.read(db).planBehindMarginPercent)
                    .map { (plan: $0.0, progress: $0.1) }
            }
            message = nil
        } catch {
            message = String(describing: error)
        }
        rebuildTable()
    }

    /// The plan node a cockpit node stands for: an org or a manager across all lines.
    private static func planNode(_ node: CockpitNode) -> PlanNodeID? {
        guard node.line == nil else { return nil }
        switch node.kind {
        case .bank(let orgID), .org(let orgID, _): return PlanNodeID(.org, orgID)
        case .staff(let staffID): return PlanNodeID(.staff, staffID)
        case .customer: return nil
        }
    }

    private func rebuildTable() {
        guard let view else { return }
        let zh = language == .chinese
        let columns = [
            TableColumn(zh ? "名称" : "Name", minWidth: 10, maxWidth: 30),
            TableColumn(zh ? "存款余额" : "Deposits", kind: .number, minWidth: 10, maxWidth: 18),
            TableColumn(zh ? "较上月" : "vs last month", kind: .number, minWidth: 9, maxWidth: 16),
            TableColumn(zh ? "存款年日均" : "Deposit YTD avg", kind: .number, minWidth: 10, maxWidth: 18),
            TableColumn(zh ? "贷款余额" : "Loans", kind: .number, minWidth: 10, maxWidth: 18),
            TableColumn(zh ? "主办户数" : "Main cust.", kind: .number, minWidth: 6, maxWidth: 10),
        ]
        let rows = view.children.map { child -> [String] in
            let change = child.lastMonthEnd.map { child.current.depositBalance - $0.depositBalance }
            return [child.node.name, Amount.short(child.current.depositBalance, language), Amount.change(change, language),
                    Amount.short(child.current.depositYearAverage, language), Amount.short(child.current.loanBalance, language),
                    String(child.current.customers)]
        }
        let keys = view.children.map { child -> [TableSortKey] in
            let change = child.lastMonthEnd.map { child.current.depositBalance - $0.depositBalance } ?? 0
            return [.text(child.node.name), .number(child.current.depositBalance), .number(change),
                    .number(child.current.depositYearAverage), .number(child.current.loanBalance), .number(child.current.customers)]
        }
        table = Table(columns: columns, source: ArrayTableSource(rows: rows, sortKeys: keys))
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            rebuildTable()
        }
        guard let view else {
            grid.put(message ?? "", x: rect.x + 1, y: rect.y + 1, style: Style(.dim), limit: rect.maxX)
            return nil
        }
        let zh = context.language == .chinese
        let planLines = min(plans.count, 3)
        let rows = Split.rows(rect, [.fixed(8), .fixed(planLines), .flex(1)])
        for (offset, entry) in plans.prefix(planLines).enumerated() {
            let more = offset == planLines - 1 && plans.count > planLines ? context.text("（另 \(plans.count - planLines) 项，按 P）", " (\(plans.count - planLines) more: P)") : ""
            grid.put(DisplayWidth.fit(context.text("经营计划 ", "Plan ") + PlanFigureText.summary(entry.plan, entry.progress, context.language) + more,
                                      to: rows[1].width),
                     x: rows[1].x, y: rows[1].y + offset, style: Style(entry.progress.isBehind ? .negative : .accent), limit: rows[1].maxX)
        }
        let top = Split.columns(rows[0], [.flex(1), .flex(1)])
        let nodeTitle = view.node.name + " · " + view.date.description
        let figures = Box.draw(top[0], title: nodeTitle, on: &grid, context: context.render.focused(false))
        drawFigures(view, in: figures, on: &grid, context: context)
        let trendTitle = showsLoans ? (zh ? "贷款余额 13 个月（月末）· v 切换" : "Loans, 13 month-ends · v switches")
                                    : (zh ? "存款余额 13 个月（月末）· v 切换" : "Deposits, 13 month-ends · v switches")
        let trendInside = Box.draw(top[1], title: trendTitle, on: &grid, context: context.render.focused(false))
        let language = context.language
        let series = view.trend.map { showsLoans ? $0.loanBalance : $0.depositBalance }
        let chart = LineChart(values: series, xLabels: view.trend.map { String($0.date.description.prefix(7)) },
                              role: showsLoans ? .chart2 : .chart1, format: { Amount.short($0, language) })
        chart.render(in: trendInside, on: &grid, context: context.render)
        let childTitle = view.children.isEmpty
            ? (zh ? "已到最末一级" : "Lowest level")
            : (zh ? "下级 \(table.position) · Enter 下钻 · u 上钻 · s 排序" : "Below \(table.position) · Enter drill down · u up · s sort")
        let wide = rows[2].width >= 110 && !view.children.isEmpty
        let bottom = wide ? Split.columns(rows[2], [.flex(3), .flex(2)]) : [rows[2]]
        let childInside = Box.draw(bottom[0], title: childTitle, on: &grid, context: context.render)
        table.layout(in: childInside)
        table.render(in: childInside, on: &grid, context: context.render)
        if wide {
            let barsInside = Box.draw(bottom[1], title: zh ? "下级存款余额" : "Deposits below", on: &grid,
                                      context: context.render.focused(false))
            let bars = view.children.prefix(barsInside.height).map { BarChart.Bar($0.node.name, $0.current.depositBalance) }
            BarChart(bars: Array(bars), format: { Amount.short($0, language) }).render(in: barsInside, on: &grid, context: context.render)
        }
        return nil
    }

    private func drawFigures(_ view: CockpitView, in rect: Rect, on grid: inout Grid, context: ScreenContext) {
        let language = context.language
        let now = view.current
        let month = view.lastMonthEnd, year = view.yearStart
        let header = [context.text("指标", "Figure"), context.text("当前", "Now"), context.text("较上月", "vs month"),
                      context.text("较年初", "vs year")]
        let widths = [language == .chinese ? 10 : 15, 11, 11, 11]
        func row(_ cells: [String], y: Int, styles: [Style]) {
            var x = rect.x
            for (index, cell) in cells.enumerated() {
                grid.put(DisplayWidth.fit(cell, to: widths[index], alignRight: index > 0), x: x, y: y, style: styles[index],
                         limit: rect.maxX)
                x += widths[index] + 1
            }
        }
        row(header, y: rect.y, styles: Array(repeating: Style(.header), count: 4))
        let lines: [(String, Int64, (CockpitFigures) -> Int64)] = [
            (context.text("存款余额", "Deposits"), now.depositBalance, { $0.depositBalance }),
            (context.text("存款月日均", "Dep. MTD avg"), now.depositMonthAverage, { $0.depositMonthAverage }),
            (context.text("存款年日均", "Dep. YTD avg"), now.depositYearAverage, { $0.depositYearAverage }),
            (context.text("贷款余额", "Loans"), now.loanBalance, { $0.loanBalance }),
            (context.text("贷款年日均", "Loan YTD avg"), now.loanYearAverage, { $0.loanYearAverage }),
        ]
        for (index, line) in lines.enumerated() where rect.y + 1 + index < rect.maxY {
            let monthChange = month.map { line.1 - line.2($0) }
            let yearChange = year.map { line.1 - line.2($0) }
            row([line.0, Amount.short(line.1, language), Amount.change(monthChange, language), Amount.change(yearChange, language)],
                y: rect.y + 1 + index, styles: [Style(.dim), Style(), Amount.changeStyle(monthChange), Amount.changeStyle(yearChange)])
        }
        let flows = context.text(
            "主办客户 \(now.customers)\(now.effectiveCustomers.map { " 有效 \($0)" } ?? "") · 大额来账 \(view.largeInflowCount) 笔 \(Amount.short(view.largeInflow, language)) · 出账 \(view.largeOutflowCount) 笔 \(Amount.short(view.largeOutflow, language))",
            "Main customers \(now.customers)\(now.effectiveCustomers.map { ", effective \($0)" } ?? "") · large in \(view.largeInflowCount) \(Amount.short(view.largeInflow, language)) · out \(view.largeOutflowCount) \(Amount.short(view.largeOutflow, language))")
        if rect.y + 6 < rect.maxY { grid.put(flows, x: rect.x, y: rect.y + 6, limit: rect.maxX) }
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        guard let view else { return false }
        if table.handle(key) == .submitted, let row = table.selectedRow {
            let child = view.children[row].node
            if case .customer(let customerID) = child.kind {
                shell.openCustomer(customerID)
            } else {
                path.append(child)
                reload(shell: shell)
            }
        }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .drillUp:
            guard path.count > 1 else { return false }
            path.removeLast()
            reload(shell: shell)
        case .switchSeries: showsLoans.toggle()
        case .sort: _ = table.handle(.character("s"))
        case .sortDirection: _ = table.handle(.character("S"))
        default: return false
        }
        return true
    }
}
