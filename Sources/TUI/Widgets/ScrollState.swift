/// The selection and scroll offset of a vertical list of `count` rows, shared by the table, the list and the
/// tree so that they move alike. The owner keeps the row count; every call takes it, so nothing here goes stale.
public struct ScrollState: Equatable, Sendable {
    /// The selected position (0 when the list is empty).
    public private(set) var selected = 0
    /// The first position shown, as the last key left it; rendering moves it as little as needed.
    public private(set) var top = 0
    /// How many rows a page is: the rows the widget last showed (see the widgets' `layout(in:)`).
    public var pageSize = 10

    public init() {}

    /// Moves the selection for a navigation key (↑↓ j k, Home End g G, PgUp PgDn) and says whether it was one.
    public mutating func handle(_ key: Key, count: Int) -> Bool {
        let page = max(1, pageSize)
        switch key {
        case .up, .character("k"): select(selected - 1, count: count)
        case .down, .character("j"): select(selected + 1, count: count)
        case .home, .character("g"): select(0, count: count)
        case .end, .character("G"): select(count - 1, count: count)
        case .pageUp: select(selected - page, count: count)
        case .pageDown: select(selected + page, count: count)
        default: return false
        }
        return true
    }

    /// Selects `index` (clamped to the rows there are) and scrolls so that it is on the page.
    public mutating func select(_ index: Int, count: Int) {
        selected = max(0, min(index, count - 1))
        top = firstVisible(height: pageSize, count: count)
    }

    /// The positions shown in `height` rows.
    public func visibleRange(height: Int, count: Int) -> Range<Int> {
        let first = firstVisible(height: height, count: count)
        return first..<min(count, first + max(0, height))
    }

    /// "123/100000": the selected position from 1 and the count, for a status line ("0/0" when empty).
    public func position(count: Int) -> String {
        count == 0 ? "0/0" : "\(min(selected, count - 1) + 1)/\(count)"
    }

    /// The stored top moved as little as possible to keep the selection in `height` rows, and never so far
    /// down that the page ends in empty rows while rows above are hidden.
    private func firstVisible(height: Int, count: Int) -> Int {
        guard height > 0, count > 0 else { return 0 }
        let selected = min(self.selected, count - 1)
        var first = min(top, selected)
        if selected >= first + height { first = selected - height + 1 }
        return max(0, min(first, count - height))
    }
}
