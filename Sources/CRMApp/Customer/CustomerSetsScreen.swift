import CRMStore
import TUI

/// Customer groups and conglomerates (客户群与集团客户): the user's own groups, then the conglomerates with
/// members in their scope. Enter opens the set's 360 view.
final class CustomerSetsScreen: Screen {
    let kind = ScreenKind.customerSets
    private var sets: [CustomerSet] = []
    private var list = ListView(items: [], showsMarkers: false)

    init(shell: ShellActions) { reload(shell: shell) }

    func title(_ language: Language) -> String { language == .chinese ? "客户群与集团客户" : "Groups and conglomerates" }

    func reload(shell: ShellActions) {
        let scope = shell.session.scope, owner = shell.session.profile.staffID
        sets = (try? shell.services.database.writer.read { try CustomerSetQuery.sets($0, scope: scope, owner: owner) }) ?? []
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let title = context.text("我的客户群、名单与集团客户 · Enter 打开 · 在客户视图中按 + 加入客户群",
                                 "My groups, named lists and conglomerates · Enter opens · + in a customer view adds to a group")
        let inside = Box.draw(rect, title: title, on: &grid, context: context.render)
        list.items = sets.map { set in
            let kind = CustomerSetText.kind(set.kind, short: true)(context.language)
            let members = set.members == set.allMembers ? "\(set.members)" : "\(set.members)/\(set.allMembers)"
            return ListItem("\(kind)  \(set.name)", detail: context.text("\(members) 户", "\(members) members"))
        }
        list.layout(in: inside)
        list.render(in: inside, on: &grid, context: context.render)
        if sets.isEmpty {
            grid.put(context.text("没有客户群，也没有你可见的集团客户", "No groups, and no conglomerate in your scope"), x: inside.x + 1,
                     y: inside.y, style: Style(.dim), limit: inside.maxX)
        }
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        let response = list.handle(key)
        if response == .submitted, let index = list.selectedIndex {
            do {
                shell.push(try CustomerSetScreen(shell: shell, set: sets[index]))
            } catch {
                shell.notify(String(describing: error), .error)
            }
        }
        return response != .ignored
    }
}
