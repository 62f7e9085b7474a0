/// How far a node has come along its plan (经营计划完成情况跟踪): completion, time elapsed, where it should be by
/// now, and what it needs on each remaining day. Amounts are fen, counts whole, ratios basis points.
public enum PlanPace {
    /// Days of `period` elapsed by the end of `asOf`: 0 before the period starts, all of them once it is over.
    public static func elapsedDays(_ period: PlanPeriod, asOf: BusinessDate) -> Int {
        min(period.days, max(0, asOf.days(since: period.start) + 1))
    }

    /// `part / whole` in basis points, half away from zero; nil when `whole` is 0 or the ratio does not fit.
    public static func basisPoints(_ part: Int64, of whole: Int64) -> Int64? {
        guard whole != 0 else { return nil }
        let sign: Int128 = whole < 0 ? -1 : 1
        return PricingArithmetic.roundedIfFits(Int128(part) * 10_000 * sign, over: Int128(whole) * sign)
    }

    /// Where a node should be by now on a straight line: `target × elapsed / days`, half away from zero.
    public static func dueByNow(target: Int64, elapsedDays: Int, periodDays: Int) -> Int64 {
        PricingArithmetic.rounded(Int128(target) * Int128(elapsedDays), over: Int128(periodDays))
    }

    /// The balance needed on each of the `remainingDays` days left so that the period's daily average reaches
    /// `targetAverage`: the period ends with `countedDays + remainingDays` days in the average (domain.md: days
    /// elapsed, counted from the first loaded date where the period began earlier), `balanceDays` of which are
    /// already summed, so each remaining day needs `(target × (counted + remaining) − balanceDays) / remaining`,
    /// rounded up to the fen. 0 when the target is reached whatever the balance; nil when no day remains.
    public static func neededDailyBalance(targetAverage: Int64, balanceDays: Int64, countedDays: Int, remainingDays: Int) -> Int64? {
        guard remainingDays > 0 else { return nil }
        let needed = Int128(targetAverage) * Int128(countedDays + remainingDays) - Int128(balanceDays)
        guard needed > 0 else { return 0 }
        let days = Int128(remainingDays)
        return Int64(clamping: (needed + days - 1) / days)
    }
}
