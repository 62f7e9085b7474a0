import CRMCore
import GRDB

/// 集团贷款加权利率: the active loans of each conglomerate's members in the scope: count, amount, and the
/// amount-weighted average rate and spread, per member and per conglomerate.
enum LoanRatesByConglomerateReport {
    static let report = Report(
        name: "loan-rates-by-conglomerate", chineseTitle: "集团贷款加权利率", englishTitle: "Loan rates by conglomerate",
        summary: "按集团汇总成员客户在贷合同的笔数、金额、加权平均利率和点差 (weighted loan rates per member and conglomerate)",
        body: body)

    private static func body(_ db: Database, _ context: ReportContext) throws -> ReportBody {
        let members = ConglomerateRollUp.membersCTE(context)
        let rows = try Row.fetchAll(db, sql: """
            WITH \(members.sql)
            SELECT member.group_id, member.group_name, member.customer_id, member.customer_name,
                   l.amount, l.rate_ppm, l.lpr_spread_bp
            FROM member LEFT JOIN base_loan l
              ON l.customer_id = member.customer_id AND l.status = 'ACTIVE' AND l.start_date <= ?
            ORDER BY member.group_id, member.customer_id, l.contract_id
            """, arguments: members.arguments + [context.asOf.description])
        var figures: [ConglomerateRollUp.Member<WeightedRate>] = []
        for row in rows {
            if figures.last?.groupID != row[0] as String || figures.last?.customerID != row[2] as String {
                figures.append(ConglomerateRollUp.Member(groupID: row[0], groupName: row[1], customerID: row[2], customerName: row[3],
                                                         figures: WeightedRate()))
            }
            if let amount = row[4] as Int64? { figures[figures.count - 1].figures.add(amount: amount, ratePPM: row[5], spreadBP: row[6]) }
        }
        return ReportBody(
            notes: ["只计在贷（ACTIVE）合同，加权平均按合同金额加权"],
            columns: ConglomerateRollUp.leadingColumns + [.number("贷款笔数"), .number("合同金额合计"), .number("加权平均利率(%)"),
                                                          .number("加权平均点差(bp)")],
            rows: ConglomerateRollUp.rows(figures, empty: WeightedRate(), combine: { $0.add($1) }, cells: {
                [.integer($0.count), .money($0.amount)] + LoanRatesReport.weightedCells($0)
            }))
    }
}
