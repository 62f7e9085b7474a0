/// Rules for text that users type into the CRM.
enum TextRules {
    /// Refuses control characters (a line break is allowed where `multiline`), which would corrupt the
    /// screen, the CSV exports and the audit log's readability.
    static func requirePlain(_ text: String, field: String, multiline: Bool = false) throws {
        let bad = text.unicodeScalars.first { scalar in
            (scalar.value < 0x20 && !(multiline && scalar == "\n")) || (0x7F...0x9F).contains(scalar.value)
        }
        if let bad {
            throw MutationError("\(field)含有控制字符 U+\(String(bad.value, radix: 16, uppercase: true)) (\(field) holds a control character)")
        }
    }
}
