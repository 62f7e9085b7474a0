import Foundation
import GRDB

/// The membership rule of a named list: terms separated by `;`, all of which a customer must meet, each
/// `field:value|value` met by any of its values. Fields: `line` (business line code, e.g. `LARGE_MID`),
/// `industry` (the start of the industry code, e.g. `K` for real estate, `K70`), `tier` (`STRATEGIC`, `KEY`,
/// `GENERAL`, `POTENTIAL`), `name` (a part of the customer's name, e.g. `城投|城建`). Empty: no rule.
public struct NamedListRule: Sendable, Equatable {
    public let text: String
    private let terms: [(field: String, values: [String])]

    public static func == (lhs: NamedListRule, rhs: NamedListRule) -> Bool { lhs.text == rhs.text }

    /// Reads a rule, or says what is wrong with which term.
    public init(_ text: String) throws {
        self.text = text.trimmingCharacters(in: .whitespaces)
        var terms: [(String, [String])] = []
        for part in self.text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
            guard pieces.count == 2, ["line", "industry", "tier", "name"].contains(pieces[0]) else {
                throw MutationError("规则项“\(part)”应为 line、industry、tier 或 name 后接冒号和取值 (a term is field:value; fields line, industry, tier, name)")
            }
            let values = pieces[1].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !values.isEmpty else { throw MutationError("规则项“\(part)”没有取值 (the term has no value)") }
            try TextRules.requirePlain(pieces[1], field: "规则")
            terms.append((pieces[0], values))
        }
        self.terms = terms
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// An SQL condition on `base_customer c` (with `app_customer_status s` left-joined) true for the customers the
    /// rule takes in, with its arguments; false for an empty rule.
    func condition() -> (sql: String, arguments: StatementArguments) {
        guard !terms.isEmpty else { return ("0", []) }
        var parts: [String] = []
        var arguments: StatementArguments = []
        for term in terms {
            let any = term.values.map { _ -> String in
                switch term.field {
                case "line": return "c.line = ?"
                case "industry": return "c.industry_code LIKE ? || '%'"
                case "tier": return "s.tier = ?"
                default: return "instr(c.name, ?) > 0"
                }
            }
            parts.append("(" + any.joined(separator: " OR ") + ")")
            arguments += StatementArguments(term.values)
        }
        return (parts.joined(separator: " AND "), arguments)
    }
}
