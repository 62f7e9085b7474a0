import CRMCore
import CRMStore
import TUI

/// Important customer alerts (重要客户提醒) from the batch: large movements of the last week and dormant
/// customers, within the user's scope. Sortable, filterable with /, Enter opens the customer.
final class AlertsScreen: Screen {
    let kind = ScreenKind.alerts
    private var alerts: [CustomerAlert] = []
    private var table: Table
    private var filter = TableFilter()
    private var language: Language

    init(shell: ShellActions) {
        language = shell.language
        table = Table(columns: [], source: ArrayTableSource(rows: []))
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "重要客户提醒" : "Customer alerts" }

    var capturesText: Bool { filter.isEditing }

    func reload(shell: ShellActions) {
        language = shell.language
        if let date = shell.services.businessDate {
            alerts = (try? shell.services.database.writer.read {
                try ImportantAlertQuery.recent($0, scope: shell.session.scope, through: date, days: 7, limit: 5_000)
            }) ?? []
        }
        let zh = language == .chinese
        let columns = [
            TableColumn(zh ? "日期" : "Date", minWidth: 10, maxWidth: 10),
            TableColumn(zh ? "类型" : "Kind", minWidth: 8, maxWidth: 14),
            TableColumn(zh ? "客户" : "Customer", minWidth: 12, maxWidth: 40),
            TableColumn(zh ? "客户号" : "Customer id", minWidth: 10, maxWidth: 12),
            TableColumn(zh ? "金额" : "Amount", kind: .number, minWidth: 10, maxWidth: 18),
        ]
        let rows = alerts.map { alert in
            [alert.date.description, AlertText.mark(alert.kind, plain: shell.plain) + " " + AlertText.kind(alert.kind)(language), alert.customerName,
             alert.customerID, AlertText.figure(alert, language)]
        }
        let keys = alerts.map { alert -> [TableSortKey] in
            [.text(alert.date.description), .text(alert.kind.rawValue), .text(alert.customerName), .text(alert.customerID),
             .number(alert.kind == .churnRisk ? Int64(alert.churnScore ?? 0) : alert.amount)]
        }
        let filterText = table.filterText
        table = Table(columns: columns, source: ArrayTableSource(rows: rows, sortKeys: keys))
        if !filterText.isEmpty { table.setFilter(filterText) }
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language { language = context.language }
        let title = context.text("近 7 日大额变动与睡眠客户 · \(table.position)", "Large movements (7 days) and dormant · \(table.position)")
        let inside = Box.draw(rect, title: title, on: &grid, context: context.render)
        let area = filter.tableArea(inside)
        table.layout(in: area)
        table.render(in: area, on: &grid, context: context.render)
        if alerts.isEmpty {
            grid.put(context.text("没有需要关注的客户", "No customer needs attention"), x: inside.x + 1, y: inside.y + 2,
                     style: Style(.dim), limit: inside.maxX)
        }
        return filter.render(in: inside, on: &grid, context: context.render)
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if filter.handle(key, table: &table) { return true }
        if table.handle(key) == .submitted, let row = table.selectedRow {
            shell.openCustomer(alerts[row].customerID)
        }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .search: filter.start(table)
        case .sort: _ = table.handle(.character("s"))
        case .sortDirection: _ = table.handle(.character("S"))
        default: return false
        }
        return true
    }
}
