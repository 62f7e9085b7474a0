import CRMCore
import Foundation
import GRDB

/// `list.create`: head office or a branch head makes a named list (名单), with an optional membership rule.
public struct CreateNamedList: Mutation {
    public let name = "list.create"
    public let id: String
    public let listName: String
    public let rule: String

    public init(id: String, listName: String, rule: String = "") {
        self.id = id
        self.listName = listName
        self.rule = rule
    }

    public var payload: JSONValue { .object([("id", .string(id)), ("name", .string(listName)), ("rule", .string(rule))]) }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), listName: payload.text("name"), rule: payload.text("rule"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard context.actor.role.publishesAnnouncements else {
            throw MutationError("只有总行和分支行行长可以建立名单 (only head office and branch heads make named lists)")
        }
        let name = listName.trimmingCharacters(in: .whitespaces)
        guard (1...20).contains(name.count) else { throw MutationError("名单名称应为 1 到 20 个字 (a name of 1 to 20 characters)") }
        try TextRules.requirePlain(name, field: "名单名称")
        let rule = try NamedListRule(rule)
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_named_list WHERE name = ?", arguments: [name]) != true else {
            throw MutationError("已有名单“\(name)” (a list of that name exists)")
        }
        try db.execute(sql: "INSERT INTO work_named_list(id, name, rule, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, name, rule.text, context.actor.staffID, context.timestamp])
    }
}

/// `list.add` and `list.remove`: customers in the actor's scope put on a named list or taken off it, all or
/// none. Adding a customer already on the list, or removing one not on it, changes nothing.
public struct ChangeNamedListMembers: Mutation {
    public let listID: String
    public let customerIDs: [String]
    public let adding: Bool

    public init(listID: String, customerIDs: [String], adding: Bool) {
        self.listID = listID
        self.customerIDs = customerIDs
        self.adding = adding
    }

    public var name: String { adding ? "list.add" : "list.remove" }

    public var payload: JSONValue {
        .object([("list_id", .string(listID)), ("customers", .array(customerIDs.map(JSONValue.string)))])
    }

    /// Rebuilds the change (`adding`: `list.add`, else `list.remove`) from its ``payload``, as the outbox and sync carry it.
    public init(adding: Bool, payload: JSONValue) throws {
        try self.init(listID: payload.text("list_id"), customerIDs: payload.strings("customers"), adding: adding)
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_named_list WHERE id = ?", arguments: [listID]) == true else {
            throw MutationError("没有名单 \(listID) (no such list)")
        }
        let scope = DataScope(profile: context.actor)
        for customer in customerIDs {
            try scope.requireVisible(customer, db)
            if adding {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO work_named_list_member(list_id, customer_id, added_by, added_at) VALUES (?, ?, ?, ?)
                    """, arguments: [listID, customer, context.actor.staffID, context.timestamp])
            } else {
                try db.execute(sql: "DELETE FROM work_named_list_member WHERE list_id = ? AND customer_id = ?", arguments: [listID, customer])
            }
        }
    }
}
