/// What a cell means, which the theme turns into colours and attributes. Widgets choose roles, never colours,
/// so every theme (and a monochrome terminal) can show every state.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal, dim, title, header, border, selected, focused, accent, link, highlight
    case positive, negative, warning, error, info
    case input, inputInvalid, placeholder
    case statusBar, statusAccent, keyHint, keyLabel
    case tabActive, tabInactive
    case chart1, chart2, chart3
    case unread
}

/// A cell's role plus the attributes a widget adds on top of the theme's.
public struct Style: Equatable, Hashable, Sendable {
    public var role: StyleRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: StyleRole = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = Style()
}
