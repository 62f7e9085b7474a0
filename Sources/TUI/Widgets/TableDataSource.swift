/// What a table sorts a cell by. Keys of one column are compared among themselves: `.none` (an empty cell)
/// first, then numbers by value, then text by its characters.
public enum TableSortKey: Comparable, Sendable {
    case none
    case number(Int64)
    case text(String)
}

/// The rows of a table, asked for one cell at a time so that a table of 100,000 rows only reads the rows on
/// screen (and every row once when it sorts or filters).
public protocol TableDataSource {
    var rowCount: Int { get }
    /// The text shown in a cell.
    func cell(row: Int, column: Int) -> String
    /// What the cell sorts by (a number column gives `.number` so that 9 comes before 10).
    func sortKey(row: Int, column: Int) -> TableSortKey
}

/// Rows held in memory as text, sorting as text unless sort keys are given alongside.
public struct ArrayTableSource: TableDataSource, Sendable {
    public var rows: [[String]]
    /// Sort keys in the same shape as `rows`, or nil to sort every cell by its text.
    public var sortKeys: [[TableSortKey]]?

    public init(rows: [[String]], sortKeys: [[TableSortKey]]? = nil) {
        precondition(sortKeys == nil || sortKeys!.count == rows.count, "one row of sort keys per row")
        self.rows = rows
        self.sortKeys = sortKeys
    }

    public var rowCount: Int { rows.count }

    public func cell(row: Int, column: Int) -> String {
        column < rows[row].count ? rows[row][column] : ""
    }

    public func sortKey(row: Int, column: Int) -> TableSortKey {
        if let sortKeys { return column < sortKeys[row].count ? sortKeys[row][column] : .none }
        let text = cell(row: row, column: column)
        return text.isEmpty ? .none : .text(text)
    }
}
