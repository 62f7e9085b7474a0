import CRMCore
import GRDB

/// One manager of a customer and their share.
public struct ManagerShareDraft: Sendable, Equatable {
    public let staffID: String
    /// MAIN (主办) or ASSIST (协办).
    public let role: String
    public let shareBP: Int64

    public init(staffID: String, role: String, shareBP: Int64) {
        self.staffID = staffID
        self.role = role
        self.shareBP = shareBP
    }

    /// `STAFF:ROLE:SHARE_BP`, the stored form.
    var text: String { "\(staffID):\(role):\(shareBP)" }

    static func parse(_ text: String) -> [ManagerShareDraft] {
        text.split(separator: ";").compactMap { part in
            let fields = part.split(separator: ":")
            guard fields.count == 3, let share = Int64(fields[2]) else { return nil }
            return ManagerShareDraft(staffID: String(fields[0]), role: String(fields[1]), shareBP: share)
        }
    }
}

/// Writing a customer's manager set: the CRM's reassignments and the batch's replay of them share this.
public enum ManagerAssignment {
    /// Replaces the customer's managers, dated `batchDate`; with `history`, records the set in the assignment
    /// history a rollback restores from. Source line 0 marks rows made in the CRM.
    public static func write(_ db: Database, customerID: String, managers: [ManagerShareDraft], batchDate: String,
                             history: Bool) throws {
        try db.execute(sql: "DELETE FROM base_customer_manager WHERE customer_id = ?", arguments: [customerID])
        for manager in managers {
            let values: StatementArguments = [customerID, manager.staffID, manager.role, manager.shareBP, batchDate]
            try db.execute(sql: """
                INSERT INTO base_customer_manager(customer_id, staff_id, role, share_bp, batch_date, source_line) VALUES (?, ?, ?, ?, ?, 0)
                """, arguments: values)
            if history {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO base_customer_manager_history(customer_id, staff_id, role, share_bp, batch_date, source_line)
                    VALUES (?, ?, ?, ?, ?, 0)
                    """, arguments: values)
            }
        }
    }

    /// Applies the reassignments effective on `date`, in the order they were made; returns how many.
    @discardableResult
    public static func applyEffective(on date: BusinessDate, _ db: Database) throws -> Int {
        let rows = try Row.fetchAll(db, sql: """
            SELECT customer_id, managers FROM work_manager_assignment WHERE effective_date = ? ORDER BY assigned_at, id
            """, arguments: [date.description])
        for row in rows {
            try write(db, customerID: row[0], managers: ManagerShareDraft.parse(row[1]), batchDate: date.description, history: true)
        }
        return rows.count
    }

    /// Puts back the reassignments effective on or after `date` (without history: the days that reload them
    /// record it), so a rollback never loses one.
    public static func restorePending(from date: BusinessDate, _ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT customer_id, managers, effective_date FROM work_manager_assignment WHERE effective_date >= ?
            ORDER BY effective_date, assigned_at, id
            """, arguments: [date.description])
        for row in rows {
            try write(db, customerID: row[0], managers: ManagerShareDraft.parse(row[1]), batchDate: row[2], history: false)
        }
    }
}

/// `customer.assign` (营销关系分配): a branch head (for customers and managers of their branch) or head office
/// sets a customer's main and assisting managers. Shares must sum to 100% with exactly one main manager.
/// Scopes follow at once; the day's roll-ups follow from the next business date, which the change is dated.
public struct AssignManagers: Mutation {
    public let name = "customer.assign"
    public let id: String
    public let customerID: String
    public let managers: [ManagerShareDraft]

    public init(id: String, customerID: String, managers: [ManagerShareDraft]) {
        self.id = id
        self.customerID = customerID
        self.managers = managers
    }

    public var payload: JSONValue {
        .object([("id", .string(id)), ("customer_id", .string(customerID)), ("managers", .array(managers.map {
            .object([("staff_id", .string($0.staffID)), ("role", .string($0.role)), ("share_pct", .decimal($0.shareBP, decimals: 2))])
        }))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), customerID: payload.text("customer_id"), managers: payload.elements("managers") {
            try ManagerShareDraft(staffID: $0.text("staff_id"), role: $0.text("role"), shareBP: $0.scaled("share_pct", decimals: 2))
        })
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        let actor = context.actor
        guard actor.role == .branchHead || actor.role == .headOffice else {
            throw MutationError("只有分支行行长和总行可以分配营销关系 (only branch heads and head office assign managers)")
        }
        let scope = DataScope(profile: actor)
        try scope.requireVisible(customerID, db)
        try validate(db, scope: scope)
        guard let loaded = try LoadedDates.range(db)?.upperBound else { throw MutationError("还没有装载数据 (no business date is loaded)") }
        let effective = loaded.adding(days: 1)
        try db.execute(sql: """
            INSERT INTO work_manager_assignment(id, customer_id, managers, effective_date, assigned_by, assigned_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [id, customerID, managers.map(\.text).joined(separator: ";"), effective.description, actor.staffID,
                             context.timestamp])
        try ManagerAssignment.write(db, customerID: customerID, managers: managers, batchDate: effective.description, history: false)
    }

    private func validate(_ db: Database, scope: DataScope) throws {
        guard managers.filter({ $0.role == "MAIN" }).count == 1 else {
            throw MutationError("必须恰好有一位主办客户经理 (exactly one main manager)")
        }
        guard managers.allSatisfy({ $0.role == "MAIN" || $0.role == "ASSIST" }) else { throw MutationError("角色只能是主办或协办 (MAIN or ASSIST)") }
        guard managers.allSatisfy({ $0.shareBP > 0 }) else { throw MutationError("每位客户经理的份额须大于 0 (every share above 0)") }
        let total = managers.reduce(0) { $0 + $1.shareBP }
        guard total == 10_000 else {
            throw MutationError("份额合计 \(ScaledNumber.text(total, decimals: 2))%，应为 100% (shares sum to \(ScaledNumber.text(total, decimals: 2))%, not 100%)")
        }
        guard Set(managers.map(\.staffID)).count == managers.count else { throw MutationError("同一客户经理不能出现两次 (a manager is listed twice)") }
        for manager in managers {
            // A branch head assigns the managers of the branch; head office anyone.
            var withinBranch = ""
            var arguments: StatementArguments = [manager.staffID]
            if case .orgSubtree(let orgID) = scope.reach {
                withinBranch = "AND org_id IN (\(DataScope.subtreeSQL))"
                arguments += [orgID]
            }
            guard try Bool.fetchOne(db, sql: """
                SELECT 1 FROM base_staff WHERE staff_id = ? AND status = 'ACTIVE' AND position IN ('RM', 'TEAM_LEAD') \(withinBranch)
                """, arguments: arguments) == true else {
                throw MutationError("\(manager.staffID) 不是你辖内在职的客户经理 (\(manager.staffID) is not an active manager under you)")
            }
        }
    }
}
