import CRMCore
import CRMStore
import TUI

/// The workbench home page (客户经理工作台): the user's chosen panels side by side. Tab moves between panels,
/// ↑↓ within one, Enter opens the item (an alert opens its customer) or the panel's module.
final class HomeScreen: Screen {
    let kind = ScreenKind.home
    private var snapshot = WorkbenchSnapshot()
    private var lists: [WorkbenchPanel: ListView] = [:]
    private var focus = 0
    private var loadError: String?

    init(shell: ShellActions) {
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "工作台" : "Workbench" }

    func reload(shell: ShellActions) {
        do {
            snapshot = try WorkbenchSnapshot.load(shell)
            loadError = nil
        } catch {
            loadError = String(describing: error)
        }
        focus = min(focus, max(0, snapshot.panels.count - 1))
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if let loadError {
            grid.put(loadError, x: rect.x + 1, y: rect.y + 1, style: Style(.error), limit: rect.maxX)
            return nil
        }
        let panels = snapshot.panels
        let columns = rect.width >= 120 && panels.count >= 3 ? 3 : min(2, max(1, panels.count))
        let rowCount = (panels.count + columns - 1) / columns
        let rows = Split.rows(rect, Array(repeating: .flex(1), count: max(1, rowCount)))
        for (index, panel) in panels.enumerated() {
            let row = index / columns
            let inRow = min(columns, panels.count - row * columns)
            let cell = Split.columns(rows[row], Array(repeating: .flex(1), count: inRow))[index % columns]
            draw(panel, in: cell, on: &grid, context: context, focused: index == focus && context.render.focused)
        }
        return nil
    }

    private func draw(_ panel: WorkbenchPanel, in rect: Rect, on grid: inout Grid, context: ScreenContext, focused: Bool) {
        let language = context.language
        let inner = context.render.focused(focused)
        var title = panel.title(language)
        switch panel {
        case .announcements:
            let unread = snapshot.announcements.filter { !$0.read }.count
            title += context.text("（\(unread) 条未读）", " (\(unread) unread)")
        case .alerts:
            title += " (\(snapshot.alerts.filter { $0.kind != .dormant && $0.kind != .churnRisk }.count))"
        default:
            break
        }
        let inside = Box.draw(rect, title: title, on: &grid, context: inner)
        if panel == .cockpit {
            drawCockpit(in: inside, on: &grid, context: context)
            return
        }
        var list = lists[panel] ?? ListView(items: [])
        list.items = items(for: panel, language: language, plain: context.render.plain)
        list.layout(in: inside)
        list.render(in: inside, on: &grid, context: inner)
        if list.items.isEmpty {
            grid.put(emptyText(panel)(language), x: inside.x + 1, y: inside.y, style: Style(.dim), limit: inside.maxX)
        }
        lists[panel] = list
    }

    private func emptyText(_ panel: WorkbenchPanel) -> Text {
        switch panel {
        case .announcements: return Text("暂无公告", "No announcements")
        case .alerts: return Text("近三日没有需要关注的客户", "No customer needs attention in the last three days")
        case .schedule: return Text("今天没有日程（c 打开日程，n 新建）", "Nothing today (c opens the schedule, n adds)")
        case .reminders: return Text("近期没有需要提醒的事", "Nothing coming up")
        case .cockpit: return Text("", "")
        }
    }

    private func items(for panel: WorkbenchPanel, language: Language, plain: Bool) -> [ListItem] {
        switch panel {
        case .announcements:
            return snapshot.announcements.map {
                ListItem(($0.pinned ? "[顶] " : "") + $0.title, detail: String($0.publishedAt.dropFirst(5).prefix(5)),
                         marker: $0.read ? " " : "●")
            }
        case .alerts:
            return snapshot.alerts.map { alert in
                let detail = alert.kind == .dormant ? alert.date.description : AlertText.figure(alert, language)
                return ListItem("\(AlertText.kind(alert.kind)(language)) \(alert.customerName)", detail: detail,
                                marker: AlertText.mark(alert.kind, plain: plain))
            }
        case .schedule:
            let reminders = snapshot.reminders.map {
                ListItem($0.title, detail: String($0.startsAt.suffix(5)), marker: "!")
            }
            let reminderIDs = Set(snapshot.reminders.map(\.id))
            let today = snapshot.today.filter { !reminderIDs.contains($0.id) }.map {
                ListItem($0.title, detail: String($0.startsAt.suffix(5)), marker: $0.isDone ? "✓" : " ")
            }
            return reminders + today
        case .reminders:
            return snapshot.comingUp.map { reminder in
                ListItem(ReminderText.line(reminder, language), detail: String(reminder.date.description.suffix(5)),
                         marker: [.overdueTask, .planBehind].contains(reminder.kind) ? "!" : " ")
            }
        case .cockpit:
            return []
        }
    }

    private func drawCockpit(in rect: Rect, on grid: inout Grid, context: ScreenContext) {
        guard let view = snapshot.cockpit else {
            grid.put(context.text("没有可显示的经营数据", "No figures to show"), x: rect.x + 1, y: rect.y, style: Style(.dim), limit: rect.maxX)
            return
        }
        let language = context.language
        let figures = view.current
        let lines: [(String, String, Int64?)] = [
            (context.text("存款余额", "Deposits"), Amount.short(figures.depositBalance, language),
             view.lastMonthEnd.map { figures.depositBalance - $0.depositBalance }),
            (context.text("存款年日均", "Deposit YTD avg"), Amount.short(figures.depositYearAverage, language),
             view.yearStart.map { figures.depositYearAverage - $0.depositYearAverage }),
            (context.text("贷款余额", "Loans"), Amount.short(figures.loanBalance, language),
             view.lastMonthEnd.map { figures.loanBalance - $0.loanBalance }),
            (context.text("主办客户", "Main customers"), String(figures.customers), nil),
        ]
        let labelWidth = language == .chinese ? 11 : 16
        for (row, line) in lines.enumerated() where row < rect.height {
            let y = rect.y + row
            grid.put(DisplayWidth.fit(line.0, to: labelWidth), x: rect.x + 1, y: y, style: Style(.dim), limit: rect.maxX)
            let end = grid.put(DisplayWidth.fit(line.1, to: 12, alignRight: true), x: rect.x + 1 + labelWidth, y: y, limit: rect.maxX)
            if let change = line.2 {
                grid.put(" " + Amount.change(change, language), x: end, y: y, style: Amount.changeStyle(change), limit: rect.maxX)
            }
        }
        let flowRow = rect.y + lines.count
        let flows = [
            (context.text("大额来账", "Large in"), view.largeInflowCount, view.largeInflow),
            (context.text("大额出账", "Large out"), view.largeOutflowCount, view.largeOutflow),
        ]
        for (offset, flow) in flows.enumerated() where flowRow + offset < rect.maxY {
            grid.put(DisplayWidth.fit(flow.0, to: labelWidth), x: rect.x + 1, y: flowRow + offset, style: Style(.dim), limit: rect.maxX)
            grid.put(DisplayWidth.fit(Amount.short(flow.2, language), to: 12, alignRight: true) + context.text(" \(flow.1) 笔", " (\(flow.1))"),
                     x: rect.x + 1 + labelWidth, y: flowRow + offset, limit: rect.maxX)
        }
        if rect.width >= 80 {
            let chartArea = Rect(x: rect.x + 42, y: rect.y, width: rect.width - 43, height: rect.height)
            grid.put(context.text("存款余额 13 个月（月末）", "Deposits, 13 month-ends"), x: chartArea.x, y: chartArea.y,
                     style: Style(.dim), limit: chartArea.maxX)
            LineChart(values: view.trend.map(\.depositBalance), xLabels: view.trend.map { String($0.date.description.prefix(7)) },
                      format: { Amount.short($0, language) })
                .render(in: Rect(x: chartArea.x, y: chartArea.y + 1, width: chartArea.width, height: chartArea.height - 1),
                        on: &grid, context: context.render)
        } else if flowRow + 2 < rect.maxY {
            let y = rect.maxY - 1
            let end = grid.put(DisplayWidth.fit(context.text("存款13个月", "Deposits"), to: labelWidth), x: rect.x + 1, y: y,
                               style: Style(.dim), limit: rect.maxX)
            Sparkline(values: view.trend.map(\.depositBalance))
                .render(in: Rect(x: end, y: y, width: min(13, rect.maxX - end - 1), height: 1), on: &grid, context: context.render)
        }
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        let panels = snapshot.panels
        guard !panels.isEmpty else { return false }
        switch key {
        case .tab, .right, .character("l"):
            focus = (focus + 1) % panels.count
            return true
        case .backTab, .left, .character("h"):
            focus = (focus + panels.count - 1) % panels.count
            return true
        default:
            break
        }
        let panel = panels[focus]
        guard panel != .cockpit else {
            if key == .enter { shell.open(.cockpit) }
            return key == .enter
        }
        var list = lists[panel] ?? ListView(items: items(for: panel, language: shell.language, plain: shell.plain))
        let response = list.handle(key)
        lists[panel] = list
        guard response == .submitted || (key == .enter && list.items.isEmpty) else { return response == .handled }
        if panel == .alerts, let index = list.selectedIndex, snapshot.alerts.indices.contains(index) {
            shell.openCustomer(snapshot.alerts[index].customerID)
        } else if panel == .reminders, let index = list.selectedIndex, snapshot.comingUp.indices.contains(index),
                  let customer = snapshot.comingUp[index].customerID {
            shell.openCustomer(customer)
        } else {
            shell.open(panel.command)
        }
        return true
    }
}
