import TUI

/// The help screen (? or F1), generated from the command registry: what applies on the current screen, then
/// the modules, the shell's commands and the movement keys.
struct HelpOverlay {
    let screen: ScreenKind
    let language: Language
    private(set) var offset = 0

    init(screen: ScreenKind, language: Language) {
        self.screen = screen
        self.language = language
    }

    /// The help text as (keys, title) rows under section headings (keys nil).
    var rows: [(keys: String?, title: String)] {
        let sections: [(Text, (AppCommand) -> Bool)] = [
            (Text("本页", "This screen"), { if case .screens = $0.scope { return $0.applies(on: screen) } else { return false } }),
            (Text("功能", "Functions"), { $0.scope == .module }),
            (Text("通用", "Everywhere"), { $0.scope == .global }),
            (Text("移动", "Moving"), { $0.scope == .navigation }),
        ]
        var rows: [(String?, String)] = []
        for (heading, belongs) in sections {
            let commands = CommandRegistry.all.filter(belongs)
            guard !commands.isEmpty else { continue }
            if !rows.isEmpty { rows.append((nil, "")) }
            rows.append((nil, heading(language)))
            rows += commands.map { ($0.allKeys.map(\.label).joined(separator: " / "), $0.title(language)) }
        }
        return rows
    }

    /// Scroll keys keep the help open; any other key closes it.
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .down, .character("j"): offset = min(offset + 1, max(0, rows.count - 1))
        case .up, .character("k"): offset = max(0, offset - 1)
        case .pageDown, .character(" "): offset = min(offset + 10, max(0, rows.count - 1))
        case .pageUp: offset = max(0, offset - 10)
        default: return false
        }
        return true
    }

    func render(in area: Rect, on grid: inout Grid, context: ScreenContext) {
        let box = area.centered(width: min(area.width - 2, 72), height: area.height - 2)
        let title = language == .chinese ? "帮助 — 按任意键关闭，↑↓ 滚动" : "Help — any key closes, ↑↓ scroll"
        let inside = Box.draw(box, title: title, on: &grid, context: context.render)
        let keyWidth = 24
        for (line, row) in rows.dropFirst(offset).prefix(inside.height).enumerated() {
            let y = inside.y + line
            guard let keys = row.keys else {
                grid.put(row.title, x: inside.x, y: y, style: Style(.header), limit: inside.maxX)
                continue
            }
            grid.put(DisplayWidth.fit(keys, to: keyWidth), x: inside.x + 1, y: y, style: Style(.keyHint), limit: inside.maxX)
            grid.put(row.title, x: inside.x + 1 + keyWidth, y: y, limit: inside.maxX)
        }
    }
}
