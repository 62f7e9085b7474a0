/// The wall clock, given to every component from outside so that tests and demos are reproducible.
/// Time is Asia/Shanghai (UTC+8 all year, no daylight saving).
public struct WallClock: Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let now: @Sendable () -> Int64

    public init(now: @escaping @Sendable () -> Int64) { self.now = now }

    /// A clock that always reads the same instant.
    public static func fixed(_ seconds: Int64) -> WallClock { WallClock { seconds } }

    /// A clock fixed at a Shanghai local time, e.g. `fixed(date: 2026-02-04, hour: 9)`.
    public static func fixed(date: BusinessDate, hour: Int, minute: Int = 0) -> WallClock {
        .fixed(ShanghaiTime.seconds(date: date, hour: hour, minute: minute))
    }
}

/// Conversions between instants and Shanghai local dates and times, in integers.
public enum ShanghaiTime {
    static let offset: Int64 = 8 * 3600

    /// The instant of a local date and time.
    public static func seconds(date: BusinessDate, hour: Int, minute: Int, second: Int = 0) -> Int64 {
        Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - offset
    }

    /// The local calendar day of an instant.
    public static func date(of seconds: Int64) -> BusinessDate {
        BusinessDate(dayNumber: Int(floorDivide(seconds + offset, 86_400)))
    }

    /// `YYYY-MM-DD HH:MM:SS` local time: the form timestamps are stored in.
    public static func timestamp(_ seconds: Int64) -> String {
        let local = seconds + offset
        let day = floorDivide(local, 86_400)
        let second = Int(local - day * 86_400)
        return BusinessDate(dayNumber: Int(day)).description + " " + zeroPadded(second / 3600, width: 2) + ":"
            + zeroPadded(second / 60 % 60, width: 2) + ":" + zeroPadded(second % 60, width: 2)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
