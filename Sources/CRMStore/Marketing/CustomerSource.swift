import GRDB

/// A set of customers a task can be given: a rule tag, a user-made tag, or one of the user's customer groups,
/// each resolved within the user's scope.
public struct CustomerSource: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case rule(RuleTag)
        case tag(id: String)
        case group(id: String)
    }

    public let kind: Kind
    public let chineseLabel: String
    public let englishLabel: String

    /// The sources a member of staff can pick from: the rule tags, then their groups, then the tags.
    public static func available(_ db: Database, viewer: StaffProfile) throws -> [CustomerSource] {
        let scope = DataScope(profile: viewer)
        let rules = RuleTag.allCases.map {
            CustomerSource(kind: .rule($0), chineseLabel: "规则标签：" + $0.chineseName, englishLabel: "Rule tag: " + $0.rawValue)
        }
        let groups = try CustomerSetQuery.sets(db, scope: scope, owner: viewer.staffID).filter { $0.kind == .group }.map {
            CustomerSource(kind: .group(id: $0.id), chineseLabel: "客户群：" + $0.name, englishLabel: "Group: " + $0.name)
        }
        let tags = try TagQuery.groups(db, scope: scope).flatMap { group in
            group.tags.map {
                CustomerSource(kind: .tag(id: $0.id), chineseLabel: "标签：\(group.name)/\($0.name)", englishLabel: "Tag: \(group.name)/\($0.name)")
            }
        }
        return rules + groups + tags
    }

    /// The customer ids of the source within the scope, in id order.
    public func customers(_ db: Database, scope: DataScope) throws -> [String] {
        switch kind {
        case .rule(let rule):
            return try TagQuery.customers(db, rule: rule, scope: scope, limit: 100_000).map(\.id).sorted()
        case .tag(let id):
            return try TagQuery.customers(db, tagID: id, scope: scope).map(\.id).sorted()
        case .group(let id):
            let condition = scope.customerCondition("customer_id")
            return try String.fetchAll(db, sql: """
                SELECT customer_id FROM work_customer_group_member WHERE group_id = ? AND \(condition.sql) ORDER BY customer_id
                """, arguments: [id] + condition.arguments)
        }
    }
}
