extension Grid {
    /// Writes one row of a list across `line`: `prefix` (a marker or an indent, in `prefixStyle`), then `text`,
    /// then `detail` flush right, the rest blank in `style`. The detail keeps its place and the text is cut
    /// before it (with "…" unless `plain`).
    mutating func putRow(_ text: String, detail: String? = nil, prefix: String = "", prefixStyle: Style? = nil,
                         in line: Rect, style: Style, plain: Bool) {
        guard !line.isEmpty else { return }
        fill(line, style: style)
        let x = put(prefix, x: line.x, y: line.y, style: prefixStyle ?? style, limit: line.maxX)
        var textEnd = line.maxX
        if let detail, !detail.isEmpty, x < line.maxX {
            let shown = DisplayWidth.truncate(detail, to: line.maxX - x, ellipsis: !plain)
            let start = line.maxX - DisplayWidth.of(shown)
            put(shown, x: start, y: line.y, style: style, limit: line.maxX)
            textEnd = start - 1
        }
        put(DisplayWidth.truncate(text, to: textEnd - x, ellipsis: !plain), x: x, y: line.y, style: style, limit: textEnd)
    }
}
