import CRMCore
import GRDB

/// `org.create`, `org.rename`, `org.move`, `org.close` and `staff.move` (机构团队管理): an administrator changes
/// the org tree or moves a member of staff to another node. The change shows at once; scopes follow it (a
/// manager's customers go where the manager goes), and the day's roll-ups from the next business date, which
/// the change is dated.
public struct OrgTreeMutation: Mutation {
    public let id: String
    public let change: OrgChange

    public init(id: String, change: OrgChange) {
        self.id = id
        self.change = change
    }

    public var name: String {
        switch change.kind {
        case .create: return "org.create"
        case .rename: return "org.rename"
        case .move: return "org.move"
        case .close: return "org.close"
        case .staffMove: return "staff.move"
        }
    }

    public var payload: JSONValue {
        var fields: [(String, JSONValue)] = [("id", .string(id)), ("target_id", .string(change.targetID))]
        if let name = change.name { fields.append(("name", .string(name))) }
        if let parent = change.parentID { fields.append(("parent_id", .string(parent))) }
        if let level = change.level { fields.append(("level", .string(level.rawValue))) }
        if let successor = change.successorID { fields.append(("successor_id", .string(successor))) }
        return .object(fields)
    }

    /// Rebuilds a change of `kind` (the name says which) from its ``payload``, as the outbox and sync carry it.
    public init(_ kind: OrgChange.Kind, payload: JSONValue) throws {
        try self.init(id: payload.text("id"), change: OrgChange(
            kind: kind, targetID: payload.text("target_id"), name: payload.optionalText("name"),
            parentID: payload.optionalText("parent_id"), level: payload.optionalOneOf("level", OrgLevel.self),
            successorID: payload.optionalText("successor_id")))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard try AccessControl.roles(db, of: context.actor).contains(.administrator) else {
            throw MutationError("只有系统管理员可以调整机构与团队 (only administrators change the org tree)")
        }
        let checked = try OrgChangeRules(db).check(change)
        guard let loaded = try LoadedDates.range(db)?.upperBound else { throw MutationError("还没有装载数据 (no business date is loaded)") }
        try checked.record(db, id: id, effectiveDate: loaded.adding(days: 1), context: context)
    }
}
