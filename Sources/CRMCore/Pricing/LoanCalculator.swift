/// A loan deal for the loan calculator (贷款利润测算): amounts in fen, rates and ratios in millionths of one
/// (3.50% = 35,000), days and the day basis as whole numbers.
public struct LoanInputs: Sendable, Equatable {
    public var amount: Int64
    public var days: Int64
    /// The loan rate: given, or LPR plus the spread.
    public var ratePPM: Int64
    public var ftpPPM: Int64
    public var operatingCostPPM: Int64
    public var pdPPM: Int64
    public var lgdPPM: Int64
    public var riskWeightPPM: Int64
    public var capitalRatioPPM: Int64
    public var taxPPM: Int64
    public var hurdlePPM: Int64
    public var dayBasis: Int64
}

extension LoanInputs {
    /// Reads and checks the inputs as typed. Required: amount (above zero), days (1 to 36,500), the rate or LPR
    /// (the spread defaults to 0 bp and may be negative, but not below -LPR), FTP, operating cost, PD, LGD and risk
    /// weight. Capital ratio, tax, hurdle and basis fall back to `defaults`. Percentages run from 0 to 100 (risk
    /// weight to 1,250); tax must stay below 100.
    public init(_ text: PricingText, defaults: PricingDefaults) throws(PricingError) {
        let ratePPM: Int64
        if text.given(.rate) {
            if text.given(.lpr) || text.given(.spread) { throw PricingError(.rateAndLPR, field: .rate) }
            ratePPM = try text.percent(.rate)
        } else if text.given(.lpr) {
            ratePPM = try text.percent(.lpr) + text.spread(.spread)
            if ratePPM < 0 { throw PricingError(.negativeRate, field: .spread) }
        } else if text.given(.spread) {
            throw PricingError(.needs(.lpr), field: .spread)
        } else {
            throw PricingError(.missing, field: .rate)
        }
        let tax = try text.percent(.tax, fallback: defaults.taxPPM)
        guard tax < 1_000_000 else { throw PricingError(.notBelowHundred, field: .tax) }
        self.init(amount: try text.positiveYuan(.amount), days: try text.days(.days), ratePPM: ratePPM,
                  ftpPPM: try text.percent(.ftp), operatingCostPPM: try text.percent(.operatingCost),
                  pdPPM: try text.percent(.pd), lgdPPM: try text.percent(.lgd),
                  riskWeightPPM: try text.percent(.riskWeight, maximumPercent: 1_250),
                  capitalRatioPPM: try text.percent(.capitalRatio, fallback: defaults.capitalRatioPPM), taxPPM: tax,
                  hurdlePPM: try text.percent(.hurdle, fallback: defaults.hurdlePPM),
                  dayBasis: try text.basis(.basis, fallback: defaults.dayBasis))
    }
}

/// What a loan deal earns over its term, to the fen, with RAROC, EVA and the break-even rate.
public struct LoanResult: Sendable, Equatable {
    public let interest: Int64
    public let ftpCharge: Int64
    public let operatingCost: Int64
    public let expectedLoss: Int64
    public let capital: Int64
    public let capitalCharge: Int64
    public let profitBeforeTax: Int64
    public let profitAfterTax: Int64
    /// Annualised RAROC in basis points (6.19% = 619); nil when the capital is zero and RAROC is undefined (or so
    /// small that RAROC passes Int64).
    public let rarocBeforeTaxBP: Int64?
    public let rarocAfterTaxBP: Int64?
    public let eva: Int64
    /// The loan rate at which EVA is zero, in millionths.
    public let breakEvenRatePPM: Int64
}

/// The loan calculator of domain.md ("Profit and pricing").
///
/// Rounding: every reported figure is rounded once, half away from zero: amounts to the fen, RAROC to the basis
/// point, the break-even rate to the millionth (0.0001%). Interest, FTP charge, operating cost, expected loss
/// and capital come from the inputs exactly; the figures built on them use them as reported, so the results add
/// up to the fen: capital charge = capital x hurdle x d / basis; profit before tax = interest - FTP charge -
/// operating cost - expected loss; after tax = that x (1 - tax); RAROC = profit / capital x basis / d; EVA =
/// profit after tax - capital charge. Products are exact (`Int128`) before each rounding.
public enum LoanCalculator {
    public static func calculate(_ loan: LoanInputs) -> LoanResult {
        let million = PricingArithmetic.million
        let amount = Int128(loan.amount), days = Int128(loan.days), basis = Int128(loan.dayBasis)
        let interest = PricingArithmetic.accrual(loan.amount, ratePPM: loan.ratePPM, days: loan.days, basis: loan.dayBasis)
        let ftpCharge = PricingArithmetic.accrual(loan.amount, ratePPM: loan.ftpPPM, days: loan.days, basis: loan.dayBasis)
        let operatingCost = PricingArithmetic.accrual(loan.amount, ratePPM: loan.operatingCostPPM, days: loan.days,
                                                          basis: loan.dayBasis)
        let expectedLoss = PricingArithmetic.rounded(amount * Int128(loan.pdPPM) * Int128(loan.lgdPPM) * days,
                                                         over: million * million * basis)
        let capital = PricingArithmetic.rounded(amount * Int128(loan.riskWeightPPM) * Int128(loan.capitalRatioPPM),
                                                    over: million * million)
        let capitalCharge = PricingArithmetic.accrual(capital, ratePPM: loan.hurdlePPM, days: loan.days, basis: loan.dayBasis)
        let beforeTax = interest - ftpCharge - operatingCost - expectedLoss
        let afterTax = PricingArithmetic.rounded(Int128(beforeTax) * (million - Int128(loan.taxPPM)), over: million)
        func raroc(_ profit: Int64) -> Int64? {
            guard capital > 0 else { return nil }
            return PricingArithmetic.roundedIfFits(Int128(profit) * basis * 10_000, over: Int128(capital) * days)
        }
        // r_min = FTP + operating cost + PD x LGD + risk weight x capital ratio x hurdle / (1 - tax), over one denominator.
        let afterTaxShare = million - Int128(loan.taxPPM)
        let breakEven = PricingArithmetic.rounded(
            Int128(loan.ftpPPM + loan.operatingCostPPM) * million * afterTaxShare
                + Int128(loan.pdPPM) * Int128(loan.lgdPPM) * afterTaxShare
                + Int128(loan.riskWeightPPM) * Int128(loan.capitalRatioPPM) * Int128(loan.hurdlePPM),
            over: million * afterTaxShare)
        return LoanResult(interest: interest, ftpCharge: ftpCharge, operatingCost: operatingCost, expectedLoss: expectedLoss,
                          capital: capital, capitalCharge: capitalCharge, profitBeforeTax: beforeTax, profitAfterTax: afterTax,
                          rarocBeforeTaxBP: raroc(beforeTax), rarocAfterTaxBP: raroc(afterTax),
                          eva: afterTax - capitalCharge, breakEvenRatePPM: breakEven)
    }
}
