import CRMCore
import GRDB

/// `reminder.done` and `reminder.snooze`: a member of staff sets a reminder aside, for good (done, or open
/// again) or until a date. Only their own reminders are affected.
public struct SetReminderState: Mutation {
    public enum Change: Sendable, Equatable {
        case done(Bool)
        case snooze(until: BusinessDate)
    }

    /// The two kinds of change, by name.
    public enum Kind: String, Sendable {
        case done = "reminder.done"
        case snooze = "reminder.snooze"
    }

    public let key: String
    public let change: Change

    public init(key: String, change: Change) {
        self.key = key
        self.change = change
    }

    /// Rebuilds a change of `kind` (the name says which) from its ``payload``, as the outbox and sync carry it.
    public init(_ kind: Kind, payload: JSONValue) throws {
        switch kind {
        case .done: try self.init(key: payload.text("key"), change: .done(payload.boolean("done")))
        case .snooze: try self.init(key: payload.text("key"), change: .snooze(until: payload.date("until")))
        }
    }

    /// Which of the two names the change goes by.
    public var kind: Kind {
        if case .snooze = change { return .snooze }
        return .done
    }

    public var name: String { kind.rawValue }

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
