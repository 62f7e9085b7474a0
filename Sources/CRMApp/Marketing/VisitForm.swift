import CRMCore
import CRMStore
import Foundation
import TUI

/// The form of a visit record (客户拜访): when, whom, why, what was said and what comes next; the place as
/// coordinates (filled from gpsd when a receiver answers) and address; photos as file paths separated by `;`,
/// copied into the attachment store with their checksums; and optionally the task the visit completes.
enum VisitForm {
    /// Shows the form for `customerID` (or a customer to type); `onSaved` runs after the visit was recorded.
    static func present(shell: ShellActions, customerID: String?, onSaved: @escaping () -> Void) {
        let zh = shell.language == .chinese
        let now = ShanghaiTime.timestamp(shell.services.clock.now())
        let position = GPSReader.position(timeoutMilliseconds: 800)
        let viewer = shell.session.profile
        let tasks = (try? shell.services.database.writer.read { try TaskTree.load($0, for: viewer) })?.nodes.values
            .filter { $0.assigneeID == viewer.staffID && $0.done < $0.customers }.sorted { $0.dueDate < $1.dueDate } ?? []
        let none = zh ? "（无）" : "(none)"
        let taskLabels = tasks.map { "\($0.title) · \($0.dueDate)" }
        let coordinate: FieldValidator = { text in
            guard !text.isEmpty else { return nil }
            guard case .success = ScaledNumber.parse(text, decimals: 6) else { return zh ? "如 26.074500" : "e.g. 26.074500" }
            return nil
        }
        let form = Form(fields: [
            .text("customer", label: zh ? "客户号" : "Customer id", value: customerID ?? "",
                  validator: { $0.isEmpty ? (zh ? "必填" : "Required") : nil }),
            .text("at", label: zh ? "拜访时间" : "Time", value: String(now.prefix(16)), placeholder: "YYYY-MM-DD HH:MM",
                  validator: { ScheduleDraft.isValidStart($0) ? nil : (zh ? "格式应为 YYYY-MM-DD HH:MM" : "use YYYY-MM-DD HH:MM") }),
            .text("contacts", label: zh ? "接触人" : "Met", maxLength: 200),
            .text("purpose", label: zh ? "拜访目的" : "Purpose", maxLength: 200, validator: { $0.isEmpty ? (zh ? "必填" : "Required") : nil }),
            .text("notes", label: zh ? "纪要" : "Notes", maxLength: 2_000),
            .text("next", label: zh ? "下一步" : "Next step", maxLength: 500),
            .text("lat", label: zh ? "纬度" : "Latitude", value: position.map { ScaledNumber.text($0.latitudeE6, decimals: 6) } ?? "",
                  placeholder: zh ? "未检测到 GPS，可手填" : "no GPS found; type it", validator: coordinate),
            .text("lon", label: zh ? "经度" : "Longitude", value: position.map { ScaledNumber.text($0.longitudeE6, decimals: 6) } ?? "",
                  validator: coordinate),
            .text("address", label: zh ? "地址" : "Address", maxLength: 200),
            .text("photos", label: zh ? "照片文件" : "Photos", placeholder: zh ? "路径，多个用 ; 分隔" : "paths separated by ;"),
            .choice("task", label: zh ? "完成任务" : "Completes task", options: [none] + taskLabels),
        ], inputWidth: 40)
        shell.presentForm(title: zh ? "记录拜访" : "Record a visit", form: form) { values in
            var attachments: [StoredAttachment] = []
            let store = shell.services.database.attachments
            for path in (values["photos"] ?? "").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !path.isEmpty {
                do {
                    attachments.append(try store.add(file: (path as NSString).expandingTildeInPath))
                } catch {
                    return String(describing: error)
                }
            }
            func degrees(_ key: String) -> Int64? {
                guard case .success(let value) = ScaledNumber.parse(values[key] ?? "", decimals: 6) else { return nil }
                return value
            }
            let task = taskLabels.firstIndex(of: values["task"] ?? "").map { tasks[$0].id }
            let draft = VisitDraft(customerID: values["customer"] ?? "", visitedAt: values["at"] ?? "", contacts: values["contacts"] ?? "",
                                   purpose: values["purpose"] ?? "", notes: values["notes"] ?? "", nextStep: values["next"] ?? "",
                                   latitudeE6: degrees("lat"), longitudeE6: degrees("lon"), address: values["address"] ?? "",
                                   attachments: attachments, taskID: task)
            if let failure = shell.attempt(LogVisit(id: MutationID.make(), draft: draft)) { return failure }
            shell.notify(zh ? "拜访已记录" + (attachments.isEmpty ? "" : "，附件 \(attachments.count) 个") : "Visit recorded", .success)
            onSaved()
            return nil
        }
    }
}
