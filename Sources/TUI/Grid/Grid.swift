/// The screen as cells, which widgets render into and the backend draws from. Writes are clipped to the grid
/// (and to an optional column limit); a wide grapheme that would cross the limit becomes a space, and
/// overwriting half of a wide grapheme blanks its other half, so a row always measures the grid's width.
public struct Grid: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.width * size.height))
    }

    public var width: Int { size.width }
    public var height: Int { size.height }
    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Writes `text` from column `x` of row `y`, stopping before `limit` (default: the right edge). Returns the
    /// column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return x }
        let end = min(limit ?? size.width, size.width)
        var column = x
        for character in text {
            if column >= end { break }
            let width = DisplayWidth.of(character)
            if width == 0 {
                if column > 0 { appendMark(character, x: column - 1, y: y) }
                continue
            }
            if column < 0 { column += width; continue }
            if column + width > end {
                set(Cell(" ", style: style), x: column, y: y)
                column += 1
                break
            }
            let shown = character.unicodeScalars.first!.value < 0x20 || character == "\u{7F}" ? "\u{FFFD}" : String(character)
            set(Cell(shown, width: UInt8(width), style: style), x: column, y: y)
            if width == 2 { set(Cell("", width: 0, style: style), x: column + 1, y: y) }
            column += width
        }
        return column
    }

    /// Fills a rectangle with one character (narrow) in one style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        let clipped = clip(rect)
        let text = String(character)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { set(Cell(text, style: style), x: x, y: y) }
        }
    }

    /// The rows as plain text, wide graphemes once (for snapshots and the headless backend).
    public var lines: [String] {
        (0..<size.height).map { row in
            var line = ""
            for x in 0..<size.width where !self[x, row].isContinuation { line += self[x, row].text }
            return line
        }
    }

    /// The rows as text, each followed by a newline.
    public var text: String { lines.map { $0 + "\n" }.joined() }

    /// The intersection of a rectangle with the grid.
    public func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(size.width, rect.maxX), y1 = min(size.height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < size.width, y >= 0, y < size.height else { return }
        let index = y * size.width + x
        let old = cells[index]
        if old.isContinuation, x > 0, cell.width != 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if old.width == 2, cell.width != 2, x + 1 < size.width {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    private mutating func appendMark(_ mark: Character, x: Int, y: Int) {
        var x = x
        if x < size.width, self[x, y].isContinuation, x > 0 { x -= 1 }
        guard x < size.width, !cells[y * size.width + x].text.isEmpty else { return }
        cells[y * size.width + x].text.append(mark)
    }
}
