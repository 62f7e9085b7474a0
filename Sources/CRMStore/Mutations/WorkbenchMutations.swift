import CRMCore
import Foundation
import GRDB

/// `announcement.publish`: head office or a branch publishes to everyone in its org subtree.
public struct PublishAnnouncement: Mutation {
    public let name = "announcement.publish"
    public let id: String
    public let title: String
    public let body: String
    public let pinned: Bool

    public init(id: String, title: String, body: String, pinned: Bool) {
        self.id = id
        self.title = title
        self.body = body
        self.pinned = pinned
    }

    public var payload: JSONValue {
        .object([("id", .string(id)), ("title", .string(title)), ("body", .string(body)), ("pinned", .bool(pinned))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), title: payload.text("title"), body: payload.text("body"), pinned: payload.boolean("pinned"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard context.actor.role.publishesAnnouncements else {
            throw MutationError("只有总行和分支行可以发布公告 (only head office and branch heads publish announcements)")
        }
        try TextRules.requirePlain(title, field: "标题")
        try TextRules.requirePlain(body, field: "正文", multiline: true)
        let title = title.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { throw MutationError("标题不能为空 (the title is empty)") }
        guard title.count <= 60 else { throw MutationError("标题最多 60 个字 (the title has \(title.count) characters; at most 60)") }
        guard body.count <= 2000 else { throw MutationError("正文最多 2000 个字 (the text has \(body.count) characters; at most 2000)") }
        try db.execute(sql: """
            INSERT INTO work_announcement(id, org_id, title, body, pinned, published_by, published_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, context.actor.orgID, title, body, pinned, context.actor.staffID, context.timestamp])
    }
}

/// `announcement.read`: the reader has opened an announcement.
public struct MarkAnnouncementRead: Mutation {
    public let name = "announcement.read"
    public let announcementID: String

    public init(announcementID: String) { self.announcementID = announcementID }

    public var payload: JSONValue { .object([("announcement_id", .string(announcementID))]) }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws { try self.init(announcementID: payload.text("announcement_id")) }

    public func apply(_ db: Database, context: MutationContext) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO work_announcement_read(announcement_id, staff_id, read_at) VALUES (?, ?, ?)
            """, arguments: [announcementID, context.actor.staffID, context.timestamp])
    }
}

/// What a schedule item says: the part a user types, checked the same way on create and on edit.
public struct ScheduleDraft: Sendable, Equatable {
    public var title: String
    /// Local `YYYY-MM-DD HH:MM`.
    public var startsAt: String
    public var customerID: String?
    public var remindMinutes: Int
    public var note: String

    public init(title: String, startsAt: String, customerID: String?, remindMinutes: Int, note: String) {
        self.title = title
        self.startsAt = startsAt
        self.customerID = customerID
        self.remindMinutes = remindMinutes
        self.note = note
    }

    /// Whether `text` is a real local date and time `YYYY-MM-DD HH:MM`.
    public static func isValidStart(_ text: String) -> Bool {
        let parts = text.split(separator: " ")
        guard parts.count == 2, BusinessDate(parts[0]) != nil else { return false }
        let clock = parts[1].split(separator: ":")
        guard clock.count == 2, clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]), let minute = Int(clock[1]) else {
            return false
        }
        return (0...23).contains(hour) && (0...59).contains(minute)
    }

    var payload: [(String, JSONValue)] {
        [("title", .string(title)), ("starts_at", .string(startsAt)), ("customer_id", customerID.map(JSONValue.string) ?? .null),
         ("remind_minutes", .int(Int64(remindMinutes))), ("note", .string(note))]
    }

    /// The draft again from a mutation payload that holds the fields of ``payload``.
    init(payload: JSONValue) throws {
        try self.init(title: payload.text("title"), startsAt: payload.text("starts_at"), customerID: payload.optionalText("customer_id"),
                      remindMinutes: payload.integer("remind_minutes"), note: payload.text("note"))
    }

    func validate(_ db: Database, actor: StaffProfile) throws {
        try TextRules.requirePlain(title, field: "事项")
        try TextRules.requirePlain(note, field: "备注", multiline: true)
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw MutationError("事项不能为空 (the title is empty)") }
        guard ScheduleDraft.isValidStart(startsAt) else {
            throw MutationError("时间应为 YYYY-MM-DD HH:MM (the time \(startsAt) is not YYYY-MM-DD HH:MM)")
        }
        guard (0...10_080).contains(remindMinutes) else {
            throw MutationError("提前提醒应在 0 到 10080 分钟之间 (remind between 0 and 10080 minutes before)")
        }
        if let customerID { try DataScope(profile: actor).requireVisible(customerID, db) }
    }
}

/// `schedule.create` (a new item in the actor's own schedule) and `schedule.edit` (a change to one of them):
/// the same data, checked the same way.
public struct SaveScheduleItem: Mutation {
    public enum Intent: String, Sendable {
        case create = "schedule.create"
        case edit = "schedule.edit"
    }

    public let intent: Intent
    public let id: String
    public let draft: ScheduleDraft

    public init(_ intent: Intent, id: String, draft: ScheduleDraft) {
        self.intent = intent
        self.id = id
        self.draft = draft
    }

    public var name: String { intent.rawValue }
    public var payload: JSONValue { .object([("id", .string(id))] + draft.payload) }

    /// Rebuilds the `intent` (the name says which) from its ``payload``, as the outbox and sync carry it.
    public init(_ intent: Intent, payload: JSONValue) throws {
        try self.init(intent, id: payload.text("id"), draft: ScheduleDraft(payload: payload))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        try draft.validate(db, actor: context.actor)
        switch intent {
        case .create:
            try db.execute(sql: """
                INSERT INTO work_schedule(id, staff_id, title, starts_at, customer_id, remind_minutes, note, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, context.actor.staffID, draft.title, draft.startsAt, draft.customerID, draft.remindMinutes,
                                 draft.note, context.timestamp, context.timestamp])
        case .edit:
            try db.execute(sql: """
                UPDATE work_schedule SET title = ?, starts_at = ?, customer_id = ?, remind_minutes = ?, note = ?, updated_at = ?
                WHERE id = ? AND staff_id = ?
                """, arguments: [draft.title, draft.startsAt, draft.customerID, draft.remindMinutes, draft.note, context.timestamp,
                                 id, context.actor.staffID])
            guard db.changesCount == 1 else { throw MutationError("日程 \(id) 不存在或不属于你 (no such item in your schedule)") }
        }
    }
}

/// `schedule.complete`: marks an item done, or open again.
public struct CompleteScheduleItem: Mutation {
    public let name = "schedule.complete"
    public let id: String
    public let done: Bool

    public init(id: String, done: Bool) {
        self.id = id
        self.done = done
    }

    public var payload: JSONValue { .object([("id", .string(id)), ("done", .bool(done))]) }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws { try self.init(id: payload.text("id"), done: payload.boolean("done")) }

    public func apply(_ db: Database, context: MutationContext) throws {
        try db.execute(sql: "UPDATE work_schedule SET done_at = ?, updated_at = ? WHERE id = ? AND staff_id = ?",
                       arguments: [done ? context.timestamp : nil, context.timestamp, id, context.actor.staffID])
        guard db.changesCount == 1 else { throw MutationError("日程 \(id) 不存在或不属于你 (no such item in your schedule)") }
    }
}

/// `home.layout`: the workbench panels a user wants on their home page, in order.
public struct SaveHomeLayout: Mutation {
    public let name = "home.layout"
    public let panels: [String]

    public init(panels: [String]) { self.panels = panels }

    public var payload: JSONValue { .object([("panels", .array(panels.map(JSONValue.string)))]) }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws { try self.init(panels: payload.strings("panels")) }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard !panels.isEmpty else { throw MutationError("首页至少保留一个面板 (keep at least one panel)") }
        try db.execute(sql: """
            INSERT INTO work_home_layout(staff_id, panels, updated_at) VALUES (?, ?, ?)
            ON CONFLICT(staff_id) DO UPDATE SET panels = excluded.panels, updated_at = excluded.updated_at
            """, arguments: [context.actor.staffID, panels.joined(separator: ","), context.timestamp])
    }
}
