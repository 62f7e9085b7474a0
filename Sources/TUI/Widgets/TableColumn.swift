/// A column of a ``Table``: its title, what it holds, and the widths it may take.
public struct TableColumn: Equatable, Sendable {
    /// What a column holds: text (left-aligned) or numbers (right-aligned).
    public enum Kind: Equatable, Sendable { case text, number }
    public enum Alignment: Equatable, Sendable { case left, right }

    public var title: String
    public var kind: Kind
    public var alignment: Alignment
    public var minWidth: Int
    public var maxWidth: Int
    /// Whether this column takes the spare width; when no column says so, the first text column does.
    public var flexible: Bool

    /// A column; `alignment` defaults to right for numbers and left for text.
    public init(_ title: String, kind: Kind = .text, alignment: Alignment? = nil, minWidth: Int = 1, maxWidth: Int = 40,
                flexible: Bool = false) {
        self.title = title
        self.flexible = flexible
        self.kind = kind
        self.alignment = alignment ?? (kind == .number ? .right : .left)
        self.minWidth = max(0, minWidth)
        self.maxWidth = max(self.minWidth, maxWidth)
    }
}

extension TableColumn {
    /// Widths for `columns` in `total` columns with one space between them: each column as wide as its widest
    /// `natural` content within its bounds, then the flexible column (else the first text column) grows into the
    /// spare room or shrinks (down to its minimum) to make room. What still does not fit is cut at the right edge by the caller.
    static func widths(_ columns: [TableColumn], natural: [Int], total: Int) -> [Int] {
        var widths = zip(columns, natural).map { column, width in min(max(width, column.minWidth), column.maxWidth) }
        guard let flexible = columns.firstIndex(where: \.flexible) ?? columns.firstIndex(where: { $0.kind == .text }) else {
            return widths
        }
        let spare = total - widths.reduce(max(0, columns.count - 1), +)
        widths[flexible] = max(columns[flexible].minWidth, widths[flexible] + spare)
        return widths
    }
}
