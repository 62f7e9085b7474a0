import CRMCore
import CRMStore
import Foundation
import TUI

/// Visit records (客户拜访, 营销活动留痕) of the customers in scope, newest first; below, the selected visit's
/// notes, place and photos (each checked against its checksum). n records a visit; 1 to 9 open a photo with the
/// system viewer; Enter opens the customer.
final class VisitsScreen: Screen {
    let kind = ScreenKind.visits
    private var visits: [Visit] = []
    private var table: Table
    private var language: Language
    private let shell: ShellActions

    init(shell: ShellActions) {
        self.shell = shell
        language = shell.language
        table = Table(columns: [], source: ArrayTableSource(rows: []))
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "客户拜访" : "Visits" }

    func reload(shell: ShellActions) {
        let scope = shell.session.scope
        visits = (try? shell.services.database.writer.read { try VisitQuery.list($0, scope: scope) }) ?? []
        let zh = language == .chinese
        let columns = [
            TableColumn(zh ? "时间" : "Time", minWidth: 16, maxWidth: 16),
            TableColumn(zh ? "客户" : "Customer", minWidth: 10, maxWidth: 30, flexible: true),
            TableColumn(zh ? "目的" : "Purpose", minWidth: 8, maxWidth: 30, flexible: true),
            TableColumn(zh ? "地点" : "Place", minWidth: 6, maxWidth: 24),
            TableColumn(zh ? "照片" : "Photos", kind: .number, minWidth: 4, maxWidth: 6),
            TableColumn(zh ? "客户经理" : "Manager", minWidth: 6, maxWidth: 10),
        ]
        let position = table.selectedRow
        table = Table(columns: columns, source: ArrayTableSource(rows: visits.map { visit in
            [visit.visitedAt, visit.customerName, visit.purpose, Self.place(visit), String(visit.attachments.count), visit.staffName]
        }))
        if let position { table.select(position: position) }
    }

    private static func place(_ visit: Visit) -> String {
        if !visit.address.isEmpty { return visit.address }
        guard let latitude = visit.latitudeE6, let longitude = visit.longitudeE6 else { return "—" }
        return ScaledNumber.text(latitude, decimals: 4) + "," + ScaledNumber.text(longitude, decimals: 4)
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            reload(shell: shell)
        }
        let parts = Split.rows(rect, [.flex(3), .fixed(9)])
        let title = context.text("拜访记录 \(table.position) · n 记录拜访 · 1–9 打开照片 · Enter 客户视图",
                                 "Visits \(table.position) · n record · 1–9 open a photo · Enter opens the customer")
        let inside = Box.draw(parts[0], title: title, on: &grid, context: context.render)
        table.layout(in: inside)
        table.render(in: inside, on: &grid, context: context.render)
        if visits.isEmpty {
            grid.put(context.text("还没有拜访记录：按 n 记录一次", "No visit yet: n records one"), x: inside.x + 1, y: inside.y + 2,
                     style: Style(.dim), limit: inside.maxX)
        }
        drawDetail(in: parts[1], on: &grid, context: context)
        return nil
    }

    private var selected: Visit? { table.selectedRow.flatMap { visits.indices.contains($0) ? visits[$0] : nil } }

    private func drawDetail(in rect: Rect, on grid: inout Grid, context: ScreenContext) {
        let inside = Box.draw(rect, title: context.text("拜访详情", "Visit"), on: &grid, context: context.render)
        guard let visit = selected else { return }
        let zh = context.language == .chinese
        let store = shell.services.database.attachments
        var lines = [
            (zh ? "接触人：" : "Met: ") + visit.contacts + (zh ? "　下一步：" : "   Next: ") + visit.nextStep,
            (zh ? "纪要：" : "Notes: ") + visit.notes,
            (zh ? "地点：" : "Place: ") + Self.place(visit)
                + (visit.latitudeE6.map { _ in " (\(Self.coordinates(visit)))" } ?? ""),
        ]
        for (index, attachment) in visit.attachments.prefix(9).enumerated() {
            let state = store.verify(attachment) ? (zh ? "校验通过" : "checksum ok") : (zh ? "文件缺失或已改动" : "missing or changed")
            lines.append("\(index + 1). \(attachment.fileName) · \(NumberFormat.grouped(attachment.size)) B · \(attachment.sha256.prefix(12))… · \(state)")
        }
        for (offset, line) in lines.prefix(inside.height).enumerated() {
            grid.put(DisplayWidth.fit(line, to: inside.width), x: inside.x, y: inside.y + offset, style: Style(offset >= 3 ? .dim : .normal),
                     limit: inside.maxX)
        }
    }

    private static func coordinates(_ visit: Visit) -> String {
        guard let latitude = visit.latitudeE6, let longitude = visit.longitudeE6 else { return "" }
        return ScaledNumber.text(latitude, decimals: 6) + ", " + ScaledNumber.text(longitude, decimals: 6)
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if case .character(let digit) = key, let number = digit.wholeNumberValue, (1...9).contains(number) {
            openPhoto(number)
            return true
        }
        if table.handle(key) == .submitted, let visit = selected { shell.openCustomer(visit.customerID) }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        guard command == .newVisit else { return false }
        VisitForm.present(shell: shell, customerID: nil) { self.reload(shell: shell) }
        return true
    }

    /// Opens the nth photo of the selected visit with `xdg-open`, from a copy named as the user attached it.
    private func openPhoto(_ number: Int) {
        let zh = shell.language == .chinese
        guard let visit = selected, visit.attachments.indices.contains(number - 1) else { return }
        let attachment = visit.attachments[number - 1]
        let store = shell.services.database.attachments
        guard store.verify(attachment) else {
            shell.notify(zh ? "附件缺失或已被改动：\(attachment.fileName)" : "Missing or changed: \(attachment.fileName)", .error)
            return
        }
        do {
            let opened = try SystemViewer.open(store.location(of: attachment.sha256), as: attachment.fileName)
            shell.notify(zh ? "已用系统查看器打开 \(opened)" : "Opened \(opened)", .info)
        } catch {
            shell.notify(String(describing: error), .error)
        }
    }
}
