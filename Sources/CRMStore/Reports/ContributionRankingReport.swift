import CRMCore
import GRDB

/// 客户贡献度分析: the customers in scope ranked by EVA over the twelve months of management accounting up to the
/// as-of month, each month worked out as on the 360's contribution tab and added up; RAROC is the twelve months'
/// pre-tax profit over their average economic capital.
enum ContributionRankingReport {
    static let report = Report(
        name: "contribution-ranking", chineseTitle: "客户贡献度排名", englishTitle: "Customer contribution ranking",
        summary: "近12个月管会贡献：FTP收入、中收、税前/税后利润、RAROC、EVA，按EVA排名 (12 months of contribution, ranked by EVA)",
        body: body)

    private static func body(_ db: Database, _ context: ReportContext) throws -> ReportBody {
        let settings = try Settings.read(db)
        var first = context.asOf.startOfMonth
        for _ in 0..<11 { first = first.adding(days: -1).startOfMonth }
        let condition = context.customerCondition("p.customer_id")
        var totals: [String: (name: String, months: [MonthlyContribution])] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT p.customer_id, c.name, p.month, p.ftp_income, p.fee_income, p.operating_cost, p.expected_loss, p.economic_capital
            FROM base_profit p JOIN base_customer c ON c.customer_id = p.customer_id
            WHERE p.month BETWEEN ? AND ? AND \(condition.sql)
            """, arguments: [first.monthKey, context.asOf.monthKey] + condition.arguments) {
            let month = MonthlyContribution(month: row[2], ftpIncome: row[3], feeIncome: row[4], operatingCost: row[5], expectedLoss: row[6],
                                            economicCapital: row[7], settings: settings)
            totals[row[0], default: (row[1], [])].months.append(month)
        }
        let ranked = totals.map { id, entry -> (id: String, name: String, figures: [Int64], raroc: Int64?, eva: Int64) in
            let months = entry.months
            let sum = { (value: (MonthlyContribution) -> Int64) in months.reduce(0) { $0 + value($1) } }
            let capital = sum(\.economicCapital)
            let beforeTax = sum(\.profitBeforeTax)
            // Average capital = capital / months; annualised RAROC = profit x 12 / months / average capital.
            let raroc = capital == 0 ? nil : Money.divideRounded(beforeTax * 12 * 10_000, by: capital)
            return (id, entry.name, [sum(\.ftpIncome), sum(\.feeIncome), beforeTax, sum(\.profitAfterTax)], raroc, sum(\.eva))
        }.sorted { ($0.eva, $1.id) > ($1.eva, $0.id) }
        return ReportBody(
            notes: ["期间 \(first.monthKey) ~ \(context.asOf.monthKey)，共 \(ranked.count) 户"],
            columns: [.number("排名"), .text("客户号"), .text("客户名称"), .number("FTP收入"), .number("中间业务收入"), .number("税前利润"),
                      .number("税后利润"), .number("RAROC(%)"), .number("EVA")],
            rows: ranked.enumerated().map { index, item in
                [.integer(Int64(index + 1)), .text(item.id), .text(item.name)] + item.figures.map(ReportCell.money)
                    + [item.raroc.map(ReportCell.percent) ?? .empty, .money(item.eva)]
            })
    }
}
