import CRMCore
import GRDB

/// 有效户清单: the customers whose YTD deposit average on the as-of date reaches the effective-account minimum
/// (setting `effective_account_min`), largest first, with their main manager, the manager's org and branch.
///
/// The flag is worked out for the as-of date with the batch's own rule, so on the last loaded date the list is
/// exactly the customers `app_customer_status` marks effective.
enum EffectiveAccountsReport {
    static let report = Report(
        name: "effective-accounts", chineseTitle: "有效户清单", englishTitle: "Effective accounts",
        summary: "存款年日均达到有效户标准的客户，含主办客户经理及所属机构 (customers whose YTD deposit average makes them effective)",
        body: body)

    private static func body(_ db: Database, _ context: ReportContext) throws -> ReportBody {
        let minimum = try Settings.read(db).tiers.effectiveAccountMinimum
        let daysYear = try Int.fetchOne(db, sql: "SELECT days_year FROM sum_period_days WHERE biz_date = ?",
                                        arguments: [context.asOf.description]) ?? 0
        let condition = context.customerCondition("d.customer_id")
        let rows = try Row.fetchAll(db, sql: """
            WITH RECURSIVE up(org_id, ancestor_id) AS (
              SELECT org_id, org_id FROM base_org
              UNION ALL SELECT up.org_id, o.parent_id FROM up JOIN base_org o ON o.org_id = up.ancestor_id
              WHERE o.parent_id IS NOT NULL
            ),
            branch(org_id, name) AS (
              SELECT up.org_id, b.name FROM up JOIN base_org b ON b.org_id = up.ancestor_id AND b.level = 'BRANCH'
            )
            SELECT d.customer_id, c.name, d.deposit_bd_year, d.deposit_balance, s.name, o.name, br.name
            FROM ind_customer_day d JOIN base_customer c ON c.customer_id = d.customer_id
            LEFT JOIN base_staff s ON s.staff_id = (
              SELECT m.staff_id FROM base_customer_manager m WHERE m.customer_id = d.customer_id AND m.role = 'MAIN'
              ORDER BY m.share_bp DESC, m.staff_id LIMIT 1)
            LEFT JOIN base_org o ON o.org_id = s.org_id
            LEFT JOIN branch br ON br.org_id = s.org_id
            WHERE d.biz_date = ? AND \(condition.sql)
            """, arguments: [context.asOf.description] + condition.arguments)
        let effective = rows.map { row in (row: row, average: DailyAverage.average(balanceDays: row[2], days: daysYear)) }
            .filter { $0.average >= minimum }
            .sorted { $0.average != $1.average ? $0.average > $1.average : ($0.row[0] as String) < ($1.row[0] as String) }
        return ReportBody(
            notes: ["有效户标准：存款年日均 ≥ \(Money.groupedYuanText(minimum)) 元，共 \(effective.count) 户"],
            columns: [.text("客户号"), .text("客户名称"), .number("存款年日均"), .number("存款余额"), .text("主办客户经理"),
                      .text("所属机构"), .text("分行")],
            rows: effective.map { item in
                let row = item.row
                return [.text(row[0]), .text(row[1]), .money(item.average), .money(row[3]), .optionalText(row[4]),
                        .optionalText(row[5]), .optionalText(row[6])]
            })
    }
}
