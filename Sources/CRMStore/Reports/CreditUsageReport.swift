import CRMCore
import GRDB

/// 授信额度及使用: each credit limit started by the as-of date, by customer: limit, used, available, usage,
/// dates and status.
enum CreditUsageReport {
    static let report = Report(
        name: "credit-usage", chineseTitle: "授信额度及使用", englishTitle: "Credit limits and usage",
        summary: "按客户列出每笔授信额度、已用、可用、使用率、到期日和状态 (each credit limit by customer)",
        body: body)

    private static func body(_ db: Database, _ context: ReportContext) throws -> ReportBody {
        let condition = context.customerCondition("l.customer_id")
        let rows = try Row.fetchAll(db, sql: """
            SELECT l.customer_id, c.name, l.limit_id, l.amount, l.used, l.start_date, l.end_date, l.status
            FROM base_credit_limit l JOIN base_customer c ON c.customer_id = l.customer_id
            WHERE l.start_date <= ? AND \(condition.sql)
            ORDER BY l.customer_id, l.limit_id
            """, arguments: [context.asOf.description] + condition.arguments)
        return ReportBody(
            columns: [.text("客户号"), .text("客户名称"), .text("额度编号")] + usageColumns
                + [.text("起始日"), .text("到期日"), .text("状态")],
            rows: rows.map { row in
                [.text(row[0]), .text(row[1]), .text(row[2])] + usageCells(limit: row[3], used: row[4])
                    + [.date(text: row[5]), .date(text: row[6]), .text((row[7] as String) == "ACTIVE" ? "有效" : "已到期")]
            })
    }

    /// 授信额度, 已用额度, 可用额度, 使用率(%).
    static let usageColumns: [ReportColumn] = [.number("授信额度"), .number("已用额度"), .number("可用额度"), .number("使用率(%)")]

    /// The cells under `usageColumns`: available is the limit less what is used (negative when overdrawn); the
    /// usage is empty for a zero limit.
    static func usageCells(limit: Int64, used: Int64) -> [ReportCell] {
        [.money(limit), .money(used), .money(limit - used),
         limit > 0 ? .percent(Money.divideRounded(used * 10_000, by: limit)) : .empty]
    }
}
