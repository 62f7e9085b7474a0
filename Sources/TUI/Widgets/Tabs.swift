/// A row of tab titles with one active tab. When the titles are wider than the row, it scrolls just far
/// enough to show the active tab, with ‹ › (< > in plain mode) where tabs are hidden.
///
/// Keys: ← → or [ ] select the previous or next tab; 1-9 select a tab by number.
public struct Tabs {
    /// The titles; replacing them keeps the active index (clamped to the new count).
    public var titles: [String] {
        didSet { active = clamped(active) }
    }
    public private(set) var active: Int

    public init(titles: [String], active: Int = 0) {
        self.titles = titles
        self.active = 0
        self.active = clamped(active)
    }

    /// Makes the tab at `index` (clamped) active.
    public mutating func select(_ index: Int) {
        active = clamped(index)
    }

    public mutating func handle(_ key: Key) -> KeyResponse {
        switch key {
        case .left, .character("["):
            select(active - 1)
        case .right, .character("]"):
            select(active + 1)
        case .character(let digit) where ("1"..."9").contains(digit):
            guard let number = digit.wholeNumberValue, number <= titles.count else { return .ignored }
            select(number - 1)
        default:
            return .ignored
        }
        return .handled
    }

    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        grid.fill(line, style: Style(.tabInactive))
        guard !titles.isEmpty else { return }
        let labels = titles.map { " \($0) " }
        let widths = labels.map { DisplayWidth.of($0) }
        let first = firstShown(widths: widths, room: rect.width)
        var x = rect.x
        if first > 0 { x = grid.put(context.plain ? "<" : "‹", x: x, y: line.y, style: Style(.tabInactive)) }
        let hiddenRight = widths[first...].reduce(0, +) > line.maxX - x
        let end = hiddenRight ? line.maxX - 1 : line.maxX
        for index in first..<labels.count where x < end {
            let style = index == active ? Style(.tabActive, bold: true) : Style(.tabInactive)
            x = grid.put(labels[index], x: x, y: line.y, style: style, limit: end)
        }
        if hiddenRight { grid.put(context.plain ? ">" : "›", x: end, y: line.y, style: Style(.tabInactive)) }
    }

    /// The first tab to draw: the leftmost from which the active tab fits beside the scroll markers.
    private func firstShown(widths: [Int], room: Int) -> Int {
        for first in 0...active {
            let space = room - (first > 0 ? 1 : 0)
            let hiddenRight = widths[first...].reduce(0, +) > space
            if widths[first...active].reduce(0, +) <= space - (hiddenRight ? 1 : 0) { return first }
        }
        return active
    }

    private func clamped(_ index: Int) -> Int { max(0, min(index, titles.count - 1)) }
}
