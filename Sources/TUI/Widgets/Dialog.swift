/// A modal box centred over whatever is behind it: a title, message lines wrapped by display width, and a row
/// of buttons. Left/Right/Tab/Shift-Tab move between buttons, Enter presses the selected one (`.submitted`; read
/// ``selected``), Esc cancels.
public struct Dialog: Sendable {
    public var title: String
    /// The message; "\n" starts a new line, and long lines wrap.
    public var message: String
    public var buttons: [String]
    /// The index of the selected button.
    public private(set) var selected: Int
    /// The widest the box grows, in columns (it is also kept 2 columns inside the area on each side).
    public var maxWidth: Int

    public init(title: String, message: String, buttons: [String], selected: Int = 0, maxWidth: Int = 60) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selected = buttons.isEmpty ? 0 : min(max(0, selected), buttons.count - 1)
        self.maxWidth = maxWidth
    }

    /// A yes/no question: `confirm` is button 0 and selected, `cancel` is button 1.
    public static func confirm(title: String, message: String, confirm: String = "确定", cancel: String = "取消") -> Dialog {
        Dialog(title: title, message: message, buttons: [confirm, cancel])
    }

    /// Whether Enter was pressed on the first button (the confirming one of ``confirm(title:message:confirm:cancel:)``).
    public var isConfirmed: Bool { selected == 0 }

    public mutating func handle(_ key: Key) -> KeyResponse {
        let count = max(1, buttons.count)
        switch key {
        case .left, .backTab: selected = (selected + count - 1) % count
        case .right, .tab: selected = (selected + 1) % count
        case .enter: return .submitted
        case .escape: return .cancelled
        default: return .ignored
        }
        return .handled
    }

    /// How a button is written: the selected one in brackets, so it shows without colour too.
    private func label(_ index: Int) -> String {
        index == selected ? "[ " + buttons[index] + " ]" : "  " + buttons[index] + "  "
    }

    private var buttonRow: String { buttons.indices.map(label).joined(separator: " ") }

    /// The message lines and the box, sized to the content and centred in `area`.
    private func layout(in area: Rect) -> (lines: [String], box: Rect) {
        let room = max(1, min(maxWidth, area.width - 4) - 4)
        let natural = message.split(separator: "\n", omittingEmptySubsequences: false).map { DisplayWidth.of($0) }.max() ?? 0
        let content = min(room, max(natural, DisplayWidth.of(buttonRow), DisplayWidth.of(title) + 2))
        let lines = TextWrap.lines(message, width: content)
        // Border, blank, the lines, blank, buttons, border.
        return (lines, area.centered(width: content + 4, height: lines.count + 5))
    }

    /// The box's rectangle when drawn in `area`.
    public func frame(in area: Rect) -> Rect { layout(in: area).box }

    /// Clears the box's rectangle (no shadow) and draws the dialog centred in `rect`.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        let (lines, box) = layout(in: rect)
        let inside = Box.draw(box, title: title, on: &grid, context: context)
        guard inside.width > 2 else { return }
        let text = inside.inset(dx: 1, dy: 0)
        for (row, line) in lines.prefix(max(0, inside.height - 3)).enumerated() {
            grid.put(line, x: text.x, y: inside.y + 1 + row, limit: text.maxX)
        }
        var x = text.x + max(0, (text.width - DisplayWidth.of(buttonRow)) / 2)
        for index in buttons.indices {
            let style = index == selected ? Style(context.focused ? .selected : .accent, bold: true) : Style(.normal)
            x = grid.put(label(index), x: x, y: inside.maxY - 1, style: style, limit: text.maxX)
            x = grid.put(" ", x: x, y: inside.maxY - 1, limit: text.maxX)
        }
    }
}
