import Foundation
import GRDB

/// What makes a change to the org tree acceptable, each refusal saying what is wrong and where.
struct OrgChangeRules {
    private let db: Database
    private let tree: OrgTree

    init(_ db: Database) throws {
        self.db = db
        tree = try OrgTree.load(db)
    }

    /// The change as it will be recorded (names trimmed), or the reason it cannot be made.
    func check(_ change: OrgChange) throws -> OrgChange {
        var checked = change
        switch change.kind {
        case .create:
            guard tree.nodes[change.targetID] == nil else { throw MutationError("机构号 \(change.targetID) 已存在 (org \(change.targetID) exists)") }
            guard let level = change.level else { throw MutationError("请选择层级 (choose a level)") }
            let parent = try openNode(change.parentID, role: "上级机构 (parent)")
            try requireBelow(level, parent: parent)
            checked.name = try name(change.name, under: parent.orgID, except: nil)
        case .rename:
            let node = try openNode(change.targetID, role: "机构 (org)")
            checked.name = try name(change.name, under: node.parentID, except: node.orgID)
        case .move:
            let node = try openNode(change.targetID, role: "机构 (org)")
            guard node.parentID != nil else { throw MutationError("总行不能移动 (head office cannot move)") }
            let parent = try openNode(change.parentID, role: "新的上级机构 (new parent)")
            guard !tree.isWithin(parent.orgID, node.orgID) else {
                throw MutationError("不能移到自身或其下级之下：\(parent.name) (cannot move under itself or its own subtree: \(parent.orgID))")
            }
            try requireBelow(node.level, parent: parent)
            _ = try name(node.name, under: parent.orgID, except: node.orgID)
        case .close:
            let node = try openNode(change.targetID, role: "机构 (org)")
            guard node.parentID != nil else { throw MutationError("总行不能撤销 (head office cannot close)") }
            if let open = tree.children(of: node.orgID).first(where: \.isActive) {
                throw MutationError("请先移走或撤销下级机构 \(open.name) (move or close \(open.orgID) below it first)")
            }
            let people = try OrgTree.staff(in: node.orgID, db).filter(\.isActive)
            if let successorID = change.successorID {
                let successor = try openNode(successorID, role: "承接机构 (successor)")
                guard successor.orgID != node.orgID else { throw MutationError("承接机构不能是被撤销的机构本身 (the successor is the org itself)") }
                for person in people where !OrgLevel.levels(for: person.profile.role).contains(successor.level) {
                    throw MutationError("""
                        \(person.profile.name)（\(person.profile.role.chineseName)）不能转入\(successor.level.chineseName) \(successor.name) \
                        (\(person.profile.staffID) cannot work at a \(successor.level.englishName))
                        """)
                }
            } else if !people.isEmpty {
                throw MutationError("该机构还有 \(people.count) 名在职员工，请选择承接机构 (it has \(people.count) active staff: choose a successor)")
            }
        case .staffMove:
            guard let person = try StaffDirectory.profile(db, staffID: change.targetID) else {
                throw MutationError("没有员工 \(change.targetID) (no staff \(change.targetID))")
            }
            let target = try openNode(change.parentID, role: "新机构 (new org)")
            guard target.orgID != person.orgID else { throw MutationError("\(person.name) 已在 \(target.name) (already there)") }
            guard OrgLevel.levels(for: person.role).contains(target.level) else {
                throw MutationError("""
                    \(person.role.chineseName)不能在\(target.level.chineseName)任职：\(target.name) \
                    (a \(person.role.englishName.lowercased()) cannot work at a \(target.level.englishName))
                    """)
            }
        }
        return checked
    }

    /// An existing open node.
    private func openNode(_ orgID: String?, role: String) throws -> OrgTreeNode {
        guard let orgID, !orgID.isEmpty else { throw MutationError("请选择\(role)") }
        guard let node = tree.nodes[orgID] else { throw MutationError("没有机构 \(orgID) (no org \(orgID))") }
        guard node.isActive else { throw MutationError("\(node.name) 已撤销 (\(orgID) is closed)") }
        return node
    }

    private func requireBelow(_ level: OrgLevel, parent: OrgTreeNode) throws {
        guard parent.level < level else {
            throw MutationError("""
                \(level.chineseName)不能设在\(parent.level.chineseName)之下：\(parent.name) \
                (a \(level.englishName) cannot sit under a \(parent.level.englishName))
                """)
        }
    }

    /// A plain, non-empty name of at most 40 characters, unique among the open nodes under the same parent.
    private func name(_ text: String?, under parentID: String?, except orgID: String?) throws -> String {
        let name = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw MutationError("机构名称不能为空 (the name is empty)") }
        guard name.count <= 40 else { throw MutationError("机构名称最多 40 个字 (at most 40 characters)") }
        try TextRules.requirePlain(name, field: "机构名称")
        if let clash = tree.children(of: parentID).first(where: { $0.isActive && $0.name == name && $0.orgID != orgID }) {
            throw MutationError("同一上级下已有同名机构 \(clash.orgID) (\(clash.orgID) under the same parent has this name)")
        }
        return name
    }
}
