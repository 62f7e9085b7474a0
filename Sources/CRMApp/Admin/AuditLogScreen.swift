import CRMStore
import TUI

/// The audit log (日志查询维护) for administrators and auditors: whether the hash chain is intact (or the first
/// entry that breaks it), and the latest entries, filtered with / by anything they say.
final class AuditLogScreen: Screen {
    let kind = ScreenKind.auditLog
    private var entries: [AuditEntry] = []
    private var chain = ""
    private var chainBroken = false
    private var table = Table(columns: [], source: ArrayTableSource(rows: []))
    private var filter = TableFilter()

    init(shell: ShellActions) { reload(shell: shell) }

    func title(_ language: Language) -> String { language == .chinese ? "日志查询" : "Audit log" }

    var capturesText: Bool { filter.isEditing }

    func reload(shell: ShellActions) {
        let zh = shell.language == .chinese
        let database = shell.services.database
        entries = (try? database.writer.read { try AuditLog.query($0, limit: 2_000) }) ?? []
        do {
            let count = try database.writer.read(AuditLog.verify)
            chain = zh ? "哈希链完整：自最近检查点起 \(count) 条" : "Chain intact: \(count) entries since the last checkpoint"
            chainBroken = false
        } catch {
            chain = (zh ? "哈希链断裂：" : "Chain broken: ") + String(describing: error)
            chainBroken = true
        }
        let columns = [TableColumn("#", kind: .number), TableColumn(zh ? "时间" : "Time", maxWidth: 19),
                       TableColumn(zh ? "操作人" : "Actor", maxWidth: 10), TableColumn(zh ? "机器" : "Machine", maxWidth: 12),
                       TableColumn(zh ? "操作" : "Action", maxWidth: 30), TableColumn(zh ? "对象" : "Target", maxWidth: 36),
                       TableColumn(zh ? "内容" : "Detail", maxWidth: 60, flexible: true)]
        let rows = entries.map { [String($0.seq), $0.at, $0.actor, $0.machine, $0.action, $0.target, $0.detail] }
        let filterText = table.filterText
        table = Table(columns: columns, source: ArrayTableSource(rows: rows, sortKeys: entries.map { entry in
            [.number(entry.seq), .text(entry.at), .text(entry.actor), .text(entry.machine), .text(entry.action), .text(entry.target),
             .text(entry.detail)]
        }))
        if !filterText.isEmpty { table.setFilter(filterText) }
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let parts = rect.splitTop(1)
        grid.put(" " + chain, x: parts.top.x, y: parts.top.y, style: Style(chainBroken ? .error : .positive), limit: parts.top.maxX)
        let title = context.text("最近的日志 \(table.position) · / 筛选 · s 排序", "Latest entries \(table.position) · / filters · s sorts")
        let inside = Box.draw(parts.rest, title: title, on: &grid, context: context.render)
        let area = filter.tableArea(inside)
        table.layout(in: area)
        table.render(in: area, on: &grid, context: context.render)
        return filter.render(in: inside, on: &grid, context: context.render)
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if filter.handle(key, table: &table) { return true }
        return table.handle(key) != .ignored
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
