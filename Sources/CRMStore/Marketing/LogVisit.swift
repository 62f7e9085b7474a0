import CRMCore
import Foundation
import GRDB

/// What a visit record (客户拜访) says.
public struct VisitDraft: Sendable, Equatable {
    public var customerID: String
    /// `YYYY-MM-DD HH:MM`.
    public var visitedAt: String
    public var contacts: String
    public var purpose: String
    public var notes: String
    public var nextStep: String
    /// Degrees × 1,000,000, both or neither.
    public var latitudeE6: Int64?
    public var longitudeE6: Int64?
    public var address: String
    public var attachments: [StoredAttachment]
    /// A task whose part for this customer the visit completes.
    public var taskID: String?

    public init(customerID: String, visitedAt: String, contacts: String = "", purpose: String, notes: String = "",
                nextStep: String = "", latitudeE6: Int64? = nil, longitudeE6: Int64? = nil, address: String = "",
                attachments: [StoredAttachment] = [], taskID: String? = nil) {
        self.customerID = customerID
        self.visitedAt = visitedAt
        self.contacts = contacts
        self.purpose = purpose
        self.notes = notes
        self.nextStep = nextStep
        self.latitudeE6 = latitudeE6
        self.longitudeE6 = longitudeE6
        self.address = address
        self.attachments = attachments
        self.taskID = taskID
    }
}

/// `visit.log`: a relationship manager records a visit to a customer in their scope, with the place and the
/// photos (already copied into the `AttachmentStore`); with a task, the customer's part of it is done.
public struct LogVisit: Mutation {
    public let name = "visit.log"
    public let id: String
    public let draft: VisitDraft

    public init(id: String, draft: VisitDraft) {
        self.id = id
        self.draft = draft
    }

    public var payload: JSONValue {
        .object([("id", .string(id)), ("customer_id", .string(draft.customerID)), ("visited_at", .string(draft.visitedAt)),
                 ("contacts", .string(draft.contacts)), ("purpose", .string(draft.purpose)), ("notes", .string(draft.notes)),
                 ("next_step", .string(draft.nextStep)),
                 ("latitude", draft.latitudeE6.map { .decimal($0, decimals: 6) } ?? .null),
                 ("longitude", draft.longitudeE6.map { .decimal($0, decimals: 6) } ?? .null),
                 ("address", .string(draft.address)), ("task_id", draft.taskID.map(JSONValue.string) ?? .null),
                 ("attachments", .array(draft.attachments.map {
                     .object([("file_name", .string($0.fileName)), ("size", .int($0.size)), ("sha256", .string($0.sha256))])
                 }))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), draft: VisitDraft(
            customerID: payload.text("customer_id"), visitedAt: payload.text("visited_at"), contacts: payload.text("contacts"),
            purpose: payload.text("purpose"), notes: payload.text("notes"), nextStep: payload.text("next_step"),
            latitudeE6: payload.optionalScaled("latitude", decimals: 6), longitudeE6: payload.optionalScaled("longitude", decimals: 6),
            address: payload.text("address"),
            attachments: payload.elements("attachments") {
                try StoredAttachment(fileName: $0.text("file_name"), size: $0.int64("size"), sha256: $0.text("sha256"))
            },
            taskID: payload.optionalText("task_id")))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        try DataScope(profile: context.actor).requireVisible(draft.customerID, db)
        try validate()
        try db.execute(sql: """
            INSERT INTO work_visit(id, staff_id, customer_id, visited_at, contacts, purpose, notes, next_step, latitude_e6, longitude_e6,
                                   address, task_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, context.actor.staffID, draft.customerID, draft.visitedAt, draft.contacts,
                             draft.purpose.trimmingCharacters(in: .whitespaces), draft.notes, draft.nextStep, draft.latitudeE6,
                             draft.longitudeE6, draft.address, draft.taskID, context.timestamp])
        for (seq, attachment) in draft.attachments.enumerated() {
            try db.execute(sql: "INSERT INTO work_visit_attachment(visit_id, seq, file_name, size, sha256) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, seq, attachment.fileName, attachment.size, attachment.sha256])
        }
        if let taskID = draft.taskID {
            try RecordTaskProgress(taskID: taskID, customerID: draft.customerID, done: true, result: draft.purpose, visitID: id)
                .apply(db, context: context)
        }
    }

    private func validate() throws {
        for (text, field, limit, multiline) in [(draft.contacts, "接触人", 200, false), (draft.purpose, "拜访目的", 200, false),
                                                (draft.notes, "纪要", 2_000, true), (draft.nextStep, "下一步", 500, true),
                                                (draft.address, "地址", 200, false)] {
            try TextRules.requirePlain(text, field: field, multiline: multiline)
            guard text.count <= limit else { throw MutationError("\(field)最多 \(limit) 个字 (\(field) is at most \(limit) characters)") }
        }
        guard !draft.purpose.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MutationError("拜访目的不能为空 (the purpose is empty)")
        }
        guard ScheduleDraft.isValidStart(draft.visitedAt) else {
            throw MutationError("拜访时间应为 YYYY-MM-DD HH:MM (the time \(draft.visitedAt) is not YYYY-MM-DD HH:MM)")
        }
        switch (draft.latitudeE6, draft.longitudeE6) {
        case (nil, nil): break
        case let (latitude?, longitude?):
            guard abs(latitude) <= 90_000_000, abs(longitude) <= 180_000_000 else {
                throw MutationError("坐标超出范围：纬度 ±90，经度 ±180 (latitude within ±90, longitude within ±180)")
            }
        default:
            throw MutationError("纬度和经度须同时填写 (give both latitude and longitude, or neither)")
        }
        guard draft.attachments.count <= 20 else { throw MutationError("每次拜访最多 20 个附件 (at most 20 attachments)") }
        for attachment in draft.attachments {
            try TextRules.requirePlain(attachment.fileName, field: "文件名")
            guard attachment.sha256.count == 64, attachment.sha256.allSatisfy(\.isHexDigit), attachment.size >= 0 else {
                throw MutationError("附件 \(attachment.fileName) 的校验值无效 (bad checksum)")
            }
        }
    }
}
