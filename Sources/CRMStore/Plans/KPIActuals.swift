import CRMCore
import GRDB

/// An indicator's actual value at one node on one date.
public struct MeasuredValue: Sendable, Equatable {
    /// Fen, a count or basis points; nil where it cannot be measured (a ratio over no deposits, or over deposits
    /// that did not grow).
    public let value: Int64?
    /// For a daily average: the balance-days summed so far and the days counted (domain.md's S and N).
    public let balanceDays: Int64?
    public let countedDays: Int?

    public init(value: Int64?, balanceDays: Int64? = nil, countedDays: Int? = nil) {
        self.value = value
        self.balanceDays = balanceDays
        self.countedDays = countedDays
    }
}

/// Reads indicators from the indicator layer for org nodes (`ORG` roll-ups) and managers (`STAFF` roll-ups):
/// balances, balance-days and customer counts from `ind_rollup_day`; new customers and income from the customer
/// weights (`sum_customer_weight`) with `base_customer.first_batch_date` and `base_profit`.
public enum KPIActuals {
    /// The last loaded date within `period`, nil when none is: what a plan on that period is measured on.
    public static func measuredDate(_ db: Database, in period: PlanPeriod) throws -> BusinessDate? {
        try String.fetchOne(db, sql: "SELECT MAX(biz_date) FROM sum_period_days WHERE biz_date BETWEEN ? AND ?",
                            arguments: [period.start.description, period.end.description]).flatMap { BusinessDate($0) }
    }

    /// The measure for each of `ids` (org ids for `.org`, staff ids for `.staff`) on `date`, a loaded date within
    /// `period`. A node with nothing under it measures 0 (a ratio: nil).
    public static func values(_ db: Database, _ measure: KPIMeasure, kind: PlanNodeKind, ids: [String], period: PlanPeriod,
                              on date: BusinessDate) throws -> [String: MeasuredValue] {
        switch measure {
        case .newCustomers:
            let first = try LoadedDates.range(db)?.lowerBound.description ?? ""
            let counts = try grouped(db, sql: """
                SELECT w.member_id, COUNT(*) FROM sum_customer_weight w JOIN base_customer c ON c.customer_id = w.customer_id
                WHERE w.dimension = ? AND w.counts = 1 AND c.first_batch_date BETWEEN ? AND ? AND c.first_batch_date > ?
                GROUP BY w.member_id
                """, arguments: [kind.rawValue, period.start.description, date.description, first])
            return Dictionary(uniqueKeysWithValues: ids.map { ($0, MeasuredValue(value: counts[$0] ?? 0)) })
        case .feeIncome, .ftpIncome:
            let column = measure == .feeIncome ? "fee_income" : "ftp_income"
            var sums: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT w.member_id, w.share_bp, SUM(p.\(column)) FROM sum_customer_weight w
                JOIN base_profit p ON p.customer_id = w.customer_id
                WHERE w.dimension = ? AND p.month BETWEEN ? AND ? GROUP BY w.member_id, w.customer_id
                """, arguments: [kind.rawValue, period.start.monthKey, date.monthKey]) {
                sums[row[0], default: 0] += Money.divideRounded((row[2] as Int64) * (row[1] as Int64), by: 10_000)
            }
            return Dictionary(uniqueKeysWithValues: ids.map { ($0, MeasuredValue(value: sums[$0] ?? 0)) })
        default:
            return try rollupValues(db, measure, kind: kind, ids: ids, on: date)
        }
    }

    private static func rollupValues(_ db: Database, _ measure: KPIMeasure, kind: PlanNodeKind, ids: [String],
                                     on date: BusinessDate) throws -> [String: MeasuredValue] {
        let now = try rollups(db, kind: kind, on: date)
        let days = try Row.fetchOne(db, sql: "SELECT days_month, days_quarter, days_year FROM sum_period_days WHERE biz_date = ?",
                                    arguments: [date.description])
        var base: [String: RollupRow] = [:]
        if measure == .incrementalLoanToDeposit, let baseDate = try yearBaseDate(db, for: date) {
            base = try rollups(db, kind: kind, on: baseDate)
        }
        var result: [String: MeasuredValue] = [:]
        for id in ids {
            let row = now[id] ?? RollupRow()
            switch measure {
            case .depositBalance: result[id] = MeasuredValue(value: row.deposit)
            case .loanBalance: result[id] = MeasuredValue(value: row.loan)
            case .customers: result[id] = MeasuredValue(value: row.customers)
            case .effectiveCustomers: result[id] = MeasuredValue(value: row.effective)
            case .loanToDeposit: result[id] = MeasuredValue(value: row.deposit > 0 ? PlanPace.basisPoints(row.loan, of: row.deposit) : nil)
            case .incrementalLoanToDeposit:
                let start = base[id] ?? RollupRow()
                let depositGrowth = row.deposit - start.deposit
                result[id] = MeasuredValue(value: depositGrowth > 0 ? PlanPace.basisPoints(row.loan - start.loan, of: depositGrowth) : nil)
            default:
                guard let period = measure.averagePeriod else { continue }
                let index = Period.allCases.firstIndex(of: period)!
                let counted: Int = days?[index] ?? 0
                let balanceDays = [.depositAverageMonth, .depositAverageQuarter, .depositAverageYear].contains(measure)
                    ? row.depositBalanceDays[index] : row.loanBalanceDays[index]
                result[id] = MeasuredValue(value: DailyAverage.average(balanceDays: balanceDays, days: counted), balanceDays: balanceDays,
                                           countedDays: counted)
            }
        }
        return result
    }

    /// The balances 新增存贷比 grows from: the last loaded date of the year before, or where loading began within
    /// the year, its first loaded date (nothing is known before it).
    static func yearBaseDate(_ db: Database, for date: BusinessDate) throws -> BusinessDate? {
        if let end = try LoadedDates.last(before: date.startOfYear, db) { return end }
        return try String.fetchOne(db, sql: "SELECT MIN(biz_date) FROM sum_period_days WHERE biz_date BETWEEN ? AND ?",
                                   arguments: [date.startOfYear.description, date.description]).flatMap { BusinessDate($0) }
    }

    private struct RollupRow {
        var deposit: Int64 = 0
        var depositBalanceDays: [Int64] = [0, 0, 0]
        var loan: Int64 = 0
        var loanBalanceDays: [Int64] = [0, 0, 0]
        var customers: Int64 = 0
        var effective: Int64 = 0
    }

    private static func rollups(_ db: Database, kind: PlanNodeKind, on date: BusinessDate) throws -> [String: RollupRow] {
        var rows: [String: RollupRow] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT member_id, deposit_balance, deposit_bd_month, deposit_bd_quarter, deposit_bd_year,
                   loan_balance, loan_bd_month, loan_bd_quarter, loan_bd_year, customers, effective_customers
            FROM ind_rollup_day WHERE biz_date = ? AND dimension = ?
            """, arguments: [date.description, kind.rawValue]) {
            rows[row[0]] = RollupRow(deposit: row[1], depositBalanceDays: [row[2], row[3], row[4]], loan: row[5],
                                     loanBalanceDays: [row[6], row[7], row[8]], customers: row[9], effective: row[10])
        }
        return rows
    }

    private static func grouped(_ db: Database, sql: String, arguments: StatementArguments) throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) { result[row[0]] = row[1] }
        return result
    }
}
