import CRMCore
import GRDB

/// A customer's part in a task, for its 360 view.
public struct CustomerTaskItem: Sendable, Equatable {
    public let taskID: String
    public let title: String
    public let kind: TaskKind
    public let dueDate: String
    public let assigneeName: String
    public let doneAt: String?
    public let result: String
}

/// Everything the marketing process holds on one customer (营销活动): its tasks, visits and opportunities.
public struct CustomerActivity: Sendable, Equatable {
    public let tasks: [CustomerTaskItem]
    public let visits: [Visit]
    public let opportunities: [Opportunity]

    /// The customer's activity, or `QueryError.unknownCustomer` when it is outside the scope.
    public static func load(_ db: Database, customerID: String, scope: DataScope) throws -> CustomerActivity {
        guard try scope.contains(customerID: customerID, db) else { throw QueryError.unknownCustomer(customerID) }
        let tasks = try Row.fetchAll(db, sql: """
            SELECT t.id, t.title, t.kind, t.due_date, COALESCE(s.name, o.name, t.assignee_id), c.done_at, c.result
            FROM work_task_customer c JOIN work_task t ON t.id = c.task_id
            LEFT JOIN base_staff s ON t.assignee_kind = 'STAFF' AND s.staff_id = t.assignee_id
            LEFT JOIN base_org o ON t.assignee_kind = 'ORG' AND o.org_id = t.assignee_id
            WHERE c.customer_id = ? ORDER BY t.due_date DESC, t.id
            """, arguments: [customerID]).compactMap { row -> CustomerTaskItem? in
            guard let kind = TaskKind(rawValue: row[2]) else { return nil }
            return CustomerTaskItem(taskID: row[0], title: row[1], kind: kind, dueDate: row[3], assigneeName: row[4], doneAt: row[5],
                                    result: row[6])
        }
        return CustomerActivity(tasks: tasks, visits: try VisitQuery.list(db, scope: scope, customerID: customerID, limit: 50),
                                opportunities: try OpportunityQuery.of(customerID: customerID, db))
    }
}
