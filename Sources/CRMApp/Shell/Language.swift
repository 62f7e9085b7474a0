/// The interface language: Simplified Chinese or English.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh-Hans"
    case english = "en"

    /// From `--lang` (zh, zh-Hans, zh_CN, en ...), else from LC_ALL / LC_MESSAGES / LANG; Chinese when none names
    /// a language (C, POSIX, unset). Nil for an `--lang` it does not know.
    public static func resolve(option: String?, environment: [String: String]) -> Language? {
        if let option { return parse(option) }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty, let language = parse(value) { return language }
        }
        return .chinese
    }

    static func parse(_ text: String) -> Language? {
        let lower = text.lowercased()
        if lower.hasPrefix("zh") { return .chinese }
        if lower.hasPrefix("en") { return .english }
        return nil
    }
}

/// A user-facing text in both languages, kept side by side where it is used.
public struct Text: Sendable, Equatable, Hashable {
    public let zh: String
    public let en: String

    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String { language == .chinese ? zh : en }
}
