import CRMCore
import GRDB

/// Smart reminders (智能日程提醒) for one member of staff: what comes up for the customers in their scope within
/// each kind's lead days from `today` (controllers' birthdays, founding anniversaries, time deposits and loans
/// maturing, credit limits expiring), their own visits and callbacks in the schedule, their overdue tasks, and
/// the current plans on which their own node (their org, or themselves as a manager) falls behind. Those they
/// marked done, or snoozed past today, are left out.
public enum ReminderQuery {
    public static func due(_ db: Database, viewer: StaffProfile, today: BusinessDate, lead: ReminderLeadDays,
                           limit: Int = 500) throws -> [Reminder] {
        let scope = DataScope(profile: viewer)
        var reminders: [Reminder] = []
        reminders += try yearly(db, .birthday, column: "controller_birthday", subject: "controller_name", scope: scope, today: today,
                                days: lead.birthday)
        reminders += try yearly(db, .anniversary, column: "founded_date", subject: "NULL", scope: scope, today: today, days: lead.anniversary)
        reminders += try dated(db, .depositMaturity, sql: """
            SELECT a.customer_id, c.name, a.account_no, a.maturity_date, s.balance
            FROM base_account a JOIN base_customer c ON c.customer_id = a.customer_id
            LEFT JOIN sum_account_balance s ON s.account_no = a.account_no
            WHERE a.kind = 'DEPOSIT' AND a.status = 'ACTIVE' AND a.maturity_date BETWEEN ? AND ? AND %SCOPE%
            """, column: "a.customer_id", scope: scope, today: today, days: lead.maturity)
        reminders += try dated(db, .loanMaturity, sql: """
            SELECT l.customer_id, c.name, l.contract_id, l.maturity_date, l.amount
            FROM base_loan l JOIN base_customer c ON c.customer_id = l.customer_id
            WHERE l.status = 'ACTIVE' AND l.maturity_date BETWEEN ? AND ? AND %SCOPE%
            """, column: "l.customer_id", scope: scope, today: today, days: lead.maturity)
        reminders += try dated(db, .creditExpiry, sql: """
            SELECT k.customer_id, c.name, k.limit_id, k.end_date, k.amount
            FROM base_credit_limit k JOIN base_customer c ON c.customer_id = k.customer_id
            WHERE k.status = 'ACTIVE' AND k.end_date BETWEEN ? AND ? AND %SCOPE%
            """, column: "k.customer_id", scope: scope, today: today, days: lead.creditExpiry)
        reminders += try schedule(db, viewer: viewer, today: today, days: lead.schedule)
        reminders += try overdueTasks(db, viewer: viewer, today: today)
        reminders += try plansBehind(db, viewer: viewer, today: today)
        let states = try Row.fetchAll(db, sql: "SELECT reminder_key, done_at, snoozed_until FROM work_reminder_state WHERE staff_id = ?",
                                      arguments: [viewer.staffID])
        var hidden = Set<String>()
        for row in states {
            let doneAt: String? = row[1], snoozedUntil: String? = row[2]
            if doneAt != nil || snoozedUntil.map({ $0 > today.description }) == true { hidden.insert(row[0]) }
        }
        return Array(reminders.filter { !hidden.contains($0.key) }
            .sorted { ($0.date, $0.kind.rawValue, $0.key) < ($1.date, $1.kind.rawValue, $1.key) }.prefix(limit))
    }

    /// Dates that come back every year (a birthday, a founding date) whose next return is within `days`.
    private static func yearly(_ db: Database, _ kind: ReminderKind, column: String, subject: String, scope: DataScope,
                               today: BusinessDate, days: Int) throws -> [Reminder] {
        guard days >= 0 else { return [] }
        var monthDays = Set((0...days).map { offset -> String in
            let day = today.adding(days: offset)
            return String(day.description.suffix(5))
        })
        // 29 February comes on 28 February in a year without it.
        if monthDays.contains("02-28"), !(0...days).contains(where: { today.adding(days: $0).description.hasSuffix("02-29") }) {
            monthDays.insert("02-29")
        }
        let condition = scope.customerCondition("customer_id")
        let marks = monthDays.sorted().map { _ in "?" }.joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT customer_id, name, \(column), \(subject) FROM base_customer
            WHERE status <> 'CLOSED' AND \(column) IS NOT NULL AND substr(\(column), 6, 5) IN (\(marks)) AND \(condition.sql)
            """, arguments: StatementArguments(monthDays.sorted()) + condition.arguments)
        return rows.compactMap { row -> Reminder? in
            guard let original = BusinessDate(row[2] as String) else { return nil }
            let date = Anniversary.next(of: original, onOrAfter: today)
            let customer: String = row[0]
            let subject: String? = row[3]
            return Reminder(key: "\(kind.rawValue):\(customer):\(date)", kind: kind, date: date, customerID: customer, customerName: row[1],
                            subject: subject ?? "\(date.year - original.year)", amount: nil)
        }
    }

    /// Rows of (customer, name, subject, date, amount) dated within `days`: `sql` takes the first and last day
    /// as its two `?` before `%SCOPE%`, which becomes the scope's condition.
    private static func dated(_ db: Database, _ kind: ReminderKind, sql: String, column: String, scope: DataScope, today: BusinessDate,
                              days: Int) throws -> [Reminder] {
        let condition = scope.customerCondition(column)
        let arguments: StatementArguments = [today.description, today.adding(days: days).description]
        return try Row.fetchAll(db, sql: sql.replacingOccurrences(of: "%SCOPE%", with: condition.sql),
                                arguments: arguments + condition.arguments).compactMap { row -> Reminder? in
            guard let date = BusinessDate(row[3] as String) else { return nil }
            let customer: String = row[0], subject: String = row[2]
            return Reminder(key: "\(kind.rawValue):\(subject):\(date)", kind: kind, date: date, customerID: customer, customerName: row[1],
                            subject: subject, amount: row[4])
        }
    }

    private static func schedule(_ db: Database, viewer: StaffProfile, today: BusinessDate, days: Int) throws -> [Reminder] {
        try Row.fetchAll(db, sql: """
            SELECT w.id, w.title, w.starts_at, w.customer_id, COALESCE(c.name, '') FROM work_schedule w
            LEFT JOIN base_customer c ON c.customer_id = w.customer_id
            WHERE w.staff_id = ? AND w.done_at IS NULL AND w.starts_at >= ? AND w.starts_at < ?
            """, arguments: [viewer.staffID, today.description, today.adding(days: days + 1).description]).compactMap { row in
            guard let date = BusinessDate((row[2] as String).prefix(10)) else { return nil }
            return Reminder(key: "\(ReminderKind.schedule.rawValue):\(row[0] as String)", kind: .schedule, date: date, customerID: row[3],
                            customerName: row[4], subject: "\((row[2] as String).suffix(5)) \(row[1] as String)", amount: nil)
        }
    }

    private static func overdueTasks(_ db: Database, viewer: StaffProfile, today: BusinessDate) throws -> [Reminder] {
        try TaskTree.load(db, for: viewer).nodes.values.filter { node in
            node.isOverdue(today: today)
                && (node.assigneeKind == "STAFF" ? node.assigneeID == viewer.staffID : node.assigneeID == viewer.orgID)
        }.map { node in
            Reminder(key: "\(ReminderKind.overdueTask.rawValue):\(node.id)", kind: .overdueTask, date: node.dueDate, customerID: nil,
                     customerName: "", subject: "\(node.title) \(node.done)/\(node.target)", amount: nil)
        }
    }

    /// Plans current on the last loaded date on which the viewer's node trails time elapsed by more than the
    /// setting `plan_behind_margin_pct`; one reminder per plan and data date.
    private static func plansBehind(_ db: Database, viewer: StaffProfile, today: BusinessDate) throws -> [Reminder] {
        guard let date = try LoadedDates.range(db)?.upperBound else { return [] }
        let margin = try Settings.read(db).planBehindMarginPercent
        let node: PlanNodeID
        switch viewer.role {
        case .relationshipManager: node = PlanNodeID(.staff, viewer.staffID)
        case .teamLead, .branchHead: node = PlanNodeID(.org, viewer.orgID)
        case .headOffice:
            guard let root = try String.fetchOne(db, sql: "SELECT root_org_id FROM work_plan LIMIT 1") else { return [] }
            node = PlanNodeID(.org, root)
        case .administrator: return []
        }
        return try PlanTracking.current(db, at: node, on: date, marginPercent: margin).filter { $0.1.isBehind }.map { plan, progress in
            let completion = ScaledNumber.text(progress.completionBP ?? 0, decimals: 2)
            let elapsed = ScaledNumber.text(progress.elapsedBP, decimals: 2)
            return Reminder(key: "\(ReminderKind.planBehind.rawValue):\(plan.id):\(node):\(date)", kind: .planBehind, date: today,
                            customerID: nil, customerName: "",
                            subject: "\(plan.indicator.nameZh) \(plan.period) \(completion)% < \(elapsed)%", amount: nil)
        }
    }
}
