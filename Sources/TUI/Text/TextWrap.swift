/// Line breaking by display width: English breaks at spaces, Chinese and Japanese (wide) text may break
/// between any two characters (but not before closing punctuation), and a word longer than the line is cut
/// where it must be.
public enum TextWrap {
    /// The lines of `text` at most `width` columns wide; each "\n" starts a new line.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), width: width) }
    }

    /// One piece that may not be broken inside (a word, or a single wide character), and whether a space came before it.
    private struct Token {
        var text = ""
        var spaced = false
    }

    private static func wrap(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for token in tokens(paragraph) {
            let separator = token.spaced && !line.isEmpty ? 1 : 0
            let tokenWidth = DisplayWidth.of(token.text)
            if lineWidth + separator + tokenWidth <= width {
                line += (separator == 1 ? " " : "") + token.text
                lineWidth += separator + tokenWidth
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            lineWidth = 0
            // A token wider than the whole line is cut by character.
            for character in token.text {
                let w = DisplayWidth.of(character)
                if lineWidth + w > width, !line.isEmpty {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += w
            }
        }
        lines.append(line)
        return lines
    }

    /// Punctuation that may not begin a line.
    private static let closing: Set<Character> = ["、", "。", "，", "．", "！", "？", "：", "；", "）", "」", "』", "】", "》", "〉", "”", "’", "…"]

    private static func tokens(_ paragraph: String) -> [Token] {
        var tokens: [Token] = []
        var current = Token()
        var pendingSpace = false
        func flush() {
            if !current.text.isEmpty { tokens.append(current) }
            current = Token()
        }
        for character in paragraph {
            if character == " " {
                flush()
                pendingSpace = true
                continue
            }
            // Each wide character is a token of its own, except that closing punctuation stays with the token
            // before it, so no line starts with "」" or "。".
            let closes = closing.contains(character)
            let wide = DisplayWidth.of(character) == 2
            if !closes, wide || current.text.last.map({ DisplayWidth.of($0) == 2 }) == true { flush() }
            if current.text.isEmpty {
                current.spaced = pendingSpace
                pendingSpace = false
            }
            current.text.append(character)
        }
        flush()
        return tokens
    }
}
