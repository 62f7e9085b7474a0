/// A theme file that cannot be used, with the line that is wrong.
public struct ThemeFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let line: Int
    public let reason: String
    public var description: String { "\(path):\(line): \(reason)" }
}

/// Reads themes/*.toml: the TOML subset a theme needs (comments, `[roles.NAME]` tables, and `key = value`
/// with strings, booleans and integers).
///
/// ```toml
/// name = "default"
/// [roles.selected]
/// fg = "black"
/// bg = "cyan"
/// bold = true
/// ```
public enum ThemeFile {
    public static func parse(_ text: String, path: String) throws -> Theme {
        var name = path
        var roles: [StyleRole: RoleAppearance] = [:]
        var current: StyleRole?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = stripComment(String(rawLine)).trimmingSpaces
            if line.isEmpty { continue }
            func fail(_ reason: String) -> ThemeFileError { ThemeFileError(path: path, line: lineNumber, reason: reason) }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw fail("a table header must end with ]") }
                let header = String(line.dropFirst().dropLast()).trimmingSpaces
                guard header.hasPrefix("roles.") else { throw fail("unknown table [\(header)]; themes have [roles.NAME]") }
                let roleName = String(header.dropFirst(6))
                guard let role = StyleRole(rawValue: roleName) else {
                    throw fail("unknown role \(roleName); roles are " + StyleRole.allCases.map(\.rawValue).joined(separator: ", "))
                }
                current = role
                roles[role] = roles[role] ?? RoleAppearance()
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { throw fail("expected key = value") }
            let key = String(line[..<equals]).trimmingSpaces
            let value = String(line[line.index(after: equals)...]).trimmingSpaces
            guard let role = current else {
                guard key == "name" else { throw fail("unknown key \(key) before any [roles.NAME] table") }
                name = try string(value, fail)
                continue
            }
            var appearance = roles[role]!
            switch key {
            case "fg", "bg":
                let colourName = try string(value, fail)
                guard let colour = TerminalColor(name: colourName) else {
                    throw fail("unknown colour \(colourName); use default, an ANSI name (red, bright-blue, …) or 0-255")
                }
                if key == "fg" { appearance.foreground = colour } else { appearance.background = colour }
            case "bold": appearance.bold = try bool(value, fail)
            case "reverse": appearance.reverse = try bool(value, fail)
            case "underline": appearance.underline = try bool(value, fail)
            case "dim": appearance.dim = try bool(value, fail)
            default: throw fail("unknown key \(key); a role takes fg, bg, bold, reverse, underline, dim")
            }
            roles[role] = appearance
        }
        return Theme(name: name, roles: roles)
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        for (offset, character) in line.enumerated() {
            if character == "\"" { inString.toggle() }
            if character == "#", !inString { return String(line.prefix(offset)) }
        }
        return line
    }

    private static func string(_ value: String, _ fail: (String) -> ThemeFileError) throws -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { throw fail("expected a \"quoted\" string") }
        return String(value.dropFirst().dropLast())
    }

    private static func bool(_ value: String, _ fail: (String) -> ThemeFileError) throws -> Bool {
        switch value {
        case "true": return true
        case "false": return false
        default: throw fail("expected true or false")
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" || first == "\r" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" || last == "\r" { view.removeLast() }
        return String(view)
    }
}
