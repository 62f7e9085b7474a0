import CNcursesw

/// Display widths of text in terminal columns, measured with the C library's `wcwidth`: the same function
/// ncurses uses, so the grid and the screen never disagree. Call ``TextLocale/activate()`` first.
public enum DisplayWidth {
    /// The columns a grapheme takes: the width of its first code point (combining marks ride along), 0 for a
    /// grapheme that is only marks, and 1 for a control character (which the grid shows as a replacement).
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if first.value < 0x7F { return 1 }
        let width = Int(crm_wcwidth(wchar_t(bitPattern: first.value)))
        return width < 0 ? 1 : width
    }

    /// The columns a string takes.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix of `text` that fits in `width` columns; with `ellipsis`, a cut string ends in "…".
    public static func truncate(_ text: String, to width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let room = ellipsis ? width - 1 : width
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return ellipsis ? result + "…" : result
    }

    /// The longest suffix of `text` that fits in `width` columns, after a leading "…" when cut: for paths and
    /// breadcrumbs, whose end matters most.
    public static func truncateLeading(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var kept: [Character] = []
        var used = 0
        for character in text.reversed() {
            let w = of(character)
            if used + w > width - 1 { break }
            kept.append(character)
            used += w
        }
        return "…" + String(kept.reversed())
    }

    /// `text` cut or padded with spaces to exactly `width` columns, on the left or the right.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false, ellipsis: Bool = true) -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let padding = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
