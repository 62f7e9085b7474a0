/// Writes a report as a Markdown document: a `#` title line, the notes as a paragraph, then a table whose
/// numeric columns are right-aligned (`---:`). Lines end with LF.
public enum ReportMarkdown {
    /// The whole document; the notes are joined by hard line breaks.
    public static func render(_ table: ReportTable) -> String {
        var lines = ["# " + table.title, ""]
        if !table.notes.isEmpty { lines += [table.notes.joined(separator: "  \n"), ""] }
        lines.append(row(table.columns.map(\.title)))
        lines.append(row(table.columns.map { $0.numeric ? "---:" : "---" }))
        lines += table.rows.map { row($0.map(\.text)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A cell's text made safe inside a table row: backslashes and `|` escaped, line breaks turned into spaces.
    public static func cell(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\", "|": escaped += "\\" + String(character)
            case "\r\n", "\n", "\r": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func row(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |" }
}
