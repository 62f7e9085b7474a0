/// A month as a grid of weeks starting on Monday, showing the selected day's month: today marked, the selected
/// day highlighted, days with items marked. Arrows (and h/j/k/l) move the selection by a day or a week,
/// PageUp/PageDown by a month, Home/End to the month's first and last day; Enter submits the selection.
public struct CalendarMonth: Sendable {
    /// The language of the title and the weekday headers.
    public enum Language: Sendable { case chinese, english }

    public var selected: CivilDate
    /// The business date to mark as today (from the caller's clock, never read here).
    public var today: CivilDate
    /// Days that have items (tasks, visits ...), marked with a dot.
    public var marked: Set<CivilDate>
    public var language: Language

    public init(selected: CivilDate, today: CivilDate, marked: Set<CivilDate> = [], language: Language = .chinese) {
        self.selected = selected
        self.today = today
        self.marked = marked
        self.language = language
    }

    /// Columns a day takes: a bracket or space, two digits, and a bracket or the item mark.
    public static let cellWidth = 4
    /// The size the widget draws in: 7 days wide; a title, the weekday headers and up to 6 weeks.
    public static let size = Size(width: 7 * cellWidth, height: 8)

    private static let chineseWeekdays = ["一", "二", "三", "四", "五", "六", "日"]
    private static let englishWeekdays = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]

    public mutating func handle(_ key: Key) -> KeyResponse {
        switch key {
        case .left, .character("h"): selected = selected.adding(days: -1)
        case .right, .character("l"): selected = selected.adding(days: 1)
        case .up, .character("k"): selected = selected.adding(days: -7)
        case .down, .character("j"): selected = selected.adding(days: 7)
        case .pageUp: selected = selected.adding(months: -1)
        case .pageDown: selected = selected.adding(months: 1)
        case .home: selected = selected.firstOfMonth
        case .end: selected = selected.firstOfMonth.adding(months: 1).adding(days: -1)
        case .enter: return .submitted
        default: return .ignored
        }
        return .handled
    }

    /// "2026年2月" or "February 2026".
    public var title: String {
        switch language {
        case .chinese: return "\(selected.year)年\(selected.month)月"
        case .english: return "\(CalendarMonth.englishMonths[selected.month - 1]) \(selected.year)"
        }
    }

    /// The weeks of the month, Monday first; nil where a day belongs to the month before or after.
    public var weeks: [[CivilDate?]] {
        let first = selected.firstOfMonth
        let count = CivilDate.daysIn(year: first.year, month: first.month)
        let days: [CivilDate?] = Array(repeating: nil, count: first.weekdayFromMonday) + (0..<count).map { first.adding(days: $0) }
        return stride(from: 0, to: days.count, by: 7).map { start in
            let week = Array(days[start..<min(start + 7, days.count)])
            return week + Array(repeating: nil, count: 7 - week.count)
        }
    }

    /// Draws the title, the weekday headers and the weeks from the rectangle's top-left corner.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        grid.fill(rect)
        let width = min(rect.width, CalendarMonth.size.width)
        let titleX = rect.x + max(0, (width - DisplayWidth.of(title)) / 2)
        grid.put(title, x: titleX, y: rect.y, style: Style(.title, bold: true), limit: rect.maxX)
        let headers = language == .chinese ? CalendarMonth.chineseWeekdays : CalendarMonth.englishWeekdays
        for (column, header) in headers.enumerated() {
            grid.put(" " + header, x: rect.x + column * CalendarMonth.cellWidth, y: rect.y + 1, style: Style(.header),
                     limit: rect.maxX)
        }
        for (row, week) in weeks.enumerated() where row + 2 < rect.height {
            for (column, day) in week.enumerated() {
                guard let day else { continue }
                let x = rect.x + column * CalendarMonth.cellWidth
                grid.put(cellText(day, plain: context.plain), x: x, y: rect.y + 2 + row, style: style(of: day, context: context),
                         limit: rect.maxX)
            }
        }
    }

    /// " 7 " with the selection in brackets ("[ 7]") and items as a trailing dot (" 7•", "*" under plain).
    private func cellText(_ day: CivilDate, plain: Bool) -> String {
        let digits = day.day < 10 ? " \(day.day)" : "\(day.day)"
        if day == selected { return "[" + digits + "]" }
        return " " + digits + (marked.contains(day) ? (plain ? "*" : "•") : " ")
    }

    private func style(of day: CivilDate, context: RenderContext) -> Style {
        if day == selected { return Style(context.focused ? .selected : .highlight, bold: day == today, underline: day == today) }
        if day == today { return Style(.accent, bold: true, underline: true) }
        return Style(marked.contains(day) ? .highlight : .normal)
    }
}
