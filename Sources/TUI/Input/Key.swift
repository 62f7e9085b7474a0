/// A key the user pressed, decoded by the backend.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, lower case (Ctrl-C is `.control("c")`).
    case control(Character)
    case function(Int)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete, insert

    /// How the key is written in help and hints: "F1", "Ctrl-P", "Enter", "q".
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .function(let n): return "F\(n)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        }
    }
}

/// A mouse press or wheel turn at a cell.
public struct MouseEvent: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var point: Point
    public init(kind: Kind, point: Point) {
        self.kind = kind
        self.point = point
    }
}

/// What the backend reports: a key, a mouse event, or a new terminal size.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
}
