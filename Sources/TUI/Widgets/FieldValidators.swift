/// Checks what was typed in a field: an error message to show, or nil when the text is acceptable.
public typealias FieldValidator = @Sendable (String) -> String?

/// The messages the built-in validators show; the app passes its own strings, these are defaults.
public struct ValidationMessages: Sendable {
    public var required: String
    public var number: String
    public var date: String
    public var choice: String

    public init(required: String, number: String, date: String, choice: String) {
        self.required = required
        self.number = number
        self.date = date
        self.choice = choice
    }

    public static let zhHans = ValidationMessages(required: "必填", number: "请输入整数", date: "日期格式应为 YYYY-MM-DD 且为有效日期",
                                                  choice: "请选择列表中的一项")
    public static let en = ValidationMessages(required: "Required", number: "Enter a whole number",
                                              date: "Enter a valid date as YYYY-MM-DD", choice: "Pick one of the options")
}

/// Validators for the generic field kinds. Money is not here: its rules belong to the caller, which passes its
/// own validator. An empty field passes unless it is required.
public enum FieldValidators {
    /// An optional sign followed by one or more digits 0-9.
    public static func number(required: Bool = false, messages: ValidationMessages = .zhHans) -> FieldValidator {
        check(required: required, messages: messages, message: messages.number) { text in
            let digits = text.first == "+" || text.first == "-" ? text.dropFirst() : Substring(text)
            return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }

    /// A calendar date that exists, written YYYY-MM-DD.
    public static func date(required: Bool = false, messages: ValidationMessages = .zhHans) -> FieldValidator {
        check(required: required, messages: messages, message: messages.date) { CivilDate(parsing: $0) != nil }
    }

    /// Exactly one of `options`.
    public static func choice(_ options: [String], required: Bool = true,
                              messages: ValidationMessages = .zhHans) -> FieldValidator {
        check(required: required, messages: messages, message: messages.choice) { options.contains($0) }
    }

    /// Any text that is not empty.
    public static func required(messages: ValidationMessages = .zhHans) -> FieldValidator {
        check(required: true, messages: messages, message: messages.required) { _ in true }
    }

    private static func check(required: Bool, messages: ValidationMessages, message: String,
                              accepts: @escaping @Sendable (String) -> Bool) -> FieldValidator {
        { text in
            if text.isEmpty { return required ? messages.required : nil }
            return accepts(text) ? nil : message
        }
    }
}
