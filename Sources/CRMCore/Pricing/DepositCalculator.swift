/// A deposit for the deposit value calculator (存款价值测算): amounts in fen, rates in millionths of one.
public struct DepositInputs: Sendable, Equatable {
    public var balance: Int64
    public var days: Int64
    /// The customer rate; for an agreement deposit, the demand rate paid up to the base.
    public var ratePPM: Int64
    public var ftpPPM: Int64
    public var operatingCostPPM: Int64
    /// An agreement deposit (协定存款): the base amount (fen) and the rate paid on the balance above it.
    public struct Agreement: Sendable, Equatable {
        public var base: Int64
        public var ratePPM: Int64
    }

    public var agreement: Agreement?
    public var fees: Int64
    public var dayBasis: Int64
}

extension DepositInputs {
    /// Reads and checks the inputs as typed. Required: balance (above zero), days, rate, FTP and operating cost.
    /// The agreement base and rate come together or not at all; fees default to 0 and may not be negative; the
    /// basis falls back to `defaults`.
    public init(_ text: PricingText, defaults: PricingDefaults) throws(PricingError) {
        let agreement: Agreement?
        switch (text.given(.agreementBase), text.given(.agreementRate)) {
        case (true, true): agreement = Agreement(base: try text.optionalYuan(.agreementBase) ?? 0, ratePPM: try text.percent(.agreementRate))
        case (true, false): throw PricingError(.needs(.agreementRate), field: .agreementBase)
        case (false, true): throw PricingError(.needs(.agreementBase), field: .agreementRate)
        case (false, false): agreement = nil
        }
        self.init(balance: try text.positiveYuan(.balance), days: try text.days(.days), ratePPM: try text.percent(.rate),
                  ftpPPM: try text.percent(.ftp), operatingCostPPM: try text.percent(.operatingCost), agreement: agreement,
                  fees: try text.optionalYuan(.fees) ?? 0, dayBasis: try text.basis(.basis, fallback: defaults.dayBasis))
    }
}

/// What a deposit is worth to the bank over its term, to the fen.
public struct DepositResult: Sendable, Equatable {
    public let ftpCredit: Int64
    public let interestPaid: Int64
    public let operatingCost: Int64
    public let fees: Int64
    public let value: Int64
}

/// The deposit value calculator of domain.md: value = FTP credit - interest paid - operating cost + fees, each
/// accrued as balance x rate x d / basis. For an agreement deposit, interest paid = (min(B, base) x demand rate
/// + max(B - base, 0) x agreement rate) x d / basis. Each figure is rounded once to the fen, half away from zero,
/// from exact products; the value adds the rounded figures, so it adds up to the fen.
public enum DepositCalculator {
    public static func calculate(_ deposit: DepositInputs) -> DepositResult {
        let ftpCredit = PricingArithmetic.accrual(deposit.balance, ratePPM: deposit.ftpPPM, days: deposit.days,
                                                      basis: deposit.dayBasis)
        let operatingCost = PricingArithmetic.accrual(deposit.balance, ratePPM: deposit.operatingCostPPM, days: deposit.days,
                                                          basis: deposit.dayBasis)
        let interestPaid: Int64
        if let agreement = deposit.agreement {
            let within = Int128(min(deposit.balance, agreement.base)) * Int128(deposit.ratePPM)
            let above = Int128(max(deposit.balance - agreement.base, 0)) * Int128(agreement.ratePPM)
            interestPaid = PricingArithmetic.rounded((within + above) * Int128(deposit.days),
                                                         over: PricingArithmetic.million * Int128(deposit.dayBasis))
        } else {
            interestPaid = PricingArithmetic.accrual(deposit.balance, ratePPM: deposit.ratePPM, days: deposit.days,
                                                         basis: deposit.dayBasis)
        }
        return DepositResult(ftpCredit: ftpCredit, interestPaid: interestPaid, operatingCost: operatingCost, fees: deposit.fees,
                             value: ftpCredit - interestPaid - operatingCost + deposit.fees)
    }
}
