import CRMCore
import Foundation
import GRDB

/// `tag.group.create`: a new group of tags (标签组). Head office and branch heads keep the bank's taxonomy.
public struct CreateTagGroup: Mutation {
    public let name = "tag.group.create"
    public let id: String
    public let groupName: String

    public init(id: String, groupName: String) {
        self.id = id
        self.groupName = groupName
    }

    public var payload: JSONValue { .object([("id", .string(id)), ("name", .string(groupName))]) }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), groupName: payload.text("name"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard context.actor.role.publishesAnnouncements else {
            throw MutationError("只有总行和分支行行长可以建立标签组 (only head office and branch heads create tag groups)")
        }
        let name = try TagName.checked(groupName)
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_tag_group WHERE name = ?", arguments: [name]) != true else {
            throw MutationError("标签组“\(name)”已存在 (the tag group \(name) exists)")
        }
        try db.execute(sql: "INSERT INTO work_tag_group(id, name, created_by, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [id, name, context.actor.staffID, context.timestamp])
    }
}

/// `tag.create`: a new tag in a group; any user may add one.
public struct CreateTag: Mutation {
    public let name = "tag.create"
    public let id: String
    public let groupID: String
    public let tagName: String

    public init(id: String, groupID: String, tagName: String) {
        self.id = id
        self.groupID = groupID
        self.tagName = tagName
    }

    public var payload: JSONValue { .object([("id", .string(id)), ("group_id", .string(groupID)), ("name", .string(tagName))]) }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), groupID: payload.text("group_id"), tagName: payload.text("name"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        let name = try TagName.checked(tagName)
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_tag_group WHERE id = ?", arguments: [groupID]) == true else {
            throw MutationError("没有这个标签组 (no tag group \(groupID))")
        }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_tag WHERE group_id = ? AND name = ?", arguments: [groupID, name]) != true
        else { throw MutationError("标签“\(name)”已存在 (the tag \(name) exists in this group)") }
        try db.execute(sql: "INSERT INTO work_tag(id, group_id, name, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, groupID, name, context.actor.staffID, context.timestamp])
    }
}

/// `tag.add` and `tag.remove`: puts a tag on customers or takes it off, one customer or a whole selection.
/// Every customer must be in the actor's scope; otherwise nothing changes.
public struct TagCustomers: Mutation {
    public enum Change: String, Sendable {
        case add = "tag.add"
        case remove = "tag.remove"
    }

    public let change: Change
    public let tagID: String
    public let customerIDs: [String]

    public init(_ change: Change, tagID: String, customerIDs: [String]) {
        self.change = change
        self.tagID = tagID
        self.customerIDs = customerIDs
    }

    public var name: String { change.rawValue }
    public var payload: JSONValue { .object([("tag_id", .string(tagID)), ("customer_ids", .array(customerIDs.map(JSONValue.string)))]) }

    /// Rebuilds the `change` (the name says which) from its ``payload``, as the outbox and sync carry it.
    public init(_ change: Change, payload: JSONValue) throws {
        try self.init(change, tagID: payload.text("tag_id"), customerIDs: payload.strings("customer_ids"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard !customerIDs.isEmpty else { throw MutationError("没有选中客户 (no customer selected)") }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_tag WHERE id = ?", arguments: [tagID]) == true else {
            throw MutationError("没有这个标签 (no tag \(tagID))")
        }
        let scope = DataScope(profile: context.actor)
        for customerID in customerIDs {
            try scope.requireVisible(customerID, db)
            switch change {
            case .add:
                try db.execute(sql: """
                    INSERT OR IGNORE INTO work_customer_tag(tag_id, customer_id, tagged_by, tagged_at) VALUES (?, ?, ?, ?)
                    """, arguments: [tagID, customerID, context.actor.staffID, context.timestamp])
            case .remove:
                try db.execute(sql: "DELETE FROM work_customer_tag WHERE tag_id = ? AND customer_id = ?", arguments: [tagID, customerID])
            }
        }
    }
}

/// `customer.strategic`: head office marks a customer strategic (战略), or takes the mark away. The tier follows
/// from the next business date's batch.
public struct MarkStrategic: Mutation {
    public let name = "customer.strategic"
    public let customerID: String
    public let strategic: Bool

    public init(customerID: String, strategic: Bool) {
        self.customerID = customerID
        self.strategic = strategic
    }

    public var payload: JSONValue { .object([("customer_id", .string(customerID)), ("strategic", .bool(strategic))]) }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(customerID: payload.text("customer_id"), strategic: payload.boolean("strategic"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard context.actor.role == .headOffice else {
            throw MutationError("只有总行可以认定战略客户 (only head office marks strategic customers)")
        }
        try LoadedDates.requireCustomer(db, customerID)
        if strategic {
            try db.execute(sql: "INSERT OR IGNORE INTO work_strategic_customer(customer_id, marked_by, marked_on) VALUES (?, ?, ?)",
                           arguments: [customerID, context.actor.staffID, String(context.timestamp.prefix(10))])
        } else {
            try db.execute(sql: "DELETE FROM work_strategic_customer WHERE customer_id = ?", arguments: [customerID])
        }
    }
}

/// The rules for a tag or tag group name.
enum TagName {
    static func checked(_ name: String) throws -> String {
        try TextRules.requirePlain(name, field: "名称")
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw MutationError("名称不能为空 (the name is empty)") }
        guard trimmed.count <= 20 else { throw MutationError("名称最多 20 个字 (at most 20 characters)") }
        return trimmed
    }
}
