/// A calendar day in Asia/Shanghai, the unit of every business date (数据日期).
///
/// Stored as the number of days since 1970-01-01 so that arithmetic is exact and cheap;
/// converts to and from `YYYY-MM-DD` without Foundation's calendars, which keeps the batch
/// fast and independent of the machine's time zone.
public struct BusinessDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The date of a proleptic Gregorian year, month (1...12) and day (1...31); nil when it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= BusinessDate.daysInMonth(year: year, month: month) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        dayNumber = era * 146097 + doe - 719468
    }

    /// Parses `YYYY-MM-DD`; nil for anything else, including impossible dates such as 2025-02-30.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let date = bytes.withUnsafeBufferPointer({ BusinessDate(isoBytes: $0) }) else { return nil }
        self = date
    }

    /// Parses `YYYY-MM-DD` from raw bytes (the CSV reader's fields).
    public init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let d = Int(b[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
        guard let date = BusinessDate(year: y, month: m, day: d) else { return nil }
        self = date
    }

    /// Year, month and day of this date.
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// Monday = 1 ... Sunday = 7.
    public var weekday: Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return zeroPadded(c.year, width: 4) + "-" + zeroPadded(c.month, width: 2) + "-" + zeroPadded(c.day, width: 2)
    }

    /// `YYYY-MM`, the key of the month this date falls in.
    public var monthKey: String {
        let c = components
        return zeroPadded(c.year, width: 4) + "-" + zeroPadded(c.month, width: 2)
    }

    public func adding(days: Int) -> BusinessDate { BusinessDate(dayNumber: dayNumber + days) }

    /// Days from `other` to `self`.
    public func days(since other: BusinessDate) -> Int { dayNumber - other.dayNumber }

    public var startOfMonth: BusinessDate {
        let c = components
        return BusinessDate(year: c.year, month: c.month, day: 1)!
    }

    public var startOfQuarter: BusinessDate {
        let c = components
        return BusinessDate(year: c.year, month: (c.month - 1) / 3 * 3 + 1, day: 1)!
    }

    public var startOfYear: BusinessDate { BusinessDate(year: year, month: 1, day: 1)! }

    /// The last day of this date's month.
    public var endOfMonth: BusinessDate {
        let c = components
        return BusinessDate(year: c.year, month: c.month, day: BusinessDate.daysInMonth(year: c.year, month: c.month))!
    }

    public var isEndOfMonth: Bool { self == endOfMonth }

    /// The start of the period of the given kind that contains this date.
    public func start(of period: Period) -> BusinessDate {
        switch period {
        case .month: return startOfMonth
        case .quarter: return startOfQuarter
        case .year: return startOfYear
        }
    }

    public static func < (a: BusinessDate, b: BusinessDate) -> Bool { a.dayNumber < b.dayNumber }

    public static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// The averaging periods of domain.md: month, quarter and year to date.
public enum Period: String, CaseIterable, Sendable {
    case month, quarter, year
}

/// Zero-padded decimal text of `value`, at least `width` digits.
func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
