/// One reported figure of the profit calculators, with its JSON key and its names in both languages, so that the
/// command line and the screen list the same figures under the same names.
public enum PricingFigure: String, Sendable, CaseIterable {
    case interest, ftpCharge, operatingCost, expectedLoss, capital, capitalCharge, profitBeforeTax, profitAfterTax
    case rarocBeforeTax, rarocAfterTax, eva, breakEvenRate
    case ftpCredit, interestPaid, fees, value

    /// The key in `crm calc --json`.
    public var jsonKey: String {
        switch self {
        case .interest: return "interest"
        case .ftpCharge: return "ftp_charge"
        case .operatingCost: return "operating_cost"
        case .expectedLoss: return "expected_loss"
        case .capital: return "capital"
        case .capitalCharge: return "capital_charge"
        case .profitBeforeTax: return "profit_before_tax"
        case .profitAfterTax: return "profit_after_tax"
        case .rarocBeforeTax: return "raroc_before_tax"
        case .rarocAfterTax: return "raroc_after_tax"
        case .eva: return "eva"
        case .breakEvenRate: return "breakeven_rate"
        case .ftpCredit: return "ftp_credit"
        case .interestPaid: return "interest_paid"
        case .fees: return "fees"
        case .value: return "value"
        }
    }

    public var chineseName: String {
        switch self {
        case .interest: return "利息收入"
        case .ftpCharge: return "FTP成本"
        case .operatingCost: return "运营成本"
        case .expectedLoss: return "预期损失"
        case .capital: return "经济资本占用"
        case .capitalCharge: return "资本成本"
        case .profitBeforeTax: return "税前利润"
        case .profitAfterTax: return "税后利润"
        case .rarocBeforeTax: return "税前RAROC"
        case .rarocAfterTax: return "税后RAROC"
        case .eva: return "EVA经济增加值"
        case .breakEvenRate: return "盈亏平衡利率"
        case .ftpCredit: return "FTP收益"
        case .interestPaid: return "利息支出"
        case .fees: return "中间业务收入"
        case .value: return "存款价值"
        }
    }

    public var englishName: String {
        switch self {
        case .interest: return "Interest"
        case .ftpCharge: return "FTP charge"
        case .operatingCost: return "Operating cost"
        case .expectedLoss: return "Expected loss"
        case .capital: return "Capital"
        case .capitalCharge: return "Capital charge"
        case .profitBeforeTax: return "Profit before tax"
        case .profitAfterTax: return "Profit after tax"
        case .rarocBeforeTax: return "RAROC before tax"
        case .rarocAfterTax: return "RAROC after tax"
        case .eva: return "EVA"
        case .breakEvenRate: return "Break-even rate"
        case .ftpCredit: return "FTP credit"
        case .interestPaid: return "Interest paid"
        case .fees: return "Fees"
        case .value: return "Value"
        }
    }
}

/// A reported figure's value: an amount, RAROC or a rate.
public enum PricingValue: Sendable, Equatable {
    /// Fen.
    case money(Int64)
    /// Basis points of a ratio (6.19% = 619); nil when undefined (RAROC on zero capital).
    case basisPoints(Int64?)
    /// Millionths of a rate (4.25% = 42,500).
    case rate(Int64)

    /// The value as the tables and the screen show it: grouped yuan, or percent (`6.19%`, `4.25%`, `4.2467%`);
    /// `undefined` for an undefined ratio.
    public func text(undefined: String) -> String {
        switch self {
        case .money(let fen): return Money.groupedYuanText(fen)
        case .basisPoints(let bp): return bp.map { ScaledNumber.text($0, decimals: 2) + "%" } ?? undefined
        case .rate(let ppm): return PricingText.percent(ppm: ppm, minimumDecimals: 2) + "%"
        }
    }

    /// The value for `--json`: yuan with 2 decimals, RAROC in percent with 2 decimals (null when undefined), a rate in
    /// percent with 4 decimals.
    public var json: JSONValue {
        switch self {
        case .money(let fen): return .money(fen)
        case .basisPoints(let bp): return bp.map { .decimal($0, decimals: 2) } ?? .null
        case .rate(let ppm): return .decimal(ppm, decimals: Scale.ratePercentDecimals)
        }
    }

    /// Below zero (an amount or a ratio), for the warning colour.
    public var isNegative: Bool {
        switch self {
        case .money(let value), .rate(let value): return value < 0
        case .basisPoints(let value): return (value ?? 0) < 0
        }
    }
}

extension LoanResult {
    /// Every figure in the order reported.
    public var figures: [(PricingFigure, PricingValue)] {
        [(.interest, .money(interest)), (.ftpCharge, .money(ftpCharge)), (.operatingCost, .money(operatingCost)),
         (.expectedLoss, .money(expectedLoss)), (.capital, .money(capital)), (.capitalCharge, .money(capitalCharge)),
         (.profitBeforeTax, .money(profitBeforeTax)), (.profitAfterTax, .money(profitAfterTax)),
         (.rarocBeforeTax, .basisPoints(rarocBeforeTaxBP)), (.rarocAfterTax, .basisPoints(rarocAfterTaxBP)), (.eva, .money(eva)),
         (.breakEvenRate, .rate(breakEvenRatePPM))]
    }
}

extension DepositResult {
    /// Every figure in the order reported.
    public var figures: [(PricingFigure, PricingValue)] {
        [(.ftpCredit, .money(ftpCredit)), (.interestPaid, .money(interestPaid)), (.operatingCost, .money(operatingCost)),
         (.fees, .money(fees)), (.value, .money(value))]
    }
}

extension Array where Element == (PricingFigure, PricingValue) {
    /// The amount reported for a figure, in fen; nil when the figure is not among these or is not an amount.
    public func money(_ figure: PricingFigure) -> Int64? {
        guard case .money(let fen)? = first(where: { $0.0 == figure })?.1 else { return nil }
        return fen
    }

    /// A ratio reported for a figure, in basis points; nil when absent, not a ratio, or undefined.
    public func basisPoints(_ figure: PricingFigure) -> Int64? {
        guard case .basisPoints(let value)? = first(where: { $0.0 == figure })?.1 else { return nil }
        return value
    }
}
