/// Why a field of a JSON value could not be read: where (a path such as `managers[1].share_pct`) and what was wrong.
///
/// The readers of ``JSONValue`` throw it with the path from the value they were called on, and each enclosing
/// reader puts its own key or index in front, so the path names the field from the top.
public struct JSONFieldError: Error, Equatable, CustomStringConvertible {
    /// What a field should have held.
    public enum Expected: Equatable, Sendable {
        case string, boolean, array, object
        /// A number with at most this many decimals (0: a whole number).
        case number(decimals: Int)
        /// Text of this form, such as `YYYY-MM-DD`.
        case form(String)
        /// One of these words.
        case oneOf([String])

        var chineseName: String {
            switch self {
            case .string: return "字符串"
            case .boolean: return "布尔值"
            case .array: return "数组"
            case .object: return "对象"
            case .number(let decimals): return decimals == 0 ? "整数" : "最多 \(decimals) 位小数的数"
            case .form(let form): return "形如 \(form) 的文本"
            case .oneOf(let words): return "以下之一：" + words.joined(separator: "、")
            }
        }

        var englishName: String {
            switch self {
            case .string: return "a string"
            case .boolean: return "true or false"
            case .array: return "an array"
            case .object: return "an object"
            case .number(let decimals): return decimals == 0 ? "a whole number" : "a number with at most \(decimals) decimals"
            case .form(let form): return "text of the form \(form)"
            case .oneOf(let words): return "one of " + words.joined(separator: ", ")
            }
        }
    }

    /// What was wrong with the field.
    public enum Problem: Equatable, Sendable {
        /// The key is not there.
        case missing
        /// The value is not what the field holds.
        case wrongType(expected: Expected)
    }

    /// The field, from the top: `id`, `managers[1].share_pct`, `targets.ORG:B1`; empty for the value itself.
    public let path: String
    /// What was wrong with it.
    public let problem: Problem

    /// A problem with the field at `path` (empty: the value the reader was called on).
    public init(path: String = "", _ problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The same problem one level further down: `segment` is a key or an `[index]`.
    func within(_ segment: String) -> JSONFieldError {
        let joined = path.isEmpty || path.hasPrefix("[") ? segment + path : segment + "." + path
        return JSONFieldError(path: joined, problem)
    }

    /// `字段 amount 应为最多 2 位小数的数`.
    public var chineseText: String {
        let subject = path.isEmpty ? "值" : "字段 \(path) "
        switch problem {
        case .missing: return subject + "缺失"
        case .wrongType(let expected): return subject + "应为" + expected.chineseName
        }
    }

    /// `field amount should be a number with at most 2 decimals`.
    public var englishText: String {
        let subject = path.isEmpty ? "the value" : "field \(path)"
        switch problem {
        case .missing: return subject + " is missing"
        case .wrongType(let expected): return subject + " should be " + expected.englishName
        }
    }

    /// Both languages: `字段 id 缺失 (field id is missing)`.
    public var description: String { "\(chineseText) (\(englishText))" }
}
