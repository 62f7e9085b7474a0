import GRDB

/// Which customers a query is about, before the scope narrows them: one customer, a conglomerate's members, a
/// user's customer group, any list of ids, or everyone.
public enum CustomerSelection: Sendable, Equatable {
    case customer(String)
    case conglomerate(String)
    /// A customer group (客户群) by id; its owner is checked by the caller.
    case group(String)
    case customers([String])
    case everyone

    /// An SQL condition true for the rows whose `column` (a customer id) is in this set and in `scope`,
    /// with its arguments. Every query that takes a customer set filters through here.
    public func condition(_ column: String, within scope: DataScope) -> (sql: String, arguments: StatementArguments) {
        let inScope = scope.customerCondition(column)
        let inSet: (sql: String, arguments: StatementArguments)
        switch self {
        case .customer(let id): inSet = ("\(column) = ?", [id])
        case .conglomerate(let id):
            inSet = ("\(column) IN (SELECT customer_id FROM base_conglomerate_member WHERE group_id = ?)", [id])
        case .group(let id):
            inSet = ("\(column) IN (SELECT customer_id FROM work_customer_group_member WHERE group_id = ?)", [id])
        case .customers(let ids):
            inSet = ("\(column) IN (\(ids.isEmpty ? "NULL" : ids.map { _ in "?" }.joined(separator: ", ")))",
                     StatementArguments(ids))
        case .everyone: return inScope
        }
        return ("(\(inSet.sql)) AND (\(inScope.sql))", inSet.arguments + inScope.arguments)
    }
}
