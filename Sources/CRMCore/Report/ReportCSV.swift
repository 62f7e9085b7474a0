/// Writes a report as CSV for spreadsheet programs: UTF-8 with a byte-order mark (so that they read the Chinese
/// as UTF-8), RFC 4180 quoting, CRLF line ends (RFC 4180's and the spreadsheets' own), a header row and then
/// the data rows. The title and notes are left out, so the file loads as a plain table. A text cell that a
/// spreadsheet would run as a formula (one starting with =, +, -, @, tab or CR) gets a leading apostrophe.
public enum ReportCSV {
    /// The byte-order mark, EF BB BF in UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// The whole file as text; its UTF-8 bytes begin with EF BB BF and every line ends with CRLF.
    public static func render(_ table: ReportTable) -> String {
        let lines = [table.columns.map(\.title)] + table.rows.map { $0.map(cellText) }
        return byteOrderMark + lines.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A cell's text, with text that a spreadsheet would read as a formula defused; numbers stay numbers.
    static func cellText(_ cell: ReportCell) -> String {
        guard case .text(let text) = cell, let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else {
            return cell.text
        }
        return "'" + text
    }

    /// A field as RFC 4180 writes it: in double quotes, with quotes doubled, when it holds a comma, a quote,
    /// CR or LF; as it is otherwise.
    public static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        var quoted = "\""
        for character in text {
            quoted.append(character)
            if character == "\"" { quoted.append(character) }
        }
        return quoted + "\""
    }
}
