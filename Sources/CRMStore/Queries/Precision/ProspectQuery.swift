import CRMCore
import GRDB

/// An out-of-bank counterparty ranked as a prospect (资金链潜在客户推荐), with the parts of its score as reasons.
/// Points are in hundredths (`score` 8,753 is 87.53 of 100).
public struct Prospect: Sendable, Equatable {
    /// Bank-wide rank by score (1 is the best).
    public let rank: Int
    /// The normalised name the counterparty is grouped by.
    public let key: String
    public let name: String
    public let bankCode: String?
    /// Inflow plus outflow with our customers over the 12 months, fen.
    public let flow: Int64
    /// Our distinct customers it dealt with.
    public let customers: Int
    public let activeMonths: Int
    public let regionMatch: Bool
    /// How many of the `population` counterparties ranked have a flow (a number of customers) at or below this one's.
    public let flowAtOrBelow: Int
    public let customersAtOrBelow: Int
    public let population: Int
    public let flowPart: Int
    public let customersPart: Int
    public let monthsPart: Int
    public let regionPart: Int
    public let score: Int
    /// The staff member whose customers (as main manager) deal with it most, and their customers' flow with it.
    public let topStaffID: String?
    public let topStaffName: String?
    public let topStaffFlow: Int64
    /// The date the ranking is as of.
    public let asOf: BusinessDate
}

/// One part of a prospect's score as a reason.
public struct ProspectReason: Sendable, Equatable {
    /// `FLOW`, `CUSTOMERS`, `MONTHS` or `REGION`.
    public let part: String
    /// Hundredths of a point.
    public let points: Int
    public let text: String
}

extension Prospect {
    /// The four parts of the score, each with its figures.
    public var reasons: [ProspectReason] {
        func percentile(_ atOrBelow: Int) -> String {
            ScaledNumber.percentText(permille: population == 0 ? 0 : Money.divideRounded(Int64(atOrBelow) * 1000, by: Int64(population)))
        }
        return [
            ProspectReason(part: "FLOW", points: flowPart, text: """
                12个月与我行客户资金往来 \(Money.groupedYuanText(flow))，百分位 \(percentile(flowAtOrBelow)) (flow with our customers, percentile)
                """),
            ProspectReason(part: "CUSTOMERS", points: customersPart, text: """
                与我行 \(customers) 户客户往来，百分位 \(percentile(customersAtOrBelow)) (our customers it deals with, percentile)
                """),
            ProspectReason(part: "MONTHS", points: monthsPart, text: "12个月中 \(activeMonths) 个月有往来 (active months of 12)"),
            ProspectReason(part: "REGION", points: regionPart, text: regionMatch
                ? "开户行与我行机构同地区 (its bank is in one of our branches' regions)"
                : "开户行不在我行机构地区 (its bank is outside our branches' regions)"),
        ]
    }
}

/// Reads `app_prospect`.
public enum ProspectQuery {
    /// The best `limit` prospects that deal with a customer in `scope` in the 12 months of the ranking, by rank.
    public static func top(_ db: Database, scope: DataScope, limit: Int) throws -> [Prospect] {
        guard let asOf = try String.fetchOne(db, sql: "SELECT as_of FROM app_prospect LIMIT 1").flatMap(BusinessDate.init)
        else { return [] }
        var filter = ""
        var arguments: StatementArguments = []
        if scope.reach != .everything {
            // Month by month, so each month's part of the month-led key is read for the scope's customers only.
            var months: [String] = []
            var month = asOf.startOfMonth
            for _ in 0..<12 {
                months.append(month.monthKey)
                month = month.adding(days: -1).startOfMonth
            }
            let condition = scope.customerCondition("m.customer_id")
            filter = """
                WHERE p.counterparty_key IN (
                  SELECT m.counterparty_key FROM app_counterparty_month m
                  WHERE m.month IN (\(months.map { _ in "?" }.joined(separator: ", "))) AND m.in_bank = 0 AND \(condition.sql))
                """
            arguments = StatementArguments(months) + condition.arguments
        }
        return try Row.fetchAll(db, sql: """
            SELECT p.rank, p.counterparty_key, p.name, p.bank_code, p.flow, p.customers, p.active_months, p.region_match,
              p.flow_at_or_below, p.customers_at_or_below, p.population, p.flow_part, p.customers_part, p.months_part,
              p.region_part, p.score, p.top_staff_id, s.name, p.top_staff_flow
            FROM app_prospect p LEFT JOIN base_staff s ON s.staff_id = p.top_staff_id
            \(filter)
            ORDER BY p.rank LIMIT ?
            """, arguments: arguments + [limit]).map { row in
            Prospect(rank: row[0], key: row[1], name: row[2], bankCode: row[3], flow: row[4], customers: row[5],
                     activeMonths: row[6], regionMatch: row[7], flowAtOrBelow: row[8], customersAtOrBelow: row[9],
                     population: row[10], flowPart: row[11], customersPart: row[12], monthsPart: row[13], regionPart: row[14],
                     score: row[15], topStaffID: row[16], topStaffName: row[17], topStaffFlow: row[18], asOf: asOf)
        }
    }
}
