import CRMStore
import Foundation
import TUI

/// Announcements (公告): the list with unread marks beside the selected one's text. Enter marks it read;
/// head office and branch heads publish with n.
final class AnnouncementsScreen: Screen {
    let kind = ScreenKind.announcements
    private var announcements: [Announcement] = []
    private var list = ListView(items: [])

    init(shell: ShellActions) { reload(shell: shell) }

    func title(_ language: Language) -> String { language == .chinese ? "公告" : "Announcements" }

    func reload(shell: ShellActions) {
        let profile = shell.session.profile
        announcements = (try? shell.services.database.writer.read { try AnnouncementQuery.visible($0, to: profile) }) ?? []
        list.items = announcements.map {
            ListItem(($0.pinned ? "[顶] " : "") + $0.title, detail: String($0.publishedAt.prefix(10)), marker: $0.read ? " " : "●")
        }
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let columns = Split.columns(rect, [.flex(2), .flex(3)])
        let unread = announcements.filter { !$0.read }.count
        let listRect = Box.draw(columns[0], title: context.text("公告 \(unread) 条未读", "\(unread) unread"), on: &grid,
                                context: context.render)
        list.layout(in: listRect)
        list.render(in: listRect, on: &grid, context: context.render)
        let detail = Box.draw(columns[1], title: context.text("内容", "Text"), on: &grid, context: context.render.focused(false))
        guard let index = list.selectedIndex else {
            grid.put(context.text("暂无公告", "No announcements"), x: detail.x + 1, y: detail.y, style: Style(.dim), limit: detail.maxX)
            return nil
        }
        let item = announcements[index]
        var y = detail.y
        for line in TextWrap.lines(item.title, width: detail.width - 2) where y < detail.maxY {
            grid.put(line, x: detail.x + 1, y: y, style: Style(.title), limit: detail.maxX)
            y += 1
        }
        grid.put("\(item.orgName) · \(item.publisherName) · \(item.publishedAt)", x: detail.x + 1, y: y, style: Style(.dim),
                 limit: detail.maxX)
        y += 2
        for paragraph in item.body.split(separator: "\n", omittingEmptySubsequences: false) {
            for line in TextWrap.lines(String(paragraph), width: detail.width - 2) where y < detail.maxY {
                grid.put(line, x: detail.x + 1, y: y, limit: detail.maxX)
                y += 1
            }
        }
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        let response = list.handle(key)
        if response == .submitted { markRead(shell: shell) }
        return response != .ignored
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .markRead:
            markRead(shell: shell)
        case .publish:
            publish(shell: shell)
        default:
            return false
        }
        return true
    }

    private func markRead(shell: ShellActions) {
        guard let index = list.selectedIndex, !announcements[index].read else { return }
        if shell.apply(MarkAnnouncementRead(announcementID: announcements[index].id)) {
            let selected = index
            reload(shell: shell)
            list.select(selected)
        }
    }

    private func publish(shell: ShellActions) {
        let zh = shell.language == .chinese
        guard shell.session.profile.role.publishesAnnouncements else {
            shell.notify(zh ? "只有总行和分支行行长可以发布公告" : "Only head office and branch heads publish announcements", .warning)
            return
        }
        let required: FieldValidator = { $0.trimmingCharacters(in: .whitespaces).isEmpty ? (zh ? "必填" : "Required") : nil }
        let form = Form(fields: [
            .text("title", label: zh ? "标题" : "Title", maxLength: 60, validator: required),
            .text("body", label: zh ? "正文" : "Text", maxLength: 2000, validator: required),
            .choice("pinned", label: zh ? "置顶" : "Pinned", options: zh ? ["否", "是"] : ["No", "Yes"]),
        ], inputWidth: 48)
        let audience = shell.session.profile.orgName
        shell.presentForm(title: zh ? "发布公告（发给 \(audience) 及下属机构）" : "Publish to \(audience) and below", form: form) { values in
            let mutation = PublishAnnouncement(id: MutationID.make(), title: values["title"] ?? "", body: values["body"] ?? "",
                                               pinned: values["pinned"] == "是" || values["pinned"] == "Yes")
            if let failure = shell.attempt(mutation) { return failure }
            shell.notify(zh ? "公告已发布" : "Announcement published", .success)
            self.reload(shell: shell)
            return nil
        }
    }
}
