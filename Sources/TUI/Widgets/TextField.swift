/// A single-line text editor that edits by grapheme (Character): a Chinese character, an emoji sequence or a
/// letter with combining marks is one cursor step and one Backspace. Wider text scrolls horizontally by display
/// width so the cursor stays visible.
public struct TextField: Sendable {
    /// The graphemes typed so far.
    public private(set) var characters: [Character]
    /// The cursor as a grapheme index, 0 (before the first) to `characters.count` (after the last).
    public private(set) var cursor: Int
    /// Shown dimmed when the field is empty.
    public var placeholder: String
    /// The most graphemes the field accepts; nil for no limit.
    public var maxLength: Int?
    /// Draws the field in the invalid-input style (a form sets this while its value fails validation).
    public var isInvalid = false
    /// A password: each character shows as `*`, one column wide whatever it is.
    public var isSecure = false

    /// A field holding `text`, with the cursor at its end.
    public init(text: String = "", placeholder: String = "", maxLength: Int? = nil) {
        characters = []
        cursor = 0
        self.placeholder = placeholder
        self.maxLength = maxLength
        self.text = text
    }

    /// The text exactly as typed. Setting it puts the cursor at the end.
    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            if let maxLength, characters.count > maxLength { characters = Array(characters.prefix(maxLength)) }
            cursor = characters.count
        }
    }

    /// Edits for typing, cursor movement and deletion; Enter submits, Esc cancels, other keys are ignored.
    public mutating func handle(_ key: Key) -> KeyResponse {
        switch key {
        case .character(let character): return insert(character) ? .handled : .ignored
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .backspace, .control("h"):
            guard cursor > 0 else { return .handled }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .control("k"): characters.removeLast(characters.count - cursor)
        case .enter: return .submitted
        case .escape: return .cancelled
        default: return .ignored
        }
        return .handled
    }

    /// Inserts at the cursor. The text is split into graphemes again, so a combining mark or a joiner typed on
    /// its own joins the grapheme before it. Control characters and input beyond `maxLength` are refused.
    private mutating func insert(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first, first.value >= 0x20, first.value != 0x7F else { return false }
        let before = String(characters[..<cursor]) + String(character)
        let joined = Array(before + String(characters[cursor...]))
        if let maxLength, joined.count > maxLength { return false }
        characters = joined
        cursor = Array(before).count
        return true
    }

    /// The first visible grapheme and the columns scrolled past, for a field `width` columns wide: scrolled just
    /// far enough that the grapheme under the cursor (or the empty cell after the text) fits.
    private func scroll(width: Int) -> (first: Int, skipped: Int) {
        let beforeCursor = DisplayWidth.of(String(characters[..<cursor]))
        let underCursor = cursor < characters.count ? DisplayWidth.of(characters[cursor]) : 1
        let excess = beforeCursor + underCursor - width
        var first = 0, skipped = 0
        while skipped < excess, first < cursor {
            skipped += DisplayWidth.of(characters[first])
            first += 1
        }
        return (first, skipped)
    }

    /// Draws the visible part of the text (or the placeholder) on the rectangle's first row, padded to its width.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let style = Style(isInvalid ? .inputInvalid : .input, underline: context.focused)
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        if characters.isEmpty {
            grid.put(placeholder, x: rect.x, y: rect.y, style: Style(.placeholder), limit: rect.maxX)
            return
        }
        if isSecure {
            grid.put(String(repeating: "*", count: min(characters.count, rect.width)), x: rect.x, y: rect.y, style: style)
            return
        }
        let first = scroll(width: rect.width).first
        grid.put(String(characters[first...]), x: rect.x, y: rect.y, style: style, limit: rect.maxX)
    }

    /// Where the terminal cursor goes when the field has focus.
    public func cursorPosition(in rect: Rect) -> Point? {
        guard !rect.isEmpty else { return nil }
        if isSecure { return Point(x: rect.x + min(cursor, rect.width - 1), y: rect.y) }
        let skipped = scroll(width: rect.width).skipped
        let column = DisplayWidth.of(String(characters[..<cursor])) - skipped
        return Point(x: rect.x + min(column, rect.width - 1), y: rect.y)
    }
}
