import CRMCore
import CRMStore
import TUI

/// Smart reminders (智能日程提醒): what comes up for the customers in scope within each kind's lead days, with
/// the user's scheduled visits and overdue tasks. x marks one done, z snoozes it (1, 3 or 7 days); Enter opens
/// the customer. Lead days are the `reminder_*_days` settings.
final class RemindersScreen: Screen {
    let kind = ScreenKind.reminders
    private var reminders: [Reminder] = []
    private var table: Table
    private var language: Language
    private let shell: ShellActions

    init(shell: ShellActions) {
        self.shell = shell
        language = shell.language
        table = Table(columns: [], source: ArrayTableSource(rows: []))
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "智能提醒" : "Coming up" }

    func reload(shell: ShellActions) {
        let viewer = shell.session.profile, day = shell.services.reminderDay
        reminders = (try? shell.services.database.writer.read { db in
            try ReminderQuery.due(db, viewer: viewer, today: day, lead: try Settings.read(db).reminderLeadDays)
        }) ?? []
        let zh = language == .chinese
        let columns = [
            TableColumn(zh ? "日期" : "Date", minWidth: 10, maxWidth: 10),
            TableColumn(zh ? "类型" : "Kind", minWidth: 8, maxWidth: 20),
            TableColumn(zh ? "客户" : "Customer", minWidth: 10, maxWidth: 30, flexible: true),
            TableColumn(zh ? "事项" : "About", minWidth: 10, maxWidth: 50, flexible: true),
        ]
        let position = table.selectedRow
        table = Table(columns: columns, source: ArrayTableSource(rows: reminders.map { reminder in
            [reminder.date.description, ReminderText.kind(reminder.kind, language), reminder.customerName,
             ReminderText.about(reminder, language)]
        }))
        if let position { table.select(position: position) }
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            reload(shell: shell)
        }
        let title = context.text("自 \(shell.services.reminderDay) 起 \(table.position) · x 已办 · z 稍后提醒 · Enter 客户视图",
                                 "From \(shell.services.reminderDay) \(table.position) · x done · z snooze · Enter opens")
        let inside = Box.draw(rect, title: title, on: &grid, context: context.render)
        table.layout(in: inside)
        table.render(in: inside, on: &grid, context: context.render)
        if reminders.isEmpty {
            grid.put(context.text("近期没有需要提醒的事", "Nothing coming up"), x: inside.x + 1, y: inside.y + 2, style: Style(.dim),
                     limit: inside.maxX)
        }
        return nil
    }

    private var selected: Reminder? { table.selectedRow.flatMap { reminders.indices.contains($0) ? reminders[$0] : nil } }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if table.handle(key) == .submitted, let customer = selected?.customerID { shell.openCustomer(customer) }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        let zh = shell.language == .chinese
        guard let reminder = selected else { return command == .completeItem || command == .snoozeReminder }
        switch command {
        case .completeItem:
            guard shell.apply(SetReminderState(key: reminder.key, change: .done(true))) else { return true }
            reload(shell: shell)
            shell.notify(zh ? "已办：\(ReminderText.line(reminder, shell.language))" : "Done", .success)
        case .snoozeReminder:
            let options = zh ? ["1 天", "3 天", "7 天"] : ["1 day", "3 days", "7 days"]
            let form = Form(fields: [.choice("days", label: zh ? "稍后提醒" : "Snooze for", options: options)], inputWidth: 12)
            shell.presentForm(title: zh ? "稍后提醒" : "Snooze", form: form) { values in
                let days = [1, 3, 7][options.firstIndex(of: values["days"] ?? "") ?? 0]
                let until = shell.services.reminderDay.adding(days: days)
                if let failure = shell.attempt(SetReminderState(key: reminder.key, change: .snooze(until: until))) { return failure }
                self.reload(shell: shell)
                return nil
            }
        default:
            return false
        }
        return true
    }
}
