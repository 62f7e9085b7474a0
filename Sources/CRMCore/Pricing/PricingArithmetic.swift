/// Exact arithmetic for the calculators: products of fen, millionths and days are formed in `Int128`, so
/// nothing is lost or overflows before the one rounding of each reported figure.
enum PricingArithmetic {
    /// Millionths in one: rates and ratios are parts per million (3.50% = 35,000).
    static let million: Int128 = 1_000_000

    /// `numerator / denominator` rounded half away from zero to an integer, for the amounts. The denominator must be
    /// above zero. The input limits of `PricingText` (amounts below 10^13 yuan, rates to 100%, risk weights to
    /// 1,250%, terms to 36,500 days) keep every amount below 1.3 x 10^18 fen, inside `Int64`.
    static func rounded(_ numerator: Int128, over denominator: Int128) -> Int64 {
        Int64(roundedQuotient(numerator, over: denominator))
    }

    /// The same rounding for a ratio that may not fit (RAROC over a capital of a few fen): nil when it does not.
    static func roundedIfFits(_ numerator: Int128, over denominator: Int128) -> Int64? {
        Int64(exactly: roundedQuotient(numerator, over: denominator))
    }

    private static func roundedQuotient(_ numerator: Int128, over denominator: Int128) -> Int128 {
        precondition(denominator > 0)
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        guard remainder.magnitude * 2 >= denominator.magnitude else { return quotient }
        return quotient + (numerator < 0 ? -1 : 1)
    }

    /// `amount x rate x days / basis`, rounded to the fen: the accrual of domain.md for a rate in millionths.
    static func accrual(_ fen: Int64, ratePPM: Int64, days: Int64, basis: Int64) -> Int64 {
        rounded(Int128(fen) * Int128(ratePPM) * Int128(days), over: million * Int128(basis))
    }
}
