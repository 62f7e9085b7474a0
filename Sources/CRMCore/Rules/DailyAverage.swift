/// Balance-days and daily averages (日均) of domain.md.
///
/// The batch keeps, per account and period, the running sum of end-of-day balances (balance-days S);
/// the elapsed day count N is the same for every account, because an account contributes 0 before it opens.
public enum DailyAverage {
    /// S / N in fen, rounded half away from zero; 0 when no day has elapsed.
    public static func average(balanceDays: Int64, days: Int) -> Int64 {
        days > 0 ? Money.divideRounded(balanceDays, by: Int64(days)) : 0
    }

    /// The elapsed days of `period` at `asOf`, counting only days on or after `firstLoaded`
    /// (nothing is known before the first loaded business date).
    public static func elapsedDays(_ period: Period, asOf: BusinessDate, firstLoaded: BusinessDate) -> Int {
        let start = max(asOf.start(of: period), firstLoaded)
        return max(0, asOf.days(since: start) + 1)
    }

    /// Whether day `date` begins a new `period` (its running sums restart).
    public static func startsNewPeriod(_ period: Period, on date: BusinessDate, firstLoaded: BusinessDate) -> Bool {
        date == firstLoaded || date == date.start(of: period)
    }
}
