/// A terminal colour: the terminal's default, one of the 16 ANSI colours, or an index of a 256-colour palette.
public enum TerminalColor: Equatable, Sendable {
    case `default`
    case indexed(Int)

    /// ANSI names as themes write them: black, red, green, yellow, blue, magenta, cyan, white, and
    /// bright-black … bright-white; "default"; or a number 0-255.
    public init?(name: String) {
        let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        let lower = name.lowercased()
        if lower == "default" {
            self = .default
        } else if let index = names.firstIndex(of: lower) {
            self = .indexed(index)
        } else if lower.hasPrefix("bright-"), let index = names.firstIndex(of: String(lower.dropFirst(7))) {
            self = .indexed(index + 8)
        } else if let number = Int(lower), (0...255).contains(number) {
            self = .indexed(number)
        } else {
            return nil
        }
    }
}

/// How a theme shows one role.
public struct RoleAppearance: Equatable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }
}

/// Colours and attributes per role. A role the theme leaves out falls back to the monochrome look, which
/// marks every state with attributes alone, so no state depends on colour.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var roles: [StyleRole: RoleAppearance]

    public init(name: String, roles: [StyleRole: RoleAppearance]) {
        self.name = name
        self.roles = roles
    }

    public func appearance(of role: StyleRole) -> RoleAppearance {
        roles[role] ?? Theme.monochrome.roles[role] ?? RoleAppearance()
    }

    /// The same attributes with every colour removed (NO_COLOR, monochrome terminals).
    public var withoutColour: Theme {
        Theme(name: name, roles: roles.mapValues { appearance in
            var plain = appearance
            plain.foreground = .default
            plain.background = .default
            return plain
        }.merging(Theme.monochrome.roles) { own, mono in
            own.bold || own.reverse || own.underline || own.dim ? own : mono
        })
    }

    /// Attributes only: what a terminal without colour shows, and the fallback for every theme.
    public static let monochrome = Theme(name: "mono", roles: [
        .title: RoleAppearance(bold: true),
        .header: RoleAppearance(bold: true, underline: true),
        .border: RoleAppearance(dim: true),
        .dim: RoleAppearance(dim: true),
        .selected: RoleAppearance(reverse: true),
        .focused: RoleAppearance(bold: true, reverse: true),
        .accent: RoleAppearance(bold: true),
        .link: RoleAppearance(underline: true),
        .highlight: RoleAppearance(bold: true, underline: true),
        .negative: RoleAppearance(bold: true),
        .warning: RoleAppearance(bold: true),
        .error: RoleAppearance(bold: true, reverse: true),
        .input: RoleAppearance(underline: true),
        .inputInvalid: RoleAppearance(bold: true, underline: true),
        .placeholder: RoleAppearance(dim: true),
        .statusBar: RoleAppearance(reverse: true),
        .statusAccent: RoleAppearance(bold: true, reverse: true),
        .keyHint: RoleAppearance(bold: true),
        .keyLabel: RoleAppearance(reverse: true),
        .tabActive: RoleAppearance(bold: true, reverse: true),
        .tabInactive: RoleAppearance(),
        .unread: RoleAppearance(bold: true),
    ])
}
