import CRMStore
import Foundation
import TUI

/// Customer tags (客户标签组): the rule tags and every user-made tag group as a tree, each tag with the number of
/// its customers in the user's scope; a tag opens to its customers, and a customer to its 360 view. n adds a tag
/// to the selected group, N a group (head office and branch heads).
final class TagsScreen: Screen {
    let kind = ScreenKind.tags
    private var groups: [TagGroup] = []
    private var ruleCounts: [RuleTag: Int] = [:]
    private var tree: TreeView
    private var language: Language
    private let shell: ShellActions

    init(shell: ShellActions) {
        self.shell = shell
        language = shell.language
        tree = TreeView(source: ClosureTreeSource { _ in [] })
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "客户标签组" : "Customer tags" }

    func reload(shell: ShellActions) {
        let scope = shell.session.scope
        let loaded = try? shell.services.database.writer.read { db in
            (try TagQuery.groups(db, scope: scope), try TagQuery.ruleCounts(db, scope: scope))
        }
        groups = loaded?.0 ?? []
        ruleCounts = loaded?.1 ?? [:]
        rebuildTree()
    }

    private func rebuildTree() {
        let zh = language == .chinese
        let groups = self.groups, ruleCounts = self.ruleCounts
        let database = shell.services.database, scope = shell.session.scope
        tree = TreeView(source: ClosureTreeSource { id in
            switch id {
            case nil:
                return [TreeNode(id: "rules", title: zh ? "规则标签（批量计算）" : "Rule tags (from the batch)", hasChildren: true)]
                    + groups.map { TreeNode(id: "group:" + $0.id, title: $0.name, detail: "\($0.tags.count)", hasChildren: !$0.tags.isEmpty) }
            case "rules"?:
                return RuleTag.allCases.map { tag in
                    TreeNode(id: "rule:" + tag.rawValue, title: zh ? tag.chineseName : tag.rawValue, detail: "\(ruleCounts[tag] ?? 0)",
                             hasChildren: (ruleCounts[tag] ?? 0) > 0)
                }
            case let id? where id.hasPrefix("group:"):
                let groupID = String(id.dropFirst(6))
                return groups.first { $0.id == groupID }?.tags.map {
                    TreeNode(id: "tag:" + $0.id, title: $0.name, detail: "\($0.customers)", hasChildren: $0.customers > 0)
                } ?? []
            case let id? where id.hasPrefix("tag:"):
                let customers = (try? database.writer.read { try TagQuery.customers($0, tagID: String(id.dropFirst(4)), scope: scope) }) ?? []
                return customers.map { TreeNode(id: "customer:" + $0.id, title: $0.name, detail: $0.id) }
            case let id? where id.hasPrefix("rule:"):
                guard let rule = RuleTag(rawValue: String(id.dropFirst(5))) else { return [] }
                let customers = (try? database.writer.read { try TagQuery.customers($0, rule: rule, scope: scope) }) ?? []
                return customers.map { TreeNode(id: "customer:" + $0.id, title: $0.name, detail: $0.id) }
            default:
                return []
            }
        })
        // Every group starts open, so its tags and their counts show at once; from the bottom up, so expanding one
        // node does not move the rows of those still to expand.
        for index in (0..<tree.rows.count).reversed() {
            tree.select(index)
            tree.expand()
        }
        tree.select(0)
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            rebuildTree()
        }
        let title = context.text("标签与客户数（本人可见范围）· Enter 展开/打开客户 · n 新建标签 · N 新建标签组",
                                 "Tags with customer counts in your scope · Enter opens · n new tag · N new group")
        let inside = Box.draw(rect, title: title, on: &grid, context: context.render)
        tree.layout(in: inside)
        tree.render(in: inside, on: &grid, context: context.render)
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        let response = tree.handle(key)
        if response == .submitted, let id = tree.selectedNode?.id, id.hasPrefix("customer:") {
            shell.openCustomer(String(id.dropFirst(9)))
        }
        return response != .ignored
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        let zh = shell.language == .chinese
        switch command {
        case .newTagGroup:
            let form = Form(fields: [.text("name", label: zh ? "标签组名称" : "Group name", maxLength: 20)], inputWidth: 30)
            shell.presentForm(title: zh ? "新建标签组" : "New tag group", form: form) { values in
                if let failure = shell.attempt(CreateTagGroup(id: MutationID.make(), groupName: values["name"] ?? "")) { return failure }
                self.reload(shell: shell)
                return nil
            }
        case .newTag:
            guard !groups.isEmpty else {
                shell.notify(zh ? "还没有标签组：先按 N 新建一个" : "No tag group yet: N creates one", .info)
                return true
            }
            let names = groups.map(\.name)
            let form = Form(fields: [
                .choice("group", label: zh ? "标签组" : "Group", options: names, value: selectedGroup?.name),
                .text("name", label: zh ? "标签名称" : "Tag name", maxLength: 20),
            ], inputWidth: 30)
            shell.presentForm(title: zh ? "新建标签" : "New tag", form: form) { values in
                guard let group = self.groups.first(where: { $0.name == values["group"] }) else { return zh ? "请选择标签组" : "Choose a group" }
                if let failure = shell.attempt(CreateTag(id: MutationID.make(), groupID: group.id, tagName: values["name"] ?? "")) {
                    return failure
                }
                self.reload(shell: shell)
                return nil
            }
        default:
            return false
        }
        return true
    }

    /// The group of the selected node: the group itself, or the group of a selected tag.
    private var selectedGroup: TagGroup? {
        guard let id = tree.selectedNode?.id else { return nil }
        if id.hasPrefix("group:") { return groups.first { "group:" + $0.id == id } }
        if id.hasPrefix("tag:") { return groups.first { $0.tags.contains { "tag:" + $0.id == id } } }
        return nil
    }
}
