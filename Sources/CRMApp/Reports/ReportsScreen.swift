import CRMCore
import CRMStore
import Foundation
import TUI

/// Statistical reports (统计报表): every report of `crm report`, run within the user's scope. The list on the
/// left; Enter runs the selected one as of the data date, `e` with other parameters (as-of date, conglomerate,
/// period); the result shows as a table with its notes; `x` writes it as CSV into ~/crm-exports, or `$CRM_EXPORT_DIR` (audited as an
/// export, as the run is as a report).
final class ReportsScreen: Screen {
    let kind = ScreenKind.reports
    private var list: ListView
    private var result: ReportTable?
    private var table: Table
    private var resultFocused = false
    private var request = ReportRequest()
    private let shell: ShellActions

    init(shell: ShellActions) {
        self.shell = shell
        list = ListView(items: ReportRegistry.all.map { ListItem(shell.language == .chinese ? $0.chineseTitle : $0.englishTitle) },
                        showsMarkers: false)
        table = Table(columns: [], source: ArrayTableSource(rows: []))
    }

    func title(_ language: Language) -> String { language == .chinese ? "统计报表" : "Reports" }

    func reload(shell: ShellActions) {
        if result != nil { run() }
    }

    private var selected: Report? { list.selectedIndex.map { ReportRegistry.all[$0] } }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let columns = Split.columns(rect, [.fixed(min(26, rect.width / 4)), .flex(1)])
        let left = Box.draw(columns[0], title: context.text("报表 · Enter 运行 · e 参数", "Reports · Enter runs · e options"), on: &grid,
                            context: context.render.focused(!resultFocused))
        list.layout(in: left)
        list.render(in: left, on: &grid, context: context.render.focused(!resultFocused))
        guard let result else {
            let inside = Box.draw(columns[1], title: context.text("结果", "Result"), on: &grid, context: context.render.focused(false))
            let summary = selected.map { "\($0.chineseTitle) \($0.englishTitle)\n\n\($0.summary)" } ?? ""
            for (row, line) in TextWrap.lines(summary, width: max(1, inside.width - 2)).prefix(inside.height).enumerated() {
                grid.put(line, x: inside.x + 1, y: inside.y + row, style: Style(row == 0 ? .accent : .dim), limit: inside.maxX)
            }
            return nil
        }
        let parts = Split.rows(columns[1], [.fixed(min(result.notes.count, 3) + 2), .flex(1)])
        let notes = Box.draw(parts[0], title: result.title, on: &grid, context: context.render.focused(false))
        for (row, note) in result.notes.prefix(notes.height).enumerated() {
            grid.put(DisplayWidth.fit(note, to: notes.width - 1), x: notes.x + 1, y: notes.y + row, style: Style(.dim), limit: notes.maxX)
        }
        let title = context.text("\(table.position) 行 · Tab 切换 · x 导出 CSV", "\(table.position) rows · Tab switches · x exports CSV")
        let inside = Box.draw(parts[1], title: title, on: &grid, context: context.render.focused(resultFocused))
        table.layout(in: inside)
        table.render(in: inside, on: &grid, context: context.render.focused(resultFocused))
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if key == .tab || key == .backTab {
            resultFocused = result != nil && !resultFocused
            return true
        }
        if resultFocused {
            _ = table.handle(key)
            return true
        }
        let before = list.selectedIndex
        let response = list.handle(key)
        if list.selectedIndex != before {
            result = nil
            request = ReportRequest()
        }
        if response == .submitted { run() }
        return response != .ignored
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .reportOptions: presentOptions()
        case .exportReport: export()
        default: return false
        }
        return true
    }

    /// Runs the selected report within the user's scope and records the look.
    private func run() {
        guard let report = selected else { return }
        let scope = shell.session.scope, request = self.request
        do {
            let table = try shell.services.database.writer.read { try report.run($0, scope: scope, request: request) }
            result = table
            self.table = Table(columns: table.columns.map {
                TableColumn($0.title, kind: $0.numeric ? .number : .text, minWidth: max(4, DisplayWidth.of($0.title)), maxWidth: 40)
            }, source: ArrayTableSource(rows: table.rows.map { $0.map(Self.shown) }))
            try shell.services.database.audit(actor: shell.session.profile.staffID, action: "report", target: report.name,
                                              detail: "ui rows \(table.rows.count)", clock: shell.services.clock)
        } catch {
            shell.notify(String(describing: error), .error)
        }
    }

    /// A cell as the screen shows it: amounts with thousands separators, the rest as exported.
    private static func shown(_ cell: ReportCell) -> String {
        if case .money(let fen) = cell { return Money.groupedYuanText(fen) }
        return cell.text
    }

    private func presentOptions() {
        let zh = shell.language == .chinese
        let date: FieldValidator = { $0.isEmpty || BusinessDate($0) != nil ? nil : (zh ? "格式应为 YYYY-MM-DD" : "use YYYY-MM-DD") }
        let form = Form(fields: [
            .text("asOf", label: zh ? "数据日期" : "As of", value: request.asOf?.description ?? "", placeholder: zh ? "空=最近" : "empty = latest",
                  validator: date),
            .text("conglomerate", label: zh ? "集团编号" : "Conglomerate", value: request.conglomerateID ?? "", placeholder: zh ? "可空" : "optional"),
            .text("from", label: zh ? "期间起" : "From", value: request.from?.description ?? "", placeholder: zh ? "营销报表用" : "marketing reports",
                  validator: date),
            .text("to", label: zh ? "期间止" : "To", value: request.to?.description ?? "", validator: date),
        ], inputWidth: 20)
        shell.presentForm(title: zh ? "报表参数" : "Report options", form: form) { values in
            func day(_ key: String) -> BusinessDate? { values[key].flatMap { BusinessDate($0) } }
            let conglomerate = values["conglomerate"] ?? ""
            self.request = ReportRequest(asOf: day("asOf"), conglomerateID: conglomerate.isEmpty ? nil : conglomerate, from: day("from"),
                                         to: day("to"))
            self.run()
            return nil
        }
    }

    /// Writes the shown result as CSV (as `crm report --format csv`) into ~/crm-exports, whole or not at all.
    private func export() {
        let zh = shell.language == .chinese
        guard let result, let report = selected else {
            shell.notify(zh ? "先运行一张报表（Enter）" : "Run a report first (Enter)", .info)
            return
        }
        let folder = ProcessInfo.processInfo.environment["CRM_EXPORT_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent("crm-exports")
        let stamp = ShanghaiTime.timestamp(shell.services.clock.now()).filter(\.isNumber)
        let file = folder.appendingPathComponent("\(report.name)-\(stamp).csv")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data(ReportCSV.render(result).utf8).write(to: file, options: .atomic)
            try shell.services.database.audit(actor: shell.session.profile.staffID, action: "export", target: report.name,
                                              detail: "csv rows \(result.rows.count) to \(file.path)", clock: shell.services.clock)
            shell.notify(zh ? "已导出 \(file.lastPathComponent)（\(folder.path)）" : "Exported \(file.lastPathComponent) (\(folder.path))", .success)
        } catch {
            shell.notify((zh ? "导出失败：" : "Export failed: ") + String(describing: error), .error)
        }
    }
}
