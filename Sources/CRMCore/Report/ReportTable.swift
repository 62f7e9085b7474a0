/// A report's result: a title, notes (the as-of date, the rule applied), typed columns and rows of typed cells.
///
/// The writers (`ReportCSV`, `ReportMarkdown`) turn it into text; nothing here knows where the rows came from.
public struct ReportTable: Sendable, Equatable {
    public let title: String
    public let notes: [String]
    public let columns: [ReportColumn]
    public let rows: [[ReportCell]]

    public init(title: String, notes: [String], columns: [ReportColumn], rows: [[ReportCell]]) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row has one cell per column")
        self.title = title
        self.notes = notes
        self.columns = columns
        self.rows = rows
    }
}

/// A report column: its heading and whether it holds numbers (right-aligned in tables).
public struct ReportColumn: Sendable, Equatable {
    public let title: String
    public let numeric: Bool

    /// A column of text, codes or dates.
    public static func text(_ title: String) -> ReportColumn { ReportColumn(title: title, numeric: false) }
    /// A column of amounts, percentages or counts.
    public static func number(_ title: String) -> ReportColumn { ReportColumn(title: title, numeric: true) }
}

/// One value of a report, kept typed until it is written out.
public enum ReportCell: Sendable, Equatable {
    case empty
    case text(String)
    /// An amount in fen, written as yuan with two decimals (`1234567.80`).
    case money(Int64)
    /// A percentage in hundredths of a percent (85.23% = 8,523), written with two decimals (`85.23`).
    case percent(Int64)
    /// A rate in millionths (3.45% = 34,500), written in percent with two to four decimals (`3.45`, `3.855`).
    case rate(Int64)
    /// Basis points, written as an integer (`-20`).
    case basisPoints(Int64)
    case integer(Int64)
    case date(BusinessDate)

    /// Text, or an empty cell for nil.
    public static func optionalText(_ text: String?) -> ReportCell { text.map(ReportCell.text) ?? .empty }

    /// A `YYYY-MM-DD` date, or an empty cell for nil or text that is not a date.
    public static func date(text: String?) -> ReportCell { text.flatMap { BusinessDate($0) }.map(ReportCell.date) ?? .empty }

    /// The cell as plain text, the same in every format.
    public var text: String {
        switch self {
        case .empty: return ""
        case .text(let text): return text
        case .money(let fen): return Money.yuanText(fen)
        case .percent(let hundredths): return ScaledNumber.text(hundredths, decimals: 2)
        case .rate(let ppm):
            var text = ScaledNumber.text(ppm, decimals: Scale.ratePercentDecimals)
            for _ in 2..<Scale.ratePercentDecimals where text.hasSuffix("0") { text.removeLast() }
            return text
        case .basisPoints(let value), .integer(let value): return String(value)
        case .date(let date): return date.description
        }
    }
}
