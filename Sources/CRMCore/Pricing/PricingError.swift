/// Why the calculators refused their inputs: the problem and the field it concerns. `description` names the command-line option; `message(chinese:)` names the field as the screen does.
public struct PricingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Equatable, Sendable {
        case missing
        case notANumber
        case tooManyDecimals(allowed: Int)
        case notAboveZero
        case negative
        /// Above the largest value the field takes (the limit as the user types it).
        case above(String)
        /// At or above 100 (the tax rate, whose complement divides the break-even rate).
        case notBelowHundred
        case basis
        /// Both the rate and LPR plus spread were given.
        case rateAndLPR
        /// The field needs another one given with it.
        case needs(PricingField)
        /// LPR plus the spread comes out below zero.
        case negativeRate
    }

    public let problem: Problem
    public let field: PricingField

    public init(_ problem: Problem, field: PricingField) {
        self.problem = problem
        self.field = field
    }

    public var description: String {
        let text: String = switch problem {
        case .missing: "is required"
        case .notANumber: "is not a number"
        case .tooManyDecimals(let allowed): "takes at most \(allowed) decimals"
        case .notAboveZero: "must be above zero"
        case .negative: "must not be negative"
        case .above(let limit): "must be at most \(limit)"
        case .notBelowHundred: "must be below 100"
        case .basis: "must be 360 or 365"
        case .rateAndLPR: "give either --rate or --lpr with --spread-bp, not both"
        case .needs(let other): "needs \(other.option) as well"
        case .negativeRate: "LPR plus the spread is below zero"
        }
        return "\(field.option): \(text)"
    }

    /// The message for the screen, naming the field in the interface language.
    public func message(chinese: Bool) -> String {
        let text: String = switch problem {
        case .missing: chinese ? "必填" : "required"
        case .notANumber: chinese ? "不是数字" : "not a number"
        case .tooManyDecimals(let allowed): chinese ? "最多 \(allowed) 位小数" : "at most \(allowed) decimals"
        case .notAboveZero: chinese ? "须大于零" : "must be above zero"
        case .negative: chinese ? "不能为负" : "must not be negative"
        case .above(let limit): chinese ? "不能超过 \(limit)" : "at most \(limit)"
        case .notBelowHundred: chinese ? "须小于 100" : "must be below 100"
        case .basis: chinese ? "须为 360 或 365" : "must be 360 or 365"
        case .rateAndLPR: chinese ? "与 LPR 加点二选一" : "rate or LPR + spread, not both"
        case .needs(let other): chinese ? "须同时填写\(other.chineseName)" : "needs \(other.englishName) too"
        case .negativeRate: chinese ? "LPR 加点后利率为负" : "LPR + spread is below zero"
        }
        return (chinese ? field.chineseName : field.englishName) + (chinese ? "：" : ": ") + text
    }
}
