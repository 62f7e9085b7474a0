import CRMCore
import CRMStore

/// What screens reach the outside world through: the database, the clock, the mutation log, sync and the
/// loaded business dates. Tests give an in-memory or tiny-bank database, a fixed clock and their own sync.
public final class AppServices {
    public let database: AppDatabase
    public let clock: WallClock
    public let mutations: MutationLog
    public let accounts: Accounts
    /// A real installation (`crm admin init` has run, not the demo bank): everyone signs in with a password and
    /// the UI locks when idle.
    public let passwordsRequired: Bool
    /// Minutes without a key before the UI locks (password installations only).
    public let idleLockMinutes: Int
    /// The latest loaded business date (数据日期), nil for an empty database.
    public private(set) var businessDate: BusinessDate?
    /// Whether this is the made-up demo bank.
    public let isDemo: Bool
    /// Sync with the central server when the database is a replica (`SyncService.live` unless a test gives one).
    public let sync: SyncService

    public init(database: AppDatabase, clock: WallClock, isDemo: Bool, sync: SyncService? = nil) throws {
        self.database = database
        self.clock = clock
        self.isDemo = isDemo
        self.sync = sync ?? .live(database: database, clock: clock)
        mutations = MutationLog(database: database, clock: clock)
        accounts = Accounts(database: database, clock: clock)
        passwordsRequired = try !isDemo && accounts.required()
        idleLockMinutes = try database.writer.read(Settings.read).passwordPolicy.idleLockMinutes
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

    /// The day smart reminders count from: the day after the data date, which on a live installation is
    /// today, and in a demo keeps the made-up bank's maturities and birthdays in view.
    public var reminderDay: BusinessDate { businessDate?.adding(days: 1) ?? today }
}

/// The signed-in member of staff, what they may see and what they may do.
public struct Session: Sendable, Equatable {
    public let profile: StaffProfile
    public let scope: DataScope
    public let roles: [AccessRole]
    public let permissions: Set<String>

    /// The session with the user's roles and permissions as the database has them.
    public init(profile: StaffProfile, database: AppDatabase) throws {
        self.profile = profile
        scope = DataScope(profile: profile)
        let (roles, changes) = try database.writer.read { db in
            (try AccessControl.roles(db, of: profile), try AccessControl.changes(db))
        }
        self.roles = roles
        permissions = RolePermissions.effective(roles, changes: changes)
    }

    /// Whether the user may run the command.
    public func may(_ command: AppCommand) -> Bool {
        command.permission.map(permissions.contains) ?? true
    }
}
