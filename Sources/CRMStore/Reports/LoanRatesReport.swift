import CRMCore
import GRDB

/// 贷款利率与点差: each active loan contract started by the as-of date, by customer, with its rate and spread
/// over LPR, and after each customer's loans their amount-weighted average rate and spread.
enum LoanRatesReport {
    static let report = Report(
        name: "loan-rates", chineseTitle: "贷款利率与点差", englishTitle: "Loan rates and spreads",
        summary: "按客户列出在贷合同的金额、执行利率、LPR点差、到期日、五级分类及客户加权平均利率 (active loans and weighted rates)",
        body: body)

    private static func body(_ db: Database, _ context: ReportContext) throws -> ReportBody {
        let condition = context.customerCondition("l.customer_id")
        let loans = try Row.fetchAll(db, sql: """
            SELECT l.customer_id, c.name, l.contract_id, l.amount, l.rate_ppm, l.lpr_spread_bp, l.start_date, l.maturity_date,
                   l.classification
            FROM base_loan l JOIN base_customer c ON c.customer_id = l.customer_id
            WHERE l.status = 'ACTIVE' AND l.start_date <= ? AND \(condition.sql)
            ORDER BY l.customer_id, l.contract_id
            """, arguments: [context.asOf.description] + condition.arguments)
        var rows: [[ReportCell]] = []
        var customer = WeightedRate()
        for (index, loan) in loans.enumerated() {
            let amount: Int64 = loan[3], rate: Int64? = loan[4], spread: Int64? = loan[5]
            customer.add(amount: amount, ratePPM: rate, spreadBP: spread)
            rows.append([.text(loan[0]), .text(loan[1]), .text(loan[2]), .money(amount), rate.map(ReportCell.rate) ?? .empty,
                         spread.map(ReportCell.basisPoints) ?? .empty, .date(text: loan[6]), .date(text: loan[7]),
                         .optionalText(LoanClassification(rawValue: loan[8]).map(\.chineseName) ?? loan[8])])
            if index == loans.count - 1 || (loans[index + 1][0] as String) != (loan[0] as String) {
                rows.append([.text(loan[0]), .text(loan[1]), .text("客户加权平均"), .money(customer.amount)]
                            + weightedCells(customer) + [.empty, .empty, .empty])
                customer = WeightedRate()
            }
        }
        return ReportBody(
            notes: ["加权平均按合同金额加权"],
            columns: [.text("客户号"), .text("客户名称"), .text("合同号"), .number("合同金额"), .number("执行利率(%)"),
                      .number("LPR点差(bp)"), .text("起始日"), .text("到期日"), .text("五级分类")],
            rows: rows)
    }

    /// The weighted rate and spread, empty when no loan carries them.
    static func weightedCells(_ rate: WeightedRate) -> [ReportCell] {
        [rate.ratePPM.map(ReportCell.rate) ?? .empty, rate.spreadBP.map(ReportCell.basisPoints) ?? .empty]
    }
}
