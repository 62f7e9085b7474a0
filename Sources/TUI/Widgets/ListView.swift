/// One row of a ``ListView``: a title, an optional detail shown flush right, and an optional marker (such as
/// "●" for unread) in a column before the title.
public struct ListItem: Equatable, Sendable {
    public var title: String
    public var detail: String?
    public var marker: String?

    public init(_ title: String, detail: String? = nil, marker: String? = nil) {
        self.title = title
        self.detail = detail
        self.marker = marker
    }
}

/// A scrolling list with one selected item, drawing only the items on screen.
///
/// Keys: ↑↓ j k, Home End g G, PgUp PgDn move the selection; Enter submits the selected item.
public struct ListView {
    /// The items; replacing them keeps the selected position (clamped to the new count).
    public var items: [ListItem] {
        didSet { scroll.select(scroll.selected, count: items.count) }
    }
    /// Whether a two-column marker column comes before the titles (kept even for items without a marker, so
    /// that titles line up).
    public var showsMarkers: Bool
    public private(set) var scroll = ScrollState()

    public init(items: [ListItem] = [], showsMarkers: Bool = true) {
        self.items = items
        self.showsMarkers = showsMarkers
    }

    /// The selected item's index, or nil when the list is empty.
    public var selectedIndex: Int? { items.isEmpty ? nil : scroll.selected }
    public var selectedItem: ListItem? { selectedIndex.map { items[$0] } }
    /// "12/300": the selected position and the count, for the caller's status line.
    public var position: String { scroll.position(count: items.count) }

    /// Tells the list the rectangle it will be drawn in, so that PgUp/PgDn move by a page.
    public mutating func layout(in rect: Rect) {
        scroll.pageSize = max(1, rect.height)
    }

    /// Selects the item at `index` (clamped) and scrolls to it.
    public mutating func select(_ index: Int) {
        scroll.select(index, count: items.count)
    }

    public mutating func handle(_ key: Key) -> KeyResponse {
        if scroll.handle(key, count: items.count) { return .handled }
        return key == .enter && !items.isEmpty ? .submitted : .ignored
    }

    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        let visible = scroll.visibleRange(height: rect.height, count: items.count)
        for (offset, index) in visible.enumerated() {
            let item = items[index]
            let selected = index == scroll.selected
            let style = selected ? context.selectionStyle : .normal
            let prefix = showsMarkers ? DisplayWidth.fit(marker(item.marker, plain: context.plain), to: 2, ellipsis: false) : ""
            grid.putRow(item.title, detail: item.detail, prefix: prefix, prefixStyle: selected ? style : Style(.unread),
                        in: Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: 1), style: style, plain: context.plain)
        }
        grid.fill(Rect(x: rect.x, y: rect.y + visible.count, width: rect.width, height: rect.height - visible.count))
    }

    /// The marker as drawn: a non-ASCII marker becomes "*" in plain mode.
    private func marker(_ marker: String?, plain: Bool) -> String {
        guard let marker else { return "" }
        return plain && !marker.unicodeScalars.allSatisfy(\.isASCII) ? "*" : marker
    }
}
