import CRMStore
import TUI

/// Org and team management (机构团队管理): the tree head office › branch › sub-branch › team › people, each org
/// with its active staff and its customers below it. Administrators add a node below the selected one (n),
/// rename it (e), move an org or a person (m, then pick where in the tree and Enter) and close an org (x), its
/// people and their customers going to a successor picked the same way.
final class OrgTreeScreen: Screen {
    let kind = ScreenKind.orgTree
    private var orgs = OrgTree()
    private var tree: TreeView
    private var language: Language
    private let shell: ShellActions
    /// What waits for the user to pick a node in the tree.
    private var picking: Pick?

    private enum Pick {
        case moveOrg(OrgTreeNode)
        case moveStaff(OrgStaffMember)
        case successor(OrgTreeNode)
    }

    init(shell: ShellActions) {
        self.shell = shell
        language = shell.language
        tree = TreeView(source: ClosureTreeSource { _ in [] })
        reload(shell: shell)
        // Head office and its branches start open.
        tree.reopen(Set(orgs.rootIDs.map { "org:" + $0 }), selecting: nil)
    }

    func title(_ language: Language) -> String { language == .chinese ? "机构团队管理" : "Org and teams" }

    var capturesText: Bool { picking != nil }

    func reload(shell: ShellActions) {
        orgs = (try? shell.services.database.writer.read(OrgTree.load)) ?? OrgTree()
        rebuildTree()
    }

    /// A fresh tree from the loaded orgs, keeping what was open and selected.
    private func rebuildTree() {
        let open = tree.expanded, selected = tree.selectedNode?.id
        let zh = language == .chinese, orgs = self.orgs, database = shell.services.database
        tree = TreeView(source: ClosureTreeSource { id in
            if let id, id.hasPrefix("staff:") { return [] }
            let orgID = id.map { String($0.dropFirst(4)) }
            let people = orgID.flatMap { orgID in try? database.writer.read { try OrgTree.staff(in: orgID, $0) } } ?? []
            return orgs.children(of: orgID).map { Self.node($0, orgs: orgs, zh: zh) } + people.map { Self.node($0, zh: zh) }
        })
        tree.reopen(open, selecting: selected)
    }

    private static func node(_ org: OrgTreeNode, orgs: OrgTree, zh: Bool) -> TreeNode {
        let level = zh ? org.level.chineseName : org.level.englishName
        let detail = org.isActive
            ? (zh ? "\(level) · \(org.staff) 人 · 客户 \(org.customers)" : "\(level) · \(org.staff) staff · \(org.customers) customers")
            : (zh ? "\(level) · 已撤销" : "\(level) · closed")
        return TreeNode(id: "org:" + org.orgID, title: "\(org.name) \(org.orgID)", detail: detail,
                        hasChildren: !orgs.children(of: org.orgID).isEmpty || org.staff > 0)
    }

    private static func node(_ member: OrgStaffMember, zh: Bool) -> TreeNode {
        let role = zh ? member.profile.role.chineseName : member.profile.role.englishName
        let detail = member.isActive ? (zh ? "\(role) · 主办客户 \(member.customers)" : "\(role) · \(member.customers) customers")
            : (zh ? "\(role) · 离职" : "\(role) · left")
        return TreeNode(id: "staff:" + member.profile.staffID, title: "\(member.profile.name) \(member.profile.staffID)", detail: detail)
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            rebuildTree()
        }
        let inside = Box.draw(rect, title: boxTitle(context), on: &grid, context: context.render)
        let body = Rect(x: inside.x, y: inside.y, width: inside.width, height: max(1, inside.height - 1))
        tree.layout(in: body)
        tree.render(in: body, on: &grid, context: context.render)
        let path = selectedOrg.map { orgs.path(to: $0.orgID).joined(separator: " › ") } ?? ""
        grid.put(DisplayWidth.fit(DisplayWidth.truncateLeading(path, to: inside.width), to: inside.width), x: inside.x,
                 y: inside.maxY - 1, style: Style(picking == nil ? .dim : .accent), limit: inside.maxX)
        return nil
    }

    private func boxTitle(_ context: ScreenContext) -> String {
        switch picking {
        case .moveOrg(let org)?:
            return context.text("把 \(org.name) 移到哪个机构之下？选中后 Enter 确认，Esc 取消",
                                "Move \(org.name) under which org? Enter picks, Esc cancels")
        case .moveStaff(let member)?:
            return context.text("把 \(member.profile.name) 调到哪个机构？选中后 Enter 确认，Esc 取消",
                                "Move \(member.profile.name) to which org? Enter picks, Esc cancels")
        case .successor(let org)?:
            return context.text("撤销 \(org.name)：其人员与客户转入哪个机构？Enter 确认，Esc 取消",
                                "Close \(org.name): where do its people and customers go? Enter picks, Esc cancels")
        case nil:
            return context.text("机构 \(tree.position) · n 新建下级 · e 改名 · m 移动 · x 撤销",
                                "Orgs \(tree.position) · n new · e rename · m move · x close")
        }
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if let pick = picking {
            switch key {
            case .escape:
                picking = nil
                return true
            case .enter:
                picked(pick, target: selectedOrg)
                return true
            default:
                return tree.handle(key) != .ignored
            }
        }
        return tree.handle(key) != .ignored
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        guard picking == nil else { return true }
        let zh = shell.language == .chinese
        switch command {
        case .newOrg:
            guard let parent = selectedOrg, parent.isActive, let id = try? shell.services.database.writer.read(OrgTree.nextCreatedID)
            else { return notOnAnOpenOrg() }
            let levels = OrgLevel.allCases.filter { $0 > parent.level }
            guard let first = levels.first else {
                shell.notify(zh ? "团队之下不能再设机构，人员请用 m 调入" : "Nothing sits below a team; m moves people in", .info)
                return true
            }
            let names = levels.map { zh ? $0.chineseName : $0.englishName }
            let form = Form(fields: [
                .choice("level", label: zh ? "层级" : "Level", options: names, value: names[levels.firstIndex(of: first)!]),
                .text("name", label: zh ? "机构名称" : "Name", maxLength: 40),
            ], inputWidth: 30)
            shell.presentForm(title: zh ? "在 \(parent.name) 之下新建（机构号 \(id)）" : "New org \(id) below \(parent.name)", form: form) { values in
                let level = levels[names.firstIndex(of: values["level"] ?? "") ?? 0]
                let change = OrgChange(kind: .create, targetID: id, name: values["name"], parentID: parent.orgID, level: level)
                if let failure = self.change(change) { return failure }
                self.tree.reopen(self.tree.expanded.union(["org:" + parent.orgID]), selecting: "org:" + id)
                return nil
            }
        case .renameOrg:
            guard let org = selectedOrg, org.isActive else { return notOnAnOpenOrg() }
            let form = Form(fields: [.text("name", label: zh ? "新名称" : "New name", value: org.name, maxLength: 40)], inputWidth: 30)
            shell.presentForm(title: zh ? "机构改名：\(org.orgID)" : "Rename \(org.orgID)", form: form) { values in
                self.change(OrgChange(kind: .rename, targetID: org.orgID, name: values["name"]))
            }
        case .moveNode:
            if let member = selectedStaff, member.isActive {
                picking = .moveStaff(member)
            } else if let org = selectedOrg, org.isActive, org.parentID != nil {
                picking = .moveOrg(org)
            } else {
                shell.notify(zh ? "请选中一个在用的机构（总行除外）或在职人员" : "Select an open org (not head office) or an active person", .info)
            }
        case .closeOrg:
            guard let org = selectedOrg, org.isActive else { return notOnAnOpenOrg() }
            if org.staff > 0 {
                picking = .successor(org)
            } else {
                confirmClose(org, successor: nil)
            }
        default:
            return false
        }
        return true
    }

    private func picked(_ pick: Pick, target: OrgTreeNode?) {
        guard let target else { return }
        picking = nil
        switch pick {
        case .moveOrg(let org):
            if change(OrgChange(kind: .move, targetID: org.orgID, parentID: target.orgID), notifying: true) == nil {
                tree.reopen(tree.expanded.union(["org:" + target.orgID]), selecting: "org:" + org.orgID)
            }
        case .moveStaff(let member):
            if change(OrgChange(kind: .staffMove, targetID: member.profile.staffID, parentID: target.orgID), notifying: true) == nil {
                tree.reopen(tree.expanded, selecting: "org:" + target.orgID)
            }
        case .successor(let org):
            confirmClose(org, successor: target)
        }
    }

    private func confirmClose(_ org: OrgTreeNode, successor: OrgTreeNode?) {
        let zh = shell.language == .chinese
        let message: String
        if let successor {
            message = zh ? "撤销 \(org.name)？其 \(org.staff) 名在职人员及其 \(org.customers) 户客户转入 \(successor.name)。"
                : "Close \(org.name)? Its \(org.staff) staff and their \(org.customers) customers go to \(successor.name)."
        } else {
            message = zh ? "撤销 \(org.name)？该机构已无在职人员。" : "Close \(org.name)? It has no active staff."
        }
        shell.confirm(title: zh ? "撤销机构" : "Close org", message: message) {
            _ = self.change(OrgChange(kind: .close, targetID: org.orgID, successorID: successor?.orgID), notifying: true)
        }
    }

    /// Applies the change as the signed-in user; returns the refusal (for a form) or nil, reloading on success.
    /// With `notifying`, the refusal or the success is also shown as a toast.
    @discardableResult
    private func change(_ change: OrgChange, notifying: Bool = false) -> String? {
        let failure = shell.attempt(OrgTreeMutation(id: MutationID.make(), change: change))
        if let failure {
            if notifying { shell.notify(failure, .error) }
            return failure
        }
        reload(shell: shell)
        if notifying {
            shell.notify(shell.language == .chinese ? "已调整，次一数据日起计入汇总" : "Done; roll-ups follow from the next business date",
                         .success)
        }
        return nil
    }

    private func notOnAnOpenOrg() -> Bool {
        shell.notify(shell.language == .chinese ? "请选中一个在用的机构" : "Select an open org", .info)
        return true
    }

    /// The org of the selected row: the org itself, or the org a selected person works in.
    private var selectedOrg: OrgTreeNode? {
        guard let id = tree.selectedNode?.id else { return nil }
        if id.hasPrefix("org:") { return orgs.nodes[String(id.dropFirst(4))] }
        return selectedStaff.flatMap { orgs.nodes[$0.profile.orgID] }
    }

    private var selectedStaff: OrgStaffMember? {
        guard let id = tree.selectedNode?.id, id.hasPrefix("staff:") else { return nil }
        let staffID = String(id.dropFirst(6))
        return (try? shell.services.database.writer.read { db in
            try StaffDirectory.profile(db, staffID: staffID).flatMap { profile in
                try OrgTree.staff(in: profile.orgID, db).first { $0.profile.staffID == staffID }
            }
        }) ?? nil
    }
}
