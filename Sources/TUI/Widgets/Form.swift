/// A vertical list of labelled fields. Tab/Shift-Tab and Up/Down move between fields; Enter moves on, and on the
/// last field (or Ctrl-S anywhere) submits: `.submitted` only when every field validates, otherwise the focus
/// goes to the first invalid field. Esc cancels. A field's message shows once the user has left it or tried to
/// submit, beside the field; what was typed is never cleared or changed.
public struct Form: Sendable {
    public var fields: [FormField]
    /// The index of the field with the focus.
    public private(set) var focus = 0
    /// Keys of the fields whose messages are shown: left at least once, or all after a submit attempt.
    public private(set) var touched: Set<String> = []
    /// The widest an input is drawn, in columns.
    public var inputWidth: Int

    public init(fields: [FormField], inputWidth: Int = 30) {
        self.fields = fields
        self.inputWidth = inputWidth
    }

    /// Every field's text exactly as typed, by key.
    public var values: [String: String] {
        Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The message of every field that fails validation now, by key (shown or not).
    public var errors: [String: String] {
        Dictionary(fields.compactMap { field in field.error.map { (field.key, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    public mutating func handle(_ key: Key) -> KeyResponse {
        guard !fields.isEmpty else { return key == .escape ? .cancelled : .ignored }
        switch key {
        case .escape: return .cancelled
        case .control("s"): return submit()
        case .enter: return focus == fields.count - 1 ? submit() : moveFocus(to: focus + 1)
        case .tab: return moveFocus(to: (focus + 1) % fields.count)
        case .backTab: return moveFocus(to: (focus + fields.count - 1) % fields.count)
        case .down: return moveFocus(to: min(focus + 1, fields.count - 1))
        case .up: return moveFocus(to: max(focus - 1, 0))
        default: return fields[focus].handle(key)
        }
    }

    /// Shows every message; submits when there are none, else focuses the first invalid field.
    private mutating func submit() -> KeyResponse {
        touched = Set(fields.map(\.key))
        guard let invalid = fields.firstIndex(where: { $0.error != nil }) else { return .submitted }
        focus = invalid
        return .handled
    }

    private mutating func moveFocus(to index: Int) -> KeyResponse {
        touched.insert(fields[focus].key)
        focus = index
        return .handled
    }

    /// The message shown for a field, if any.
    public func shownError(of index: Int) -> String? {
        touched.contains(fields[index].key) ? fields[index].error : nil
    }

    /// Where each part of a row goes: the label column's width, the input's column and width, and the first field
    /// drawn (scrolled so the focused field is visible).
    private func layout(in rect: Rect) -> (labelWidth: Int, inputX: Int, inputWidth: Int, first: Int) {
        let labelWidth = fields.map { DisplayWidth.of($0.label) }.max() ?? 0
        let inputX = rect.x + Form.markerWidth + labelWidth + 2
        let width = max(0, min(inputWidth, rect.maxX - inputX))
        return (labelWidth, inputX, width, max(0, focus - rect.height + 1))
    }

    /// Columns before each label, where "> " marks the focused field.
    private static let markerWidth = 2

    /// Draws one row a field: marker, label padded by display width, input, then any message.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        let layout = layout(in: rect)
        grid.fill(rect)
        for (row, index) in (layout.first..<fields.count).prefix(rect.height).enumerated() {
            let y = rect.y + row
            let focused = context.focused && index == focus
            let error = shownError(of: index)
            grid.put(focused ? "> " : "  ", x: rect.x, y: y, style: Style(.accent), limit: rect.maxX)
            grid.put(DisplayWidth.fit(fields[index].label, to: layout.labelWidth), x: rect.x + Form.markerWidth, y: y,
                     style: Style(focused ? .focused : .normal, bold: focused), limit: rect.maxX)
            let inputRect = Rect(x: layout.inputX, y: y, width: layout.inputWidth, height: 1)
            fields[index].renderInput(in: inputRect, on: &grid, context: context.focused(focused), invalid: error != nil)
            if let error {
                grid.put("! " + error, x: inputRect.maxX + 2, y: y, style: Style(.error), limit: rect.maxX)
            }
        }
    }

    /// Where the terminal cursor goes: in the focused text field, or nil for a choice or an empty form.
    public func cursorPosition(in rect: Rect) -> Point? {
        guard !fields.isEmpty else { return nil }
        let layout = layout(in: rect)
        let y = rect.y + focus - layout.first
        return fields[focus].cursorPosition(in: Rect(x: layout.inputX, y: y, width: layout.inputWidth, height: 1))
    }
}
