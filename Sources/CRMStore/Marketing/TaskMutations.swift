import CRMCore
import Foundation
import GRDB

/// `task.create`: head office, a branch head or a team lead sets a task for customers in their scope. The task
/// is assigned to their own org, from where `task.assign` hands it down.
public struct CreateTask: Mutation {
    public let name = "task.create"
    public let id: String
    public let kind: TaskKind
    public let title: String
    public let note: String
    public let dueDate: BusinessDate
    /// Customers to complete; nil means every customer given.
    public let target: Int?
    public let customerIDs: [String]

    public init(id: String, kind: TaskKind, title: String, note: String = "", dueDate: BusinessDate, target: Int? = nil,
                customerIDs: [String]) {
        self.id = id
        self.kind = kind
        self.title = title
        self.note = note
        self.dueDate = dueDate
        self.target = target
        self.customerIDs = customerIDs
    }

    public var payload: JSONValue {
        .object([("id", .string(id)), ("kind", .string(kind.rawValue)), ("title", .string(title)), ("note", .string(note)),
                 ("due_date", .string(dueDate.description)), ("target", target.map { .int(Int64($0)) } ?? .null),
                 ("customers", .array(customerIDs.map(JSONValue.string)))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), kind: payload.oneOf("kind", TaskKind.self), title: payload.text("title"),
                      note: payload.text("note"), dueDate: payload.date("due_date"), target: payload.optionalInteger("target"),
                      customerIDs: payload.strings("customers"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        let actor = context.actor
        guard [.headOffice, .branchHead, .teamLead].contains(actor.role) else {
            throw MutationError("只有总行、分支行行长和团队长可以下达营销任务 (only head office, branch heads and team leads set tasks)")
        }
        let title = try TaskText.title(self.title)
        try TextRules.requirePlain(note, field: "说明", multiline: true)
        let customers = Array(Set(customerIDs)).sorted()
        guard !customers.isEmpty else { throw MutationError("请选择任务的客户 (choose the customers)") }
        let scope = DataScope(profile: actor)
        for customer in customers { try scope.requireVisible(customer, db) }
        let target = self.target ?? customers.count
        guard (0...customers.count).contains(target) else {
            throw MutationError("目标户数应在 0 到 \(customers.count) 之间 (the target is between 0 and \(customers.count))")
        }
        try db.execute(sql: """
            INSERT INTO work_task(id, root_id, parent_id, kind, title, note, assignee_kind, assignee_id, due_date, target, created_by, created_at)
            VALUES (?, ?, NULL, ?, ?, ?, 'ORG', ?, ?, ?, ?, ?)
            """, arguments: [id, id, kind.rawValue, title, note, actor.orgID, dueDate.description, target, actor.staffID, context.timestamp])
        for customer in customers {
            try db.execute(sql: "INSERT INTO work_task_customer(task_id, customer_id) VALUES (?, ?)", arguments: [id, customer])
        }
    }
}

/// `task.assign`: hands a task down one level of the org tree. Each child org (or, for a team, each of its
/// managers) that looks after some of the task's customers gets a subtask with those customers, by their main
/// manager; the target is shared out in proportion, whole customers summing exactly. Customers with no main
/// manager below stay where they were.
public struct AssignTask: Mutation {
    public let name = "task.assign"
    public let taskID: String
    /// Ids for the subtasks, one per child in order of the child's id (made by the caller so a replay makes the same).
    public let childIDs: [String]

    public init(taskID: String, childIDs: [String]) {
        self.taskID = taskID
        self.childIDs = childIDs
    }

    public var payload: JSONValue {
        .object([("task_id", .string(taskID)), ("child_ids", .array(childIDs.map(JSONValue.string)))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(taskID: payload.text("task_id"), childIDs: payload.strings("child_ids"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard let task = try Row.fetchOne(db, sql: """
            SELECT root_id, kind, title, note, assignee_kind, assignee_id, due_date, target FROM work_task WHERE id = ?
            """, arguments: [taskID]) else { throw MutationError("没有任务 \(taskID) (no task \(taskID))") }
        guard task[4] == "ORG" else { throw MutationError("任务已分派到人，不能再分 (the task is already with one person)") }
        let orgID: String = task[5]
        let scope = DataScope(profile: context.actor)
        guard try scope.canSee(orgID: orgID, db) else {
            throw MutationError("只能分派本机构及下级机构的任务 (you hand down tasks of your own org and below only)")
        }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_task WHERE parent_id = ?", arguments: [taskID]) != true else {
            throw MutationError("任务已经分派过 (the task was handed down already)")
        }
        let split = try TaskSplit.plan(db, taskID: taskID, orgID: orgID)
        guard !split.isEmpty else { throw MutationError("下级没有负责这些客户的机构或客户经理 (no one below looks after these customers)") }
        guard childIDs.count >= split.count else { throw MutationError("子任务编号不足 (too few subtask ids)") }
        let target: Int = task[7]
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM work_task_customer WHERE task_id = ?", arguments: [taskID]) ?? 0
        let targets = Apportion.largestRemainder(total: Int64(target), weights: split.map { Int64($0.customers.count) })
        for (index, child) in split.enumerated() {
            let childTarget = total == 0 ? 0 : Int(targets[index])
            try db.execute(sql: """
                INSERT INTO work_task(id, root_id, parent_id, kind, title, note, assignee_kind, assignee_id, due_date, target, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [childIDs[index], task[0], taskID, task[1], task[2], task[3], child.assigneeKind, child.assigneeID, task[6],
                                 childTarget, context.actor.staffID, context.timestamp])
            for customer in child.customers {
                try db.execute(sql: "UPDATE work_task_customer SET task_id = ? WHERE task_id = ? AND customer_id = ?",
                               arguments: [childIDs[index], taskID, customer])
            }
        }
    }
}

/// `task.record`: the customer's part of a task is done (with what came of it), or open again.
public struct RecordTaskProgress: Mutation {
    public let name = "task.record"
    public let taskID: String
    public let customerID: String
    public let done: Bool
    public let result: String
    public let visitID: String?

    public init(taskID: String, customerID: String, done: Bool, result: String = "", visitID: String? = nil) {
        self.taskID = taskID
        self.customerID = customerID
        self.done = done
        self.result = result
        self.visitID = visitID
    }

    public var payload: JSONValue {
        .object([("task_id", .string(taskID)), ("customer_id", .string(customerID)), ("done", .bool(done)),
                 ("result", .string(result)), ("visit_id", visitID.map(JSONValue.string) ?? .null)])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(taskID: payload.text("task_id"), customerID: payload.text("customer_id"), done: payload.boolean("done"),
                      result: payload.text("result"), visitID: payload.optionalText("visit_id"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        try DataScope(profile: context.actor).requireVisible(customerID, db)
        try TextRules.requirePlain(result, field: "结果", multiline: true)
        guard result.count <= 500 else { throw MutationError("结果最多 500 个字 (the result is at most 500 characters)") }
        try db.execute(sql: """
            UPDATE work_task_customer SET done_at = ?, done_by = ?, result = ?, visit_id = ? WHERE task_id = ? AND customer_id = ?
            """, arguments: [done ? context.timestamp : nil, done ? context.actor.staffID : nil, result, visitID, taskID, customerID])
        guard db.changesCount == 1 else {
            throw MutationError("任务 \(taskID) 没有客户 \(customerID) (the task does not hold this customer)")
        }
    }
}

/// The checks on a task's text.
enum TaskText {
    static func title(_ text: String) throws -> String {
        let title = text.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { throw MutationError("任务名称不能为空 (the title is empty)") }
        guard title.count <= 60 else { throw MutationError("任务名称最多 60 个字 (the title is at most 60 characters)") }
        try TextRules.requirePlain(title, field: "任务名称")
        return title
    }
}

/// Who a task's customers go to one level down.
enum TaskSplit {
    struct Child {
        let assigneeKind: String
        let assigneeID: String
        var customers: [String]
    }

    /// The children of `orgID` that look after some of the task's customers (by main manager), by id: child
    /// orgs where there are any, else the org's own managers.
    static func plan(_ db: Database, taskID: String, orgID: String) throws -> [Child] {
        let childOrgs = try String.fetchAll(db, sql: "SELECT org_id FROM base_org WHERE parent_id = ? AND status = 'ACTIVE' ORDER BY org_id",
                                            arguments: [orgID])
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.customer_id, s.staff_id, s.org_id FROM work_task_customer c
            JOIN base_customer_manager m ON m.customer_id = c.customer_id AND m.role = 'MAIN'
            JOIN base_staff s ON s.staff_id = m.staff_id AND s.status = 'ACTIVE'
            WHERE c.task_id = ? ORDER BY c.customer_id
            """, arguments: [taskID])
        var children: [String: Child] = [:]
        if childOrgs.isEmpty {
            for row in rows where row[2] == orgID {
                children[row[1], default: Child(assigneeKind: "STAFF", assigneeID: row[1], customers: [])].customers.append(row[0])
            }
        } else {
            var owner: [String: String] = [:]
            for child in childOrgs {
                for org in try String.fetchAll(db, sql: DataScope.subtreeSQL, arguments: [child]) { owner[org] = child }
            }
            for row in rows {
                guard let child = owner[row[2] as String] else { continue }
                children[child, default: Child(assigneeKind: "ORG", assigneeID: child, customers: [])].customers.append(row[0])
            }
        }
        return children.values.sorted { $0.assigneeID < $1.assigneeID }
    }
}
