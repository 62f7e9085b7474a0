import CRMCore
import CRMStore
import TUI

/// Important customer alerts (重要客户提醒) from the batch: large movements of the last week and dormant
/// customers, within the user's scope. Sortable, filterable with /, Enter opens the customer.
final class AlertsScreen: Screen {
    let kind = ScreenKind.alerts
    private var alerts: [CustomerAlert] = []
    private var table: Table
    private var search: TextField?
    private var language: Language

    init(shell: ShellActions) {
        language = shell.language
        table = Table(columns: [], source: ArrayTableSource(rows: []))
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "重要客户提醒" : "Customer alerts" }

    var capturesText: Bool { search != nil }

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
             alert.customerID, alert.kind == .dormant ? "" : Amount.short(alert.amount, language)]
        }
        let keys = alerts.map { alert -> [TableSortKey] in
            [.text(alert.date.description), .text(alert.kind.rawValue), .text(alert.customerName), .text(alert.customerID),
             .number(alert.amount)]
        }
        let filter = table.filterText
        table = Table(columns: columns, source: ArrayTableSource(rows: rows, sortKeys: keys))
        if !filter.isEmpty { table.setFilter(filter) }
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language { language = context.language }
        let title = context.text("近 7 日大额变动与睡眠客户 · \(table.position)", "Large movements (7 days) and dormant · \(table.position)")
        let inside = Box.draw(rect, title: title, on: &grid, context: context.render)
        let parts = search == nil ? (inside, Rect(x: 0, y: 0, width: 0, height: 0)) : inside.splitBottom(1)
        table.layout(in: parts.0)
        table.render(in: parts.0, on: &grid, context: context.render)
        if alerts.isEmpty {
            grid.put(context.text("没有需要关注的客户", "No customer needs attention"), x: inside.x + 1, y: inside.y + 2,
                     style: Style(.dim), limit: inside.maxX)
        }
        guard let field = search else { return nil }
        grid.put("/", x: parts.1.x, y: parts.1.y, style: Style(.accent))
        let fieldRect = Rect(x: parts.1.x + 1, y: parts.1.y, width: parts.1.width - 1, height: 1)
        field.render(in: fieldRect, on: &grid, context: context.render)
        search = field
        return field.cursorPosition(in: fieldRect)
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if var field = search {
            switch key {
            case .enter: search = nil
            case .escape:
                search = nil
                table.setFilter("")
            default:
                _ = field.handle(key)
                search = field
                table.setFilter(field.text)
            }
            return true
        }
        if table.handle(key) == .submitted, let row = table.selectedRow {
            shell.openCustomer(alerts[row].customerID)
        }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .search: search = TextField(text: table.filterText)
        case .sort: _ = table.handle(.character("s"))
        case .sortDirection: _ = table.handle(.character("S"))
        default: return false
        }
        return true
    }
}
