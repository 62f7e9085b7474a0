import CRMStore
import TUI

/// The form that puts customers into one of the user's groups (客户群), or into a new one.
enum GroupPicker {
    static func present(shell: ShellActions, customerIDs: [String], heading: String) {
        let zh = shell.language == .chinese
        let scope = shell.session.scope, owner = shell.session.profile.staffID
        let groups = ((try? shell.services.database.writer.read { try CustomerSetQuery.sets($0, scope: scope, owner: owner) }) ?? [])
            .filter { $0.kind == .group }
        let newGroup = zh ? "（新建客户群）" : "(new group)"
        let form = Form(fields: [
            .choice("group", label: zh ? "客户群" : "Group", options: groups.map(\.name) + [newGroup]),
            .text("name", label: zh ? "新客户群名称" : "New group name", placeholder: zh ? "选“新建”时填写" : "for a new group", maxLength: 20),
        ], inputWidth: 30)
        shell.presentForm(title: (zh ? "加入客户群：" : "Add to a group: ") + heading, form: form) { values in
            let failure: String?
            if let group = groups.first(where: { $0.name == values["group"] }) {
                failure = shell.attempt(ChangeGroupMembers(.add, groupID: group.id, customerIDs: customerIDs))
            } else {
                failure = shell.attempt(CreateCustomerGroup(id: MutationID.make(), groupName: values["name"] ?? "", customerIDs: customerIDs))
            }
            if failure == nil { shell.notify(zh ? "已加入客户群" : "Added to the group", .success) }
            return failure
        }
    }
}
