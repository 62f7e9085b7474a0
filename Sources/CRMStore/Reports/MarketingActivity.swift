import CRMCore
import GRDB

/// What one member of staff did in the marketing process over a period, on customers within a scope: the
/// figures of the marketing activity reports (营销活动报表).
struct MarketingActivity {
    var visits: Int64 = 0
    var customersVisited: Int64 = 0
    var withPhotos: Int64 = 0
    var withPlace: Int64 = 0
    var taskCustomersDone: Int64 = 0
    var opportunitiesOpened: Int64 = 0
    var opportunitiesLanded: Int64 = 0
    /// Fen.
    var landedAmount: Int64 = 0

    static let columns: [ReportColumn] = [
        .number("拜访次数"), .number("拜访客户数"), .number("带照片"), .number("带定位"), .number("任务完成户数"), .number("新建商机"),
        .number("落地商机"), .number("落地金额"),
    ]

    var cells: [ReportCell] {
        [.integer(visits), .integer(customersVisited), .integer(withPhotos), .integer(withPlace), .integer(taskCustomersDone),
         .integer(opportunitiesOpened), .integer(opportunitiesLanded), .money(landedAmount)]
    }

    static func + (lhs: MarketingActivity, rhs: MarketingActivity) -> MarketingActivity {
        MarketingActivity(visits: lhs.visits + rhs.visits, customersVisited: lhs.customersVisited + rhs.customersVisited,
                          withPhotos: lhs.withPhotos + rhs.withPhotos, withPlace: lhs.withPlace + rhs.withPlace,
                          taskCustomersDone: lhs.taskCustomersDone + rhs.taskCustomersDone,
                          opportunitiesOpened: lhs.opportunitiesOpened + rhs.opportunitiesOpened,
                          opportunitiesLanded: lhs.opportunitiesLanded + rhs.opportunitiesLanded, landedAmount: lhs.landedAmount + rhs.landedAmount)
    }

    /// Each member of staff's figures: visits by visit date, task customers by the day they were marked done,
    /// opportunities opened by their creation and landed by their last change. Customers outside the scope do
    /// not count; an opportunity on a prospect counts when its owner is within the scope's reach.
    static func byStaff(_ db: Database, _ context: ReportContext) throws -> [String: MarketingActivity] {
        var result: [String: MarketingActivity] = [:]
        func add(_ sql: String, _ scopeColumn: String, _ periodColumn: String, _ apply: (inout MarketingActivity, Row) -> Void) throws {
            let scope = context.scope.customerCondition(scopeColumn)
            let period = context.period.condition(periodColumn)
            for row in try Row.fetchAll(db, sql: sql.replacingOccurrences(of: "%WHERE%", with: "\(scope.sql) AND \(period.sql)"),
                                        arguments: scope.arguments + period.arguments) {
                apply(&result[row[0], default: MarketingActivity()], row)
            }
        }
        try add("""
            SELECT v.staff_id, COUNT(*), COUNT(DISTINCT v.customer_id),
                   SUM(EXISTS (SELECT 1 FROM work_visit_attachment a WHERE a.visit_id = v.id)), COUNT(v.latitude_e6)
            FROM work_visit v WHERE %WHERE% GROUP BY v.staff_id
            """, "v.customer_id", "v.visited_at") { activity, row in
            activity.visits = row[1]
            activity.customersVisited = row[2]
            activity.withPhotos = row[3]
            activity.withPlace = row[4]
        }
        try add("SELECT c.done_by, COUNT(*) FROM work_task_customer c WHERE c.done_at IS NOT NULL AND %WHERE% GROUP BY c.done_by",
                "c.customer_id", "c.done_at") { activity, row in activity.taskCustomersDone = row[1] }
        let reach = try StaffReach(db, scope: context.scope)
        let period = context.period.condition("o.created_at")
        let landed = context.period.condition("o.updated_at")
        let scope = context.scope.customerCondition("o.customer_id")
        for row in try Row.fetchAll(db, sql: """
            SELECT o.owner_id, o.customer_id, o.stage, o.amount, \(period.sql), \(landed.sql) FROM work_opportunity o
            WHERE o.customer_id IS NULL OR \(scope.sql)
            """, arguments: period.arguments + landed.arguments + scope.arguments) {
            let owner: String = row[0]
            let customer: String? = row[1]
            guard customer != nil || reach.contains(staffID: owner) else { continue }
            if row[4] as Bool { result[owner, default: MarketingActivity()].opportunitiesOpened += 1 }
            if row[2] == "LANDED", row[5] as Bool {
                result[owner, default: MarketingActivity()].opportunitiesLanded += 1
                result[owner, default: MarketingActivity()].landedAmount += row[3] as Int64
            }
        }
        return result
    }
}
