import CRMCore
import GRDB

/// `group.create`: a new customer group (客户群) of the actor's, with its first members.
public struct CreateCustomerGroup: Mutation {
    public let name = "group.create"
    public let id: String
    public let groupName: String
    public let customerIDs: [String]

    public init(id: String, groupName: String, customerIDs: [String]) {
        self.id = id
        self.groupName = groupName
        self.customerIDs = customerIDs
    }

    public var payload: JSONValue {
        .object([("id", .string(id)), ("name", .string(groupName)), ("customer_ids", .array(customerIDs.map(JSONValue.string)))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), groupName: payload.text("name"), customerIDs: payload.strings("customer_ids"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        let name = try TagName.checked(groupName)
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_customer_group WHERE owner = ? AND name = ?",
                                arguments: [context.actor.staffID, name]) != true else {
            throw MutationError("你已有名为“\(name)”的客户群 (you have a group named \(name))")
        }
        try db.execute(sql: "INSERT INTO work_customer_group(id, name, owner, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [id, name, context.actor.staffID, context.timestamp])
        try GroupMembers.add(customerIDs, to: id, db, context: context)
    }
}

/// `group.add` and `group.remove`: customers join or leave one of the actor's groups.
public struct ChangeGroupMembers: Mutation {
    public enum Change: String, Sendable {
        case add = "group.add"
        case remove = "group.remove"
    }

    public let change: Change
    public let groupID: String
    public let customerIDs: [String]

    public init(_ change: Change, groupID: String, customerIDs: [String]) {
        self.change = change
        self.groupID = groupID
        self.customerIDs = customerIDs
    }

    public var name: String { change.rawValue }
    public var payload: JSONValue {
        .object([("group_id", .string(groupID)), ("customer_ids", .array(customerIDs.map(JSONValue.string)))])
    }

    /// Rebuilds the `change` (the name says which) from its ``payload``, as the outbox and sync carry it.
    public init(_ change: Change, payload: JSONValue) throws {
        try self.init(change, groupID: payload.text("group_id"), customerIDs: payload.strings("customer_ids"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_customer_group WHERE id = ? AND owner = ?",
                                arguments: [groupID, context.actor.staffID]) == true else {
            throw MutationError("没有这个客户群，或它不是你的 (no such group of yours)")
        }
        switch change {
        case .add:
            try GroupMembers.add(customerIDs, to: groupID, db, context: context)
        case .remove:
            for customerID in customerIDs {
                try db.execute(sql: "DELETE FROM work_customer_group_member WHERE group_id = ? AND customer_id = ?",
                               arguments: [groupID, customerID])
            }
        }
    }
}

/// Adding members: each must be a customer in the actor's scope.
enum GroupMembers {
    static func add(_ customerIDs: [String], to groupID: String, _ db: Database, context: MutationContext) throws {
        let scope = DataScope(profile: context.actor)
        for customerID in customerIDs {
            try scope.requireVisible(customerID, db)
            try db.execute(sql: "INSERT OR IGNORE INTO work_customer_group_member(group_id, customer_id, added_at) VALUES (?, ?, ?)",
                           arguments: [groupID, customerID, context.timestamp])
        }
    }
}
