import GRDB

/// A rule tag, read from the batch's customer status (domain.md): 战略 strategic, 有效 effective, 低效 low
/// efficiency, 睡眠 dormant, 潜在 potential.
public enum RuleTag: String, CaseIterable, Sendable {
    case strategic, effective, lowEfficiency, dormant, potential

    public var chineseName: String {
        switch self {
        case .strategic: return "战略"
        case .effective: return "有效"
        case .lowEfficiency: return "低效"
        case .dormant: return "睡眠"
        case .potential: return "潜在"
        }
    }

    /// The condition on `app_customer_status` (alias `s`) that gives the tag.
    var condition: String {
        switch self {
        case .strategic: return "s.tier = 'STRATEGIC'"
        case .effective: return "s.effective = 1"
        case .lowEfficiency: return "s.low_efficiency = 1"
        case .dormant: return "s.dormant = 1"
        case .potential: return "s.tier = 'POTENTIAL'"
        }
    }
}

/// A user-made tag with the number of customers in the reader's scope that carry it.
public struct Tag: Sendable, Equatable {
    public let id: String
    public let groupID: String
    public let groupName: String
    public let name: String
    public let customers: Int
}

/// A group of user-made tags.
public struct TagGroup: Sendable, Equatable {
    public let id: String
    public let name: String
    public let tags: [Tag]
}

/// A customer's tags: the rule tags and the user-made ones.
public struct CustomerTags: Sendable, Equatable {
    public let rule: [RuleTag]
    public let manual: [Tag]
}

public enum TagQuery {
    /// Every tag group with its tags, counting the customers of `scope` on each.
    public static func groups(_ db: Database, scope: DataScope) throws -> [TagGroup] {
        let condition = scope.customerCondition("ct.customer_id")
        let tags = try Row.fetchAll(db, sql: """
            SELECT t.id, g.id, g.name, t.name,
                   (SELECT COUNT(*) FROM work_customer_tag ct WHERE ct.tag_id = t.id AND \(condition.sql))
            FROM work_tag t JOIN work_tag_group g ON g.id = t.group_id
            ORDER BY t.name
            """, arguments: condition.arguments).map {
            Tag(id: $0[0], groupID: $0[1], groupName: $0[2], name: $0[3], customers: $0[4])
        }
        return try Row.fetchAll(db, sql: "SELECT id, name FROM work_tag_group ORDER BY name").map { row in
            let id: String = row[0]
            return TagGroup(id: id, name: row[1], tags: tags.filter { $0.groupID == id })
        }
    }

    /// The tags of one customer.
    public static func of(_ db: Database, customerID: String) throws -> CustomerTags {
        var rule: [RuleTag] = []
        for tag in RuleTag.allCases {
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM app_customer_status s WHERE s.customer_id = ? AND \(tag.condition)",
                                 arguments: [customerID]) == true {
                rule.append(tag)
            }
        }
        let manual = try Row.fetchAll(db, sql: """
            SELECT t.id, g.id, g.name, t.name FROM work_customer_tag ct
            JOIN work_tag t ON t.id = ct.tag_id JOIN work_tag_group g ON g.id = t.group_id
            WHERE ct.customer_id = ? ORDER BY g.name, t.name
            """, arguments: [customerID]).map { Tag(id: $0[0], groupID: $0[1], groupName: $0[2], name: $0[3], customers: 1) }
        return CustomerTags(rule: rule, manual: manual)
    }

    /// For each user-made tag, how many of `customerIDs` carry it (tags none of them carry are left out).
    public static func carriers(_ db: Database, among customerIDs: [String]) throws -> [String: Int] {
        guard !customerIDs.isEmpty else { return [:] }
        let placeholders = customerIDs.map { _ in "?" }.joined(separator: ", ")
        var result: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT tag_id, COUNT(*) FROM work_customer_tag WHERE customer_id IN (\(placeholders)) GROUP BY tag_id
            """, arguments: StatementArguments(customerIDs)) {
            result[row[0]] = row[1]
        }
        return result
    }

    /// The customers in scope with a tag, by name.
    public static func customers(_ db: Database, tagID: String, scope: DataScope) throws -> [(id: String, name: String)] {
        let condition = scope.customerCondition("c.customer_id")
        return try Row.fetchAll(db, sql: """
            SELECT c.customer_id, c.name FROM work_customer_tag ct JOIN base_customer c ON c.customer_id = ct.customer_id
            WHERE ct.tag_id = ? AND \(condition.sql) ORDER BY c.name
            """, arguments: [tagID] + condition.arguments).map { ($0[0], $0[1]) }
    }

    /// The customers in scope with a rule tag, by name (at most `limit`).
    public static func customers(_ db: Database, rule: RuleTag, scope: DataScope, limit: Int = 1_000) throws
        -> [(id: String, name: String)] {
        let condition = scope.customerCondition("c.customer_id")
        return try Row.fetchAll(db, sql: """
            SELECT c.customer_id, c.name FROM app_customer_status s JOIN base_customer c ON c.customer_id = s.customer_id
            WHERE \(rule.condition) AND \(condition.sql) ORDER BY c.name LIMIT ?
            """, arguments: condition.arguments + [limit]).map { ($0[0], $0[1]) }
    }

    /// How many customers in scope carry each rule tag.
    public static func ruleCounts(_ db: Database, scope: DataScope) throws -> [RuleTag: Int] {
        let condition = scope.customerCondition("s.customer_id")
        var counts: [RuleTag: Int] = [:]
        for tag in RuleTag.allCases {
            counts[tag] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM app_customer_status s WHERE \(tag.condition) AND \(condition.sql)",
                                           arguments: condition.arguments) ?? 0
        }
        return counts
    }
}
