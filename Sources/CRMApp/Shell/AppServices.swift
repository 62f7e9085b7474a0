import CRMCore
import CRMStore

/// What screens reach the outside world through: the database, the clock, the mutation log and the loaded
/// business dates. Tests give an in-memory or tiny-bank database and a fixed clock.
public final class AppServices {
    public let database: AppDatabase
    public let clock: WallClock
    public let mutations: MutationLog
    /// The latest loaded business date (数据日期), nil for an empty database.
    public private(set) var businessDate: BusinessDate?
    /// Whether this is the made-up demo bank.
    public let isDemo: Bool

    public init(database: AppDatabase, clock: WallClock, isDemo: Bool) throws {
        self.database = database
        self.clock = clock
        self.isDemo = isDemo
        mutations = MutationLog(database: database, clock: clock)
        businessDate = try database.writer.read(LoadedDates.range)?.upperBound
    }

    /// Reads the loaded dates again (after a batch ran beside the UI).
    public func reloadDates() throws {
        businessDate = try database.writer.read(LoadedDates.range)?.upperBound
    }

    /// Shanghai local time now, `YYYY-MM-DD HH:MM:SS`.
    public var nowText: String { ShanghaiTime.timestamp(clock.now()) }

    /// Today's local date by the wall clock (schedules), which differs from the business date.
    public var today: BusinessDate { ShanghaiTime.date(of: clock.now()) }
}

/// The signed-in member of staff and what they may see.
public struct Session: Sendable, Equatable {
    public let profile: StaffProfile
    public let scope: DataScope

    public init(profile: StaffProfile) {
        self.profile = profile
        scope = DataScope(profile: profile)
    }
}
