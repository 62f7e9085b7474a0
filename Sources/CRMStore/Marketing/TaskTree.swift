import CRMCore
import GRDB

/// One node of a task tree with its progress rolled up from everything below it.
public struct TaskNode: Sendable, Equatable {
    public let id: String
    public let rootID: String
    public let parentID: String?
    public let kind: TaskKind
    public let title: String
    public let note: String
    /// `ORG` or `STAFF`, and the org or staff id the node is assigned to.
    public let assigneeKind: String
    public let assigneeID: String
    public let assigneeName: String
    public let dueDate: BusinessDate
    /// Customers to complete at this node and below.
    public let target: Int
    /// Customers held at this node and below, and how many of them are done.
    public var customers: Int
    public var done: Int
    public let createdBy: String

    /// Completion in basis points of the target (10,000 = 100%); a target of 0 counts as complete.
    public var completionBP: Int { target == 0 ? 10_000 : min(10_000, done * 10_000 / target) }

    /// Past its due date and short of its target.
    public func isOverdue(today: BusinessDate) -> Bool { dueDate < today && done < target }
}

/// A customer a task holds, with where it stands.
public struct TaskCustomer: Sendable, Equatable {
    public let taskID: String
    public let customerID: String
    public let customerName: String
    public let doneAt: String?
    public let result: String
}

/// The task trees a member of staff may see, read at once with their progress added up. A user sees the
/// nodes assigned to them, to staff or orgs within their org scope, and those they made, with everything
/// below; the top ones they see stand as roots.
public struct TaskTree: Sendable {
    public private(set) var nodes: [String: TaskNode] = [:]
    private var childIDs: [String: [String]] = [:]
    public private(set) var rootIDs: [String] = []

    public init() {}

    /// The trees `viewer` may see (every one for nil, as the batch operator sees).
    public static func load(_ db: Database, for viewer: StaffProfile?) throws -> TaskTree {
        try load(db, visibility: TaskVisibility(reach: viewer.map { try StaffReach(db, viewer: $0) } ?? .everyone, viewerID: viewer?.staffID))
    }

    /// The trees whose nodes are within a data scope's reach (for reports).
    public static func load(_ db: Database, scope: DataScope) throws -> TaskTree {
        try load(db, visibility: TaskVisibility(reach: try StaffReach(db, scope: scope), viewerID: nil))
    }

    private static func load(_ db: Database, visibility visible: TaskVisibility) throws -> TaskTree {
        var tree = TaskTree()
        var counts: [String: (Int, Int)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT task_id, COUNT(*), COUNT(done_at) FROM work_task_customer GROUP BY task_id
            """) {
            counts[row[0]] = (row[1], row[2])
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.id, t.root_id, t.parent_id, t.kind, t.title, t.note, t.assignee_kind, t.assignee_id,
                   COALESCE(o.name, s.name, t.assignee_id), t.due_date, t.target, t.created_by
            FROM work_task t
            LEFT JOIN base_org o ON t.assignee_kind = 'ORG' AND o.org_id = t.assignee_id
            LEFT JOIN base_staff s ON t.assignee_kind = 'STAFF' AND s.staff_id = t.assignee_id
            ORDER BY t.due_date, t.created_at, t.id
            """)
        var all: [String: TaskNode] = [:]
        var order: [String] = []
        for row in rows {
            guard let kind = TaskKind(rawValue: row[3]), let due = BusinessDate(row[9] as String) else { continue }
            let id: String = row[0]
            let own = counts[id] ?? (0, 0)
            all[id] = TaskNode(id: id, rootID: row[1], parentID: row[2], kind: kind, title: row[4], note: row[5], assigneeKind: row[6],
                               assigneeID: row[7], assigneeName: row[8], dueDate: due, target: row[10], customers: own.0, done: own.1,
                               createdBy: row[11])
            order.append(id)
        }
        var shown = Set<String>()
        for id in order { _ = isShown(id, in: all, visible: visible, shown: &shown) }
        for id in order where shown.contains(id) {
            tree.nodes[id] = all[id]
            if let parent = all[id]?.parentID, shown.contains(parent) {
                tree.childIDs[parent, default: []].append(id)
            } else {
                tree.rootIDs.append(id)
            }
        }
        for root in tree.rootIDs { tree.addUp(root) }
        return tree
    }

    /// The children of a node (the roots for nil), by due date.
    public func children(of id: String?) -> [TaskNode] {
        (id.map { childIDs[$0] ?? [] } ?? rootIDs).compactMap { nodes[$0] }
    }

    /// Whether a node is shown: visible itself, or below a shown node.
    private static func isShown(_ id: String, in all: [String: TaskNode], visible: TaskVisibility, shown: inout Set<String>) -> Bool {
        if shown.contains(id) { return true }
        guard let node = all[id] else { return false }
        if visible.sees(node) || node.parentID.map({ isShown($0, in: all, visible: visible, shown: &shown) }) == true {
            shown.insert(id)
            return true
        }
        return false
    }

    private mutating func addUp(_ id: String) {
        for child in childIDs[id] ?? [] {
            addUp(child)
            if let totals = nodes[child] {
                nodes[id]?.customers += totals.customers
                nodes[id]?.done += totals.done
            }
        }
    }

    /// The customers a node holds (not those handed further down), those outside the viewer's scope left out.
    public static func customers(of taskID: String, scope: DataScope, _ db: Database) throws -> [TaskCustomer] {
        let condition = scope.customerCondition("c.customer_id")
        return try Row.fetchAll(db, sql: """
            SELECT c.task_id, c.customer_id, COALESCE(b.name, c.customer_id), c.done_at, c.result
            FROM work_task_customer c LEFT JOIN base_customer b ON b.customer_id = c.customer_id
            WHERE c.task_id = ? AND \(condition.sql) ORDER BY c.done_at IS NOT NULL, c.customer_id
            """, arguments: [taskID] + condition.arguments).map {
            TaskCustomer(taskID: $0[0], customerID: $0[1], customerName: $0[2], doneAt: $0[3], result: $0[4])
        }
    }
}

/// Which task nodes are seen by themselves: those of staff and orgs within the reach, and those the viewer made.
struct TaskVisibility {
    let reach: StaffReach
    let viewerID: String?

    func sees(_ node: TaskNode) -> Bool {
        if let viewerID, node.createdBy == viewerID { return true }
        return node.assigneeKind == "ORG" ? reach.contains(orgID: node.assigneeID) : reach.contains(staffID: node.assigneeID)
    }
}
