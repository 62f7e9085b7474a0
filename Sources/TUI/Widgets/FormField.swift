/// One labelled field of a ``Form``: what the user typed (kept exactly, never reformatted) and the validator
/// that judges it.
public struct FormField: Sendable {
    /// What the field holds, which decides how it is edited and drawn.
    public enum Kind: Equatable, Sendable {
        case text, number, money, date
        /// One of the options, cycled with Left/Right or Space, or picked by typing its first character.
        case choice([String])
    }

    /// The name the field's value goes under in ``Form/values``.
    public let key: String
    public var label: String
    public let kind: Kind
    /// The editor holding the typed text (for a choice, the chosen option).
    public var input: TextField
    public var validator: FieldValidator?

    public init(key: String, label: String, kind: Kind = .text, value: String = "", placeholder: String = "",
                maxLength: Int? = nil, validator: FieldValidator? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        input = TextField(text: value, placeholder: placeholder, maxLength: maxLength)
        self.validator = validator
    }

    /// Free text, with an optional validator.
    public static func text(_ key: String, label: String, value: String = "", placeholder: String = "",
                            maxLength: Int? = nil, validator: FieldValidator? = nil) -> FormField {
        FormField(key: key, label: label, value: value, placeholder: placeholder, maxLength: maxLength, validator: validator)
    }

    /// A whole number with an optional sign.
    public static func number(_ key: String, label: String, value: String = "", placeholder: String = "",
                              required: Bool = false, messages: ValidationMessages = .zhHans) -> FormField {
        FormField(key: key, label: label, kind: .number, value: value, placeholder: placeholder,
                  validator: FieldValidators.number(required: required, messages: messages))
    }

    /// An amount of money, judged (and later parsed) by the caller's validator.
    public static func money(_ key: String, label: String, value: String = "", placeholder: String = "",
                             validator: @escaping FieldValidator) -> FormField {
        FormField(key: key, label: label, kind: .money, value: value, placeholder: placeholder, validator: validator)
    }

    /// A date written YYYY-MM-DD.
    public static func date(_ key: String, label: String, value: String = "", placeholder: String = "YYYY-MM-DD",
                            required: Bool = false, messages: ValidationMessages = .zhHans) -> FormField {
        FormField(key: key, label: label, kind: .date, value: value, placeholder: placeholder, maxLength: 10,
                  validator: FieldValidators.date(required: required, messages: messages))
    }

    /// One of `options`, starting at `value` (the first option when nil).
    public static func choice(_ key: String, label: String, options: [String], value: String? = nil,
                              messages: ValidationMessages = .zhHans) -> FormField {
        FormField(key: key, label: label, kind: .choice(options), value: value ?? options.first ?? "",
                  validator: FieldValidators.choice(options, messages: messages))
    }

    /// The text exactly as typed.
    public var value: String { input.text }

    /// The validator's message for the current text, or nil when it passes.
    public var error: String? { validator?(value) }

    /// Edits the field: a choice cycles through its options, every other kind edits text.
    public mutating func handle(_ key: Key) -> KeyResponse {
        guard case .choice(let options) = kind, !options.isEmpty else { return input.handle(key) }
        let current = options.firstIndex(of: value)
        switch key {
        case .left: input.text = options[((current ?? 0) + options.count - 1) % options.count]
        case .right, .character(" "): input.text = options[current.map { ($0 + 1) % options.count } ?? 0]
        case .character(let typed):
            // Jump to the next option (after the current one, wrapping) that starts with the typed character.
            let start = (current ?? -1) + 1
            let order = (0..<options.count).map { (start + $0) % options.count }
            guard let found = order.first(where: { options[$0].first.map { $0.lowercased() == typed.lowercased() } ?? false })
            else { return .ignored }
            input.text = options[found]
        default: return .ignored
        }
        return .handled
    }

    /// Draws the input part (not the label) on the rectangle's first row.
    func renderInput(in rect: Rect, on grid: inout Grid, context: RenderContext, invalid: Bool) {
        var input = self.input
        input.isInvalid = invalid
        guard case .choice = kind else { return input.render(in: rect, on: &grid, context: context) }
        let style = Style(invalid ? .inputInvalid : .input, underline: context.focused)
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        grid.put("< " + value + " >", x: rect.x, y: rect.y, style: style, limit: rect.maxX)
    }

    /// Where the text cursor goes; a choice shows none.
    func cursorPosition(in rect: Rect) -> Point? {
        if case .choice = kind { return nil }
        return input.cursorPosition(in: rect)
    }
}
