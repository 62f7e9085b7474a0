import CRMCore
import CRMStore
import TUI

/// The schedule (日程安排): a month calendar beside the selected week's items, with due reminders on top.
/// Tab switches between calendar and list; n adds, e edits, x completes or reopens, t goes to today.
final class ScheduleScreen: Screen {
    let kind = ScreenKind.schedule
    private var calendar: CalendarMonth
    private var week: [ScheduleItem] = []
    private var reminders: [ScheduleItem] = []
    private var marked: Set<CivilDate> = []
    private var list = ListView(items: [])
    private var listFocused = false

    init(shell: ShellActions) {
        let today = shell.services.today.civil
        calendar = CalendarMonth(selected: today, today: today, language: shell.language == .chinese ? .chinese : .english)
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "日程安排" : "Schedule" }

    private var selectedDay: BusinessDate { BusinessDate(calendar.selected) }
    private var weekStart: BusinessDate {
        let day = selectedDay
        return day.adding(days: -((day.dayNumber + 3) % 7))  // 1970-01-01 was a Thursday; weeks start on Monday.
    }

    func reload(shell: ShellActions) {
        let staffID = shell.session.profile.staffID
        let first = weekStart, month = selectedDay.startOfMonth
        let now = shell.services.nowText
        let loaded = try? shell.services.database.writer.read { db in
            (try ScheduleQuery.items(db, staffID: staffID, from: first, through: first.adding(days: 6)),
             try ScheduleQuery.dueReminders(db, staffID: staffID, now: now),
             try ScheduleQuery.items(db, staffID: staffID, from: month.adding(days: -7), through: month.endOfMonth.adding(days: 7)))
        }
        week = loaded?.0 ?? []
        reminders = loaded?.1 ?? []
        marked = Set((loaded?.2 ?? []).compactMap { $0.day?.civil })
        calendar.marked = marked
        calendar.today = shell.services.today.civil
        let weekdays = ["一", "二", "三", "四", "五", "六", "日"]
        list.items = week.map { item in
            let day = item.day ?? first
            let weekday = weekdays[day.days(since: first) % 7]
            let customer = item.customerName.map { " · " + $0 } ?? ""
            return ListItem("周\(weekday) \(item.startsAt.suffix(5)) \(item.title)\(customer)",
                            detail: item.isDone ? "✓ 已完成" : nil, marker: item.isDone ? "✓" : "·")
        }
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        calendar.language = context.language == .chinese ? .chinese : .english
        let columns = Split.columns(rect, [.fixed(CalendarMonth.size.width + 4), .flex(1)])
        let left = Split.rows(columns[0], [.fixed(CalendarMonth.size.height + 2), .flex(1)])
        let calendarInside = Box.draw(left[0], title: context.text("日历", "Calendar"), on: &grid, context: context.render.focused(!listFocused))
        calendar.render(in: calendarInside.inset(dx: 1, dy: 0), on: &grid, context: context.render.focused(!listFocused))
        let reminderInside = Box.draw(left[1], title: context.text("到期提醒", "Reminders due"), on: &grid,
                                      context: context.render.focused(false))
        if reminders.isEmpty {
            grid.put(context.text("没有到期提醒", "None due"), x: reminderInside.x + 1, y: reminderInside.y, style: Style(.dim),
                     limit: reminderInside.maxX)
        }
        for (row, item) in reminders.prefix(reminderInside.height).enumerated() {
            grid.put("! \(item.startsAt.suffix(11)) \(item.title)", x: reminderInside.x, y: reminderInside.y + row,
                     style: Style(.warning), limit: reminderInside.maxX)
        }
        let end = weekStart.adding(days: 6)
        let title = context.text("本周 \(weekStart) ~ \(end)（\(week.count) 项）", "Week \(weekStart) to \(end) (\(week.count))")
        let listInside = Box.draw(columns[1], title: title, on: &grid, context: context.render.focused(listFocused))
        if week.isEmpty {
            grid.put(context.text("本周没有日程，按 n 新建", "Nothing this week; n adds an item"), x: listInside.x + 1,
                     y: listInside.y, style: Style(.dim), limit: listInside.maxX)
        }
        list.layout(in: listInside)
        list.render(in: listInside, on: &grid, context: context.render.focused(listFocused))
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if key == .tab || key == .backTab {
            listFocused.toggle()
            return true
        }
        if listFocused {
            if list.handle(key) == .submitted { edit(shell: shell) }
            return true
        }
        let before = weekStart
        let month = selectedDay.startOfMonth
        guard calendar.handle(key) != .ignored else { return false }
        if weekStart != before || selectedDay.startOfMonth != month { reload(shell: shell) }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .newItem:
            presentEditor(shell: shell, item: nil)
        case .editItem:
            edit(shell: shell)
        case .completeItem:
            guard let item = selectedItem else { return true }
            if shell.apply(CompleteScheduleItem(id: item.id, done: !item.isDone)) {
                shell.notify(item.isDone ? (shell.language == .chinese ? "已重开" : "Reopened")
                                         : (shell.language == .chinese ? "已完成" : "Done"), .success)
                reload(shell: shell)
            }
        case .today:
            calendar.selected = shell.services.today.civil
            reload(shell: shell)
        case .previousPeriod, .nextPeriod:
            calendar.selected = calendar.selected.adding(days: command == .nextPeriod ? 7 : -7)
            reload(shell: shell)
        default:
            return false
        }
        return true
    }

    private var selectedItem: ScheduleItem? {
        guard listFocused || !week.isEmpty, let index = list.selectedIndex, week.indices.contains(index) else { return nil }
        return week[index]
    }

    private func edit(shell: ShellActions) {
        guard let item = selectedItem else {
            shell.notify(shell.language == .chinese ? "先在右侧列表选中一项（Tab 切换）" : "Select an item in the list first (Tab)", .info)
            return
        }
        presentEditor(shell: shell, item: item)
    }

    private func presentEditor(shell: ShellActions, item: ScheduleItem?) {
        let zh = shell.language == .chinese
        let draft = item?.draft ?? ScheduleDraft(title: "", startsAt: "\(selectedDay) 09:00", customerID: nil, remindMinutes: 15, note: "")
        let startValidator: FieldValidator = { ScheduleDraft.isValidStart($0) ? nil : (zh ? "格式应为 YYYY-MM-DD HH:MM" : "use YYYY-MM-DD HH:MM") }
        let form = Form(fields: [
            .text("title", label: zh ? "事项" : "Title", value: draft.title, maxLength: 60,
                  validator: { $0.isEmpty ? (zh ? "必填" : "Required") : nil }),
            .text("starts_at", label: zh ? "时间" : "Time", value: draft.startsAt, placeholder: "YYYY-MM-DD HH:MM",
                  validator: startValidator),
            .text("customer", label: zh ? "客户号" : "Customer id", value: draft.customerID ?? "", placeholder: zh ? "可空" : "optional"),
            .number("remind", label: zh ? "提前提醒(分钟)" : "Remind (minutes)", value: String(draft.remindMinutes),
                    required: true, messages: zh ? .zhHans : .en),
            .text("note", label: zh ? "备注" : "Note", value: draft.note, maxLength: 200),
        ], inputWidth: 26)
        let title = item == nil ? (zh ? "新建日程" : "New schedule item") : (zh ? "修改日程" : "Edit schedule item")
        shell.presentForm(title: title, form: form) { values in
            let customer = values["customer"] ?? ""
            let draft = ScheduleDraft(title: values["title"] ?? "", startsAt: values["starts_at"] ?? "",
                                      customerID: customer.isEmpty ? nil : customer, remindMinutes: Int(values["remind"] ?? "") ?? -1,
                                      note: values["note"] ?? "")
            let mutation = item.map { SaveScheduleItem(.edit, id: $0.id, draft: draft) }
                ?? SaveScheduleItem(.create, id: MutationID.make(), draft: draft)
            if let failure = shell.attempt(mutation) { return failure }
            if let day = BusinessDate(draft.startsAt.prefix(10)) { self.calendar.selected = day.civil }
            self.reload(shell: shell)
            shell.notify(zh ? "日程已保存" : "Saved", .success)
            return nil
        }
    }
}
