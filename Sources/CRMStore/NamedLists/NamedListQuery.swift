import GRDB

/// Named lists (名单) and their members.
public enum NamedListQuery {
    /// The lists by name, each with its rule.
    public static func lists(_ db: Database) throws -> [(id: String, name: String, rule: String)] {
        try Row.fetchAll(db, sql: "SELECT id, name, rule FROM work_named_list ORDER BY name").map { ($0[0], $0[1], $0[2]) }
    }

    /// The list with this id or name.
    public static func find(_ db: Database, _ idOrName: String) throws -> (id: String, name: String, rule: String)? {
        try Row.fetchOne(db, sql: "SELECT id, name, rule FROM work_named_list WHERE id = ? OR name = ?", arguments: [idOrName, idOrName])
            .map { ($0[0], $0[1], $0[2]) }
    }

    /// The list as a customer set (for its 360 view), with its member counts.
    public static func set(_ db: Database, _ idOrName: String, scope: DataScope) throws -> CustomerSet? {
        guard let list = try find(db, idOrName) else { return nil }
        // Both counts in one pass over the customers, as the conglomerates' are.
        let membership = try memberCondition(db, listID: list.id)
        let condition = scope.customerCondition("c.customer_id")
        let counts = try Row.fetchOne(db, sql: """
            SELECT COALESCE(SUM(CASE WHEN \(condition.sql) THEN 1 ELSE 0 END), 0), COUNT(*)
            FROM base_customer c LEFT JOIN app_customer_status s ON s.customer_id = c.customer_id WHERE \(membership.sql)
            """, arguments: condition.arguments + membership.arguments)
        return CustomerSet(kind: .namedList, id: list.id, name: list.name, members: counts?[0] ?? 0, allMembers: counts?[1] ?? 0)
    }

    /// An SQL condition true for the members of a list (those put on it and those its rule takes in) on a
    /// `base_customer c` left-joined with `app_customer_status s`, with its arguments.
    static func memberCondition(_ db: Database, listID: String) throws -> (sql: String, arguments: StatementArguments) {
        let rule = try NamedListRule(try String.fetchOne(db, sql: "SELECT rule FROM work_named_list WHERE id = ?", arguments: [listID]) ?? "")
        let byRule = rule.condition()
        return ("(c.customer_id IN (SELECT customer_id FROM work_named_list_member WHERE list_id = ?) OR \(byRule.sql))",
                [listID] + byRule.arguments)
    }

    /// The members of a list within a scope: id and name, by id.
    public static func members(_ db: Database, listID: String, scope: DataScope) throws -> [(id: String, name: String)] {
        let membership = try memberCondition(db, listID: listID)
        let condition = scope.customerCondition("c.customer_id")
        return try Row.fetchAll(db, sql: """
            SELECT c.customer_id, c.name FROM base_customer c LEFT JOIN app_customer_status s ON s.customer_id = c.customer_id
            WHERE \(membership.sql) AND \(condition.sql) ORDER BY c.customer_id
            """, arguments: membership.arguments + condition.arguments).map { ($0[0], $0[1]) }
    }
}
