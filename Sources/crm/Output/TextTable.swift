import Foundation

/// A plain-text table whose columns line up by display width (Chinese characters take two columns).
struct TextTable {
    enum Alignment { case left, right }

    let headers: [String]
    let alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(TextTable.displayWidth).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - TextTable.displayWidth(cells[column]))
                return alignments[column] == .right ? padding + cells[column] : cells[column] + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// Columns `text` occupies on a terminal, from the C library's wcwidth (as the terminal itself measures).
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in total + max(0, Int(systemWCWidth(wchar_t(scalar.value)))) }
    }
}

/// glibc's wcwidth, which Swift's Glibc module leaves out (it is declared only under _XOPEN_SOURCE).
@_silgen_name("wcwidth")
private func systemWCWidth(_ character: wchar_t) -> Int32
