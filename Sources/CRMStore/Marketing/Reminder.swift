import CRMCore

/// How many days ahead each kind of smart reminder (智能日程提醒) comes up; settings `reminder_*_days`.
public struct ReminderLeadDays: Sendable, Equatable {
    public var birthday = 7
    public var anniversary = 7
    public var maturity = 30
    public var creditExpiry = 60
    public var schedule = 3

    public init() {}
}

/// What a reminder is about.
public enum ReminderKind: String, CaseIterable, Sendable {
    case birthday = "BIRTHDAY"
    case anniversary = "ANNIVERSARY"
    case depositMaturity = "DEPOSIT_MATURITY"
    case loanMaturity = "LOAN_MATURITY"
    case creditExpiry = "CREDIT_EXPIRY"
    case schedule = "SCHEDULE"
    case overdueTask = "OVERDUE_TASK"
    case planBehind = "PLAN_BEHIND"

    public var chineseName: String {
        switch self {
        case .birthday: return "实控人生日"
        case .anniversary: return "成立周年"
        case .depositMaturity: return "定期到期"
        case .loanMaturity: return "贷款到期"
        case .creditExpiry: return "授信到期"
        case .schedule: return "拜访回访"
        case .overdueTask: return "任务逾期"
        case .planBehind: return "计划落后"
        }
    }

    public var englishName: String {
        switch self {
        case .birthday: return "controller's birthday"
        case .anniversary: return "founding anniversary"
        case .depositMaturity: return "time deposit matures"
        case .loanMaturity: return "loan matures"
        case .creditExpiry: return "credit limit expires"
        case .schedule: return "visit or callback"
        case .overdueTask: return "task overdue"
        case .planBehind: return "plan behind"
        }
    }
}

/// One thing coming up for a member of staff.
public struct Reminder: Sendable, Equatable {
    /// Names the occurrence (kind, subject and date), so done and snooze hold for it and not the next one.
    public let key: String
    public let kind: ReminderKind
    public let date: BusinessDate
    public let customerID: String?
    public let customerName: String
    /// What it is about: the controller's name, the account or contract, the task's title, the plan's indicator,
    /// period, completion and time elapsed.
    public let subject: String
    /// Fen, where there is an amount (a balance, a loan, a limit).
    public let amount: Int64?
}

/// The yearly return of a date: the next time its month and day come round on or after a day. 29 February
/// falls on 28 February in other years.
public enum Anniversary {
    public static func next(of date: BusinessDate, onOrAfter day: BusinessDate) -> BusinessDate {
        let this = occurrence(of: date, in: day.year)
        return this >= day ? this : occurrence(of: date, in: day.year + 1)
    }

    static func occurrence(of date: BusinessDate, in year: Int) -> BusinessDate {
        BusinessDate(year: year, month: date.month, day: date.day) ?? BusinessDate(year: year, month: 2, day: 28)!
    }
}
