import CRMCore
import GRDB

/// An item of a user's schedule.
public struct ScheduleItem: Sendable, Equatable {
    public let id: String
    public let title: String
    /// Local `YYYY-MM-DD HH:MM`.
    public let startsAt: String
    public let customerID: String?
    public let customerName: String?
    public let remindMinutes: Int
    public let note: String
    public let doneAt: String?

    public var isDone: Bool { doneAt != nil }
    public var day: BusinessDate? { BusinessDate(startsAt.prefix(10)) }

    /// The editable part.
    public var draft: ScheduleDraft {
        ScheduleDraft(title: title, startsAt: startsAt, customerID: customerID, remindMinutes: remindMinutes, note: note)
    }
}

public enum ScheduleQuery {
    /// A member of staff's items from `first` to `last` (local dates, inclusive), in time order.
    public static func items(_ db: Database, staffID: String, from first: BusinessDate, through last: BusinessDate) throws
        -> [ScheduleItem] {
        try Row.fetchAll(db, sql: select + """
             WHERE w.staff_id = ? AND w.starts_at >= ? AND w.starts_at < ? ORDER BY w.starts_at, w.id
            """, arguments: [staffID, first.description, last.adding(days: 1).description]).map(item)
    }

    /// Open items whose reminder time has come (start minus lead time at or before `now`) and whose start is
    /// no earlier than today: what the workbench shows as reminders.
    public static func dueReminders(_ db: Database, staffID: String, now: String) throws -> [ScheduleItem] {
        try Row.fetchAll(db, sql: select + """
             WHERE w.staff_id = ? AND w.done_at IS NULL
               AND datetime(w.starts_at, '-' || w.remind_minutes || ' minutes') <= ?
               AND w.starts_at >= substr(?, 1, 10)
             ORDER BY w.starts_at, w.id
            """, arguments: [staffID, now, now]).map(item)
    }

    /// A member of staff's next open item about a customer, from `now` on.
    public static func next(_ db: Database, staffID: String, customerID: String, now: String) throws -> ScheduleItem? {
        try Row.fetchOne(db, sql: select + """
             WHERE w.staff_id = ? AND w.customer_id = ? AND w.done_at IS NULL AND w.starts_at >= substr(?, 1, 16)
             ORDER BY w.starts_at, w.id LIMIT 1
            """, arguments: [staffID, customerID, now]).map(item)
    }

    private static let select = """
        SELECT w.id, w.title, w.starts_at, w.customer_id, c.name, w.remind_minutes, w.note, w.done_at
        FROM work_schedule w LEFT JOIN base_customer c ON c.customer_id = w.customer_id
        """

    private static func item(_ row: Row) -> ScheduleItem {
        ScheduleItem(id: row[0], title: row[1], startsAt: row[2], customerID: row[3], customerName: row[4],
                     remindMinutes: row[5], note: row[6], doneAt: row[7])
    }
}
