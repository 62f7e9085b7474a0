import CRMCore
import GRDB

/// `reminder.done` and `reminder.snooze`: a member of staff sets a reminder aside, for good (done, or open
/// again) or until a date. Only their own reminders are affected.
public struct SetReminderState: Mutation {
    public enum Change: Sendable, Equatable {
        case done(Bool)
        case snooze(until: BusinessDate)
    }

    public let key: String
    public let change: Change

    public init(key: String, change: Change) {
        self.key = key
        self.change = change
    }

    public var name: String {
        if case .snooze = change { return "reminder.snooze" }
        return "reminder.done"
    }

    public var payload: JSONValue {
        switch change {
        case .done(let done): return .object([("key", .string(key)), ("done", .bool(done))])
        case .snooze(let until): return .object([("key", .string(key)), ("until", .string(until.description))])
        }
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard !key.isEmpty, key.count <= 200 else { throw MutationError("提醒编号无效 (bad reminder key)") }
        try TextRules.requirePlain(key, field: "提醒编号")
        let doneAt: String?, snoozedUntil: String?
        switch change {
        case .done(let done):
            doneAt = done ? context.timestamp : nil
            snoozedUntil = nil
        case .snooze(let until):
            doneAt = nil
            snoozedUntil = until.description
        }
        try db.execute(sql: """
            INSERT OR REPLACE INTO work_reminder_state(staff_id, reminder_key, done_at, snoozed_until, updated_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [context.actor.staffID, key, doneAt, snoozedUntil, context.timestamp])
    }
}
