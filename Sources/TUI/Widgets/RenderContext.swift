/// What every widget needs to know besides its rectangle: whether it has the keyboard focus, and whether to
/// draw with ASCII only (`--plain`: no box-drawing, braille or block characters).
public struct RenderContext: Sendable {
    public var plain: Bool
    public var focused: Bool

    public init(plain: Bool = false, focused: Bool = true) {
        self.plain = plain
        self.focused = focused
    }

    /// The same context with a different focus.
    public func focused(_ focused: Bool) -> RenderContext {
        var copy = self
        copy.focused = focused
        return copy
    }

    /// Line-drawing characters for this context.
    public var box: BoxCharacters { plain ? .ascii : .light }

    /// The style of a selected row: the selection colour with focus; without, an underline, so the row stays
    /// findable without competing with the focused widget's selection.
    public var selectionStyle: Style { focused ? Style(.selected) : Style(.normal, underline: true) }
}

/// What a widget did with a key.
public enum KeyResponse: Equatable, Sendable {
    /// The key changed the widget (draw again).
    case handled
    /// The key means nothing here; let the screen or the shell try it.
    case ignored
    /// The user chose or confirmed something (Enter on a row, OK in a dialog).
    case submitted
    /// The user backed out (Esc in a dialog or an editor).
    case cancelled
}
