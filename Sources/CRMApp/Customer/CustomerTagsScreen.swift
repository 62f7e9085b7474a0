import CRMStore
import TUI

/// Tagging customers (打标签): every user-made tag with a check mark for the customers being tagged; Space puts
/// the selected tag on all of them or takes it off. Opened from a 360 view (one customer) or from a selection of
/// search results (bulk tagging).
final class CustomerTagsScreen: Screen {
    let kind = ScreenKind.customerTags
    private let customerIDs: [String]
    private let heading: String
    private var tags: [Tag] = []
    /// For each tag, how many of the customers carry it.
    private var carried: [String: Int] = [:]
    private var list = ListView(items: [], showsMarkers: false)

    init(shell: ShellActions, customerIDs: [String], heading: String) {
        self.customerIDs = customerIDs
        self.heading = heading
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "打标签" : "Tags" }

    func reload(shell: ShellActions) {
        let scope = shell.session.scope, ids = customerIDs
        let loaded = try? shell.services.database.writer.read { db in
            (try TagQuery.groups(db, scope: scope).flatMap(\.tags), try TagQuery.carriers(db, among: ids))
        }
        tags = loaded?.0 ?? []
        carried = loaded?.1 ?? [:]
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let box = rect.centered(width: min(rect.width, 72), height: rect.height)
        let inside = Box.draw(box, title: heading, on: &grid, context: context.render)
        let parts = inside.splitBottom(1)
        list.items = tags.map { tag in
            let count = carried[tag.id] ?? 0
            let mark = count == customerIDs.count ? "[x]" : count == 0 ? "[ ]" : "[-]"
            return ListItem("\(mark) \(tag.groupName) / \(tag.name)", detail: customerIDs.count > 1 ? "\(count)/\(customerIDs.count)" : nil)
        }
        list.layout(in: parts.rest)
        list.render(in: parts.rest, on: &grid, context: context.render)
        if tags.isEmpty {
            grid.put(context.text("还没有标签：在“客户标签组”（T）里新建", "No tags yet: create them under Customer tags (T)"),
                     x: parts.rest.x + 1, y: parts.rest.y, style: Style(.dim), limit: parts.rest.maxX)
        }
        grid.put(context.text("Space 加上/去掉 · Esc 返回", "Space adds or removes · Esc back"), x: parts.bottom.x, y: parts.bottom.y,
                 style: Style(.dim), limit: parts.bottom.maxX)
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool { list.handle(key) != .ignored }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        guard command == .toggleTag, let index = list.selectedIndex else { return false }
        let tag = tags[index]
        let everyone = (carried[tag.id] ?? 0) == customerIDs.count
        if shell.apply(TagCustomers(everyone ? .remove : .add, tagID: tag.id, customerIDs: customerIDs)) {
            reload(shell: shell)
        }
        return true
    }
}
