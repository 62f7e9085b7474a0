import TUI

/// The palette (功能检索, `:` or Ctrl-P): type a Chinese title, pinyin, initials or English words, pick with
/// ↑↓, run with Enter.
struct PaletteOverlay {
    private var input = TextField(placeholder: "")
    private(set) var selection = 0
    private let screen: ScreenKind
    private let signedIn: Bool

    init(screen: ScreenKind, signedIn: Bool) {
        self.screen = screen
        self.signedIn = signedIn
    }

    var matches: [AppCommand] { CommandRegistry.search(input.text, on: screen, signedIn: signedIn) }
    var chosen: CommandID? { matches.indices.contains(selection) ? matches[selection].id : nil }

    mutating func handle(_ key: Key) -> KeyResponse {
        switch key {
        case .escape: return .cancelled
        case .enter: return .submitted
        case .down, .control("n"):
            selection = min(selection + 1, max(0, matches.count - 1))
            return .handled
        case .up:
            selection = max(0, selection - 1)
            return .handled
        default:
            let response = input.handle(key)
            selection = 0
            return response
        }
    }

    func render(in area: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let box = Rect(x: area.x + (area.width - min(area.width - 4, 64)) / 2, y: area.y + 1,
                       width: min(area.width - 4, 64), height: min(area.height - 2, 16))
        let title = context.text("功能检索 — 中文、拼音、首字母或英文", "Find a function — Chinese, pinyin, initials or English")
        let inside = Box.draw(box, title: title, on: &grid, context: context.render)
        let prompt = "> "
        grid.put(prompt, x: inside.x, y: inside.y, style: Style(.accent))
        let field = Rect(x: inside.x + 2, y: inside.y, width: inside.width - 2, height: 1)
        input.render(in: field, on: &grid, context: context.render)
        let list = matches
        if list.isEmpty {
            grid.put(context.text("没有匹配的功能", "No function matches"), x: inside.x, y: inside.y + 2, style: Style(.dim),
                     limit: inside.maxX)
        }
        for (row, command) in list.prefix(inside.height - 2).enumerated() {
            let y = inside.y + 2 + row
            let keys = command.allKeys.first.map(\.label) ?? ""
            let style = row == selection ? Style(.selected) : Style()
            grid.fill(Rect(x: inside.x, y: y, width: inside.width, height: 1), style: style)
            let title = command.title(context.language)
            let other = context.language == .chinese ? command.title.en : command.title.zh
            let end = grid.put(title, x: inside.x + 1, y: y, style: style, limit: inside.maxX - 8)
            grid.put("  " + other, x: end, y: y, style: row == selection ? style : Style(.dim), limit: inside.maxX - 8)
            grid.put(DisplayWidth.fit(keys, to: 7, alignRight: true), x: inside.maxX - 7, y: y, style: row == selection ? style : Style(.keyHint))
        }
        return input.cursorPosition(in: field)
    }
}
