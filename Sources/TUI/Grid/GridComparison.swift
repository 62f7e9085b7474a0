/// Checks of a rendered grid against expected text, for tests of widgets and screens.
extension Grid {
    /// Rows whose display width differs from the grid's width, as messages (empty when every row fits).
    public func widthViolations() -> [String] {
        lines.enumerated().compactMap { index, row in
            let width = DisplayWidth.of(row)
            return width == size.width ? nil : "row \(index + 1) is \(width) columns, not \(size.width): \(row)"
        }
    }

    /// A line-by-line report of how the grid's text differs from `expected` (trailing spaces ignored on both
    /// sides, so fixtures stay readable), or nil when they agree.
    public func mismatch(_ expected: String) -> String? {
        let actual = lines.map(Grid.trimTrailing)
        var wanted = expected.split(separator: "\n", omittingEmptySubsequences: false).map { Grid.trimTrailing(String($0)) }
        if wanted.last == "" { wanted.removeLast() }
        while wanted.count < actual.count { wanted.append("") }
        guard actual != wanted else { return nil }
        var report = ["screen differs (- expected, + actual):"]
        for index in 0..<max(actual.count, wanted.count) {
            let a = index < actual.count ? actual[index] : "<none>"
            let w = index < wanted.count ? wanted[index] : "<none>"
            if a != w { report += ["line \(index + 1):", "- \(w)", "+ \(a)"] }
        }
        report.append("actual screen:\n" + actual.joined(separator: "\n"))
        return report.joined(separator: "\n")
    }

    private static func trimTrailing(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
