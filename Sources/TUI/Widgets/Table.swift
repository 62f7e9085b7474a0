/// A table over a ``TableDataSource``: a header with the sort arrow, then one row per record, scrolling
/// virtually so that drawing and every key cost the rows on screen, not the rows in the source. Sorting and
/// filtering build a view (the source rows in display order) once, in O(n log n), when they change.
///
/// Keys: ↑↓ j k, Home End g G, PgUp PgDn move the selection; `s` sorts by the next column (after the last,
/// back to the source order), `S` reverses the order; Enter submits the selected row.
public struct Table {
    public var columns: [TableColumn]
    public private(set) var source: any TableDataSource
    /// The column the rows are sorted by, or nil for the source's order.
    public private(set) var sortColumn: Int?
    public private(set) var ascending = true
    /// The text the rows are filtered by ("" for none, or when a custom predicate filters them).
    public private(set) var filterText = ""
    public private(set) var scroll = ScrollState()

    private enum Filter {
        case text(String)
        case predicate((Int) -> Bool)
    }

    private var filter: Filter?
    /// Source rows in display order, or nil for every row in source order: no array of 100,000 indices until a
    /// sort or a filter needs one.
    private var view: [Int]?

    public init(columns: [TableColumn], source: any TableDataSource) {
        self.columns = columns
        self.source = source
    }

    /// The rows shown (after the filter).
    public var viewCount: Int { view?.count ?? source.rowCount }

    /// The selected record as an index into the data source, or nil when no row is shown.
    public var selectedRow: Int? { viewCount == 0 ? nil : sourceRow(at: scroll.selected) }

    /// "123/100000": the selected row's position and the rows shown, for the caller's status line.
    public var position: String { scroll.position(count: viewCount) }

    /// Tells the table the rectangle it will be drawn in, so that PgUp/PgDn move by a page of its rows.
    public mutating func layout(in rect: Rect) {
        scroll.pageSize = max(1, rect.height - 1)
    }

    /// Sorts by `column` (nil: the source's order), ties in source order; the selected record stays selected.
    public mutating func sort(by column: Int?, ascending: Bool = true) {
        precondition(column.map { columns.indices.contains($0) } ?? true, "no such column")
        sortColumn = column
        self.ascending = ascending
        rebuildView()
    }

    /// Shows only the rows with a cell containing `text`, ignoring case; "" shows every row.
    public mutating func setFilter(_ text: String) {
        filter = text.isEmpty ? nil : .text(text.lowercased())
        filterText = text
        rebuildView()
    }

    /// Shows only the rows (source indices) the predicate accepts; nil shows every row.
    public mutating func setFilter(where predicate: ((Int) -> Bool)?) {
        filter = predicate.map(Filter.predicate)
        filterText = ""
        rebuildView()
    }

    /// Takes a new source (or the same one with changed rows) and applies the sort and filter again.
    public mutating func reload(_ source: (any TableDataSource)? = nil) {
        if let source { self.source = source }
        rebuildView()
    }

    /// Selects the row at `position` in the view (clamped).
    public mutating func select(position: Int) {
        scroll.select(position, count: viewCount)
    }

    public mutating func handle(_ key: Key) -> KeyResponse {
        if scroll.handle(key, count: viewCount) { return .handled }
        switch key {
        case .character("s"):
            let next = (sortColumn ?? -1) + 1
            sort(by: next < columns.count ? next : nil, ascending: ascending)
            return .handled
        case .character("S"):
            sort(by: sortColumn ?? 0, ascending: !ascending)
            return .handled
        case .enter:
            return selectedRow == nil ? .ignored : .submitted
        default:
            return .ignored
        }
    }

    /// Draws the header and the rows on screen, reading only those rows' cells from the source.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let (header, body) = rect.splitTop(1)
        let visible = scroll.visibleRange(height: body.height, count: viewCount)
        let rows = visible.map { position in
            let row = sourceRow(at: position)
            return columns.indices.map { source.cell(row: row, column: $0) }
        }
        let titles = columns.indices.map { title(of: $0, plain: context.plain) }
        let natural = columns.indices.map { column in
            rows.reduce(DisplayWidth.of(titles[column])) { max($0, DisplayWidth.of($1[column])) }
        }
        let widths = TableColumn.widths(columns, natural: natural, total: rect.width)
        drawRow(titles, widths: widths, in: header, style: Style(.header, bold: true), plain: context.plain, on: &grid)
        for (offset, cells) in rows.enumerated() {
            let style = visible.lowerBound + offset == scroll.selected ? context.selectionStyle : .normal
            let line = Rect(x: body.x, y: body.y + offset, width: body.width, height: 1)
            drawRow(cells, widths: widths, in: line, style: style, plain: context.plain, on: &grid)
        }
        grid.fill(Rect(x: body.x, y: body.y + rows.count, width: body.width, height: body.height - rows.count))
    }

    private func sourceRow(at position: Int) -> Int { view?[position] ?? position }

    /// A column's title with the sort arrow when the rows are sorted by it.
    private func title(of column: Int, plain: Bool) -> String {
        guard column == sortColumn else { return columns[column].title }
        return columns[column].title + (ascending ? (plain ? "^" : "▲") : (plain ? "v" : "▼"))
    }

    /// One line of cells, each fitted to its column's width, one space apart, cut at the rectangle's edge.
    private func drawRow(_ cells: [String], widths: [Int], in line: Rect, style: Style, plain: Bool, on grid: inout Grid) {
        grid.fill(line, style: style)
        var x = line.x
        for (index, column) in columns.enumerated() where x < line.maxX {
            let text = DisplayWidth.fit(cells[index], to: widths[index], alignRight: column.alignment == .right, ellipsis: !plain)
            grid.put(text, x: x, y: line.y, style: style, limit: line.maxX)
            x += widths[index] + 1
        }
    }

    /// Applies the filter, then the sort, keeping the selected record selected when it is still shown.
    private mutating func rebuildView() {
        let kept = selectedRow
        let all = 0..<source.rowCount
        var rows: [Int]? = filter.map { filter in all.filter { matches($0, filter) } }
        if let column = sortColumn {
            let ascending = self.ascending
            let keyed = (rows ?? Array(all)).map { (key: source.sortKey(row: $0, column: column), row: $0) }
            rows = keyed.sorted { a, b in a.key == b.key ? a.row < b.row : (a.key < b.key) == ascending }.map(\.row)
        }
        view = rows
        let position = kept.flatMap { row in rows == nil ? row : rows!.firstIndex(of: row) }
        scroll.select(position ?? 0, count: viewCount)
    }

    private func matches(_ row: Int, _ filter: Filter) -> Bool {
        switch filter {
        case .text(let needle):
            return columns.indices.contains { source.cell(row: row, column: $0).lowercased().contains(needle) }
        case .predicate(let predicate):
            return predicate(row)
        }
    }
}
