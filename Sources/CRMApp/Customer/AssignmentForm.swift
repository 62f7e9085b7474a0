import CRMCore
import CRMStore
import TUI

/// The form of 营销关系分配: a main manager and up to two assisting managers with their shares; the main
/// manager's share is what the others leave of 100%.
enum AssignmentForm {
    /// Shows the form; `onDone` runs after a reassignment was made.
    static func present(shell: ShellActions, overview: CustomerOverview, onDone: @escaping () -> Void) {
        let zh = shell.language == .chinese
        let profile = shell.session.profile
        guard profile.role == .branchHead || profile.role == .headOffice else {
            shell.notify(zh ? "只有分支行行长和总行可以分配营销关系" : "Only branch heads and head office assign managers", .warning)
            return
        }
        let staff = (try? shell.services.database.writer.read { try StaffDirectory.assignable($0, by: profile) }) ?? []
        func label(_ person: StaffProfile) -> String { "\(person.name) \(person.staffID)" }
        let none = zh ? "（无）" : "(none)"
        let options = staff.map(label)
        let main = overview.managers.first { $0.role == "MAIN" }
        let assists = overview.managers.filter { $0.role == "ASSIST" }
        func current(_ manager: ManagerShare?) -> String? { manager.flatMap { m in staff.first { $0.staffID == m.staffID }.map(label) } }
        func share(_ manager: ManagerShare?) -> String { manager.map { ScaledNumber.text($0.shareBP, decimals: 2) } ?? "" }
        let form = Form(fields: [
            .choice("main", label: zh ? "主办客户经理" : "Main manager", options: options, value: current(main)),
            .choice("assist1", label: zh ? "协办客户经理一" : "Assisting 1", options: [none] + options, value: current(assists.first) ?? none),
            .text("share1", label: zh ? "协办一份额(%)" : "Share 1 (%)", value: share(assists.first)),
            .choice("assist2", label: zh ? "协办客户经理二" : "Assisting 2", options: [none] + options,
                    value: current(assists.dropFirst().first) ?? none),
            .text("share2", label: zh ? "协办二份额(%)" : "Share 2 (%)", value: share(assists.dropFirst().first)),
        ], inputWidth: 28)
        let title = (zh ? "营销关系分配：" : "Assign managers: ") + overview.identity.name
        shell.presentForm(title: title, form: form) { values in
            func staffID(_ key: String) -> String? { staff.first { label($0) == values[key] }?.staffID }
            var managers: [ManagerShareDraft] = []
            for (person, shareKey) in [("assist1", "share1"), ("assist2", "share2")] {
                guard let id = staffID(person) else { continue }
                guard case .success(let share) = ScaledNumber.parse(values[shareKey] ?? "", decimals: 2) else {
                    return zh ? "协办份额应为 0 到 100 之间的数" : "An assisting share must be a number from 0 to 100"
                }
                managers.append(ManagerShareDraft(staffID: id, role: "ASSIST", shareBP: share))
            }
            guard let mainID = staffID("main") else { return zh ? "请选择主办客户经理" : "Choose the main manager" }
            managers.insert(ManagerShareDraft(staffID: mainID, role: "MAIN", shareBP: 10_000 - managers.reduce(0) { $0 + $1.shareBP }), at: 0)
            if let failure = shell.attempt(AssignManagers(id: MutationID.make(), customerID: overview.identity.customerID, managers: managers)) {
                return failure
            }
            shell.notify(zh ? "营销关系已调整，即时生效；统计自下一数据日期起计" : "Reassigned: in effect now, in the figures from the next business date",
                         .success)
            onDone()
            return nil
        }
    }
}
