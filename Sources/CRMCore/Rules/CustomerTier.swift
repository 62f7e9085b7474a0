/// Customer tiers (客户分层) and the default rules of domain.md, first match wins.
public enum CustomerTier: String, CaseIterable, Sendable {
    case strategic = "STRATEGIC", key = "KEY", general = "GENERAL", potential = "POTENTIAL"

    /// The Chinese name shown on screen.
    public var chineseName: String {
        switch self {
        case .strategic: return "战略"
        case .key: return "重点"
        case .general: return "一般"
        case .potential: return "潜在"
        }
    }
}

/// The thresholds behind the tier and flag rules; every one is a setting, the defaults are domain.md's.
public struct TierThresholds: Sendable, Equatable {
    public var keyDepositYTDAverage: Int64 = 100_000_000_00
    public var keyLoanBalance: Int64 = 300_000_000_00
    public var generalDepositYTDAverage: Int64 = 100_000_00
    public var effectiveAccountMinimum: Int64 = 100_000_00

    public init() {}
}

/// What the tier rules read for one customer on one day.
public struct TierInputs: Sendable {
    public var markedStrategic: Bool
    public var depositYTDAverage: Int64
    public var loanBalance: Int64
    public var hasActiveLoan: Bool

    public init(markedStrategic: Bool, depositYTDAverage: Int64, loanBalance: Int64, hasActiveLoan: Bool) {
        self.markedStrategic = markedStrategic
        self.depositYTDAverage = depositYTDAverage
        self.loanBalance = loanBalance
        self.hasActiveLoan = hasActiveLoan
    }
}

/// Applies the default tier rules and names the rule that matched, so the screen can say why.
public enum TierRules {
    public static func tier(for inputs: TierInputs, thresholds: TierThresholds = TierThresholds()) -> (tier: CustomerTier, rule: String) {
        if inputs.markedStrategic { return (.strategic, "总行认定战略客户") }
        if inputs.depositYTDAverage >= thresholds.keyDepositYTDAverage {
            return (.key, "存款年日均≥" + Money.chineseShortText(thresholds.keyDepositYTDAverage))
        }
        if inputs.loanBalance >= thresholds.keyLoanBalance {
            return (.key, "贷款余额≥" + Money.chineseShortText(thresholds.keyLoanBalance))
        }
        if inputs.depositYTDAverage >= thresholds.generalDepositYTDAverage {
            return (.general, "存款年日均≥" + Money.chineseShortText(thresholds.generalDepositYTDAverage))
        }
        if inputs.hasActiveLoan { return (.general, "有存续贷款") }
        return (.potential, "未达一般客户标准")
    }
}
