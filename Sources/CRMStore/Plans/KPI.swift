import Foundation
import CRMCore

/// How an indicator's values are counted: amounts in fen (shown in yuan), whole counts, or ratios in basis points.
public enum KPIUnit: String, CaseIterable, Sendable {
    case yuan = "YUAN"
    case count = "COUNT"
    case ratio = "RATIO_BP"

    /// The unit as the screens write it.
    public var chineseName: String {
        switch self {
        case .yuan: return "元"
        case .count: return "户"
        case .ratio: return "%"
        }
    }

    public var englishName: String {
        switch self {
        case .yuan: return "yuan"
        case .count: return "count"
        case .ratio: return "%"
        }
    }

    /// The whole unit a split hands out: whole yuan for amounts, 1 for counts and basis points.
    public var splitStep: Int64 { self == .yuan ? 100 : 1 }

    /// A value as typed: yuan with up to 2 decimals, a whole count, or a percentage with up to 2 decimals.
    public func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        switch self {
        case .yuan: return try? Money.parseYuan(trimmed).get()
        case .count: return trimmed.allSatisfy(\.isASCII) ? Int64(trimmed) : nil
        case .ratio: return try? ScaledNumber.parse(trimmed, decimals: 2).get()
        }
    }

    /// A value as typed back: `1,234,567.89`, `12` or `75.00%`.
    public func text(_ value: Int64) -> String {
        switch self {
        case .yuan: return Money.groupedYuanText(value)
        case .count: return String(value)
        case .ratio: return ScaledNumber.text(value, decimals: 2) + "%"
        }
    }
}

/// Whether more or less of an indicator is better.
public enum KPIDirection: String, CaseIterable, Sendable {
    case higher = "HIGHER"
    case lower = "LOWER"

    /// The direction as the screens write it.
    public var chineseName: String { self == .higher ? "越高越好" : "越低越好" }
    public var englishName: String { self == .higher ? "higher is better" : "lower is better" }
}

/// How an indicator adds up the target tree: a node's figure is the sum of its children's, or a ratio of two sums
/// (which children's figures do not add up to).
public enum KPIAggregation: String, Sendable {
    case sum = "SUM"
    case ratio = "RATIO"
}

/// What the indicator layer measures, per org node and manager, as of a loaded date.
public enum KPIMeasure: String, CaseIterable, Sendable {
    case depositBalance = "DEPOSIT_BALANCE"
    case depositAverageMonth = "DEPOSIT_AVG_MONTH"
    case depositAverageQuarter = "DEPOSIT_AVG_QUARTER"
    case depositAverageYear = "DEPOSIT_AVG_YEAR"
    case loanBalance = "LOAN_BALANCE"
    case loanAverageMonth = "LOAN_AVG_MONTH"
    case loanAverageQuarter = "LOAN_AVG_QUARTER"
    case loanAverageYear = "LOAN_AVG_YEAR"
    case loanToDeposit = "LOAN_TO_DEPOSIT"
    case incrementalLoanToDeposit = "INCREMENTAL_LOAN_TO_DEPOSIT"
    case customers = "CUSTOMERS"
    case effectiveCustomers = "EFFECTIVE_CUSTOMERS"
    case newCustomers = "NEW_CUSTOMERS"
    case feeIncome = "FEE_INCOME"
    case ftpIncome = "FTP_INCOME"

    /// The unit its values come in.
    public var unit: KPIUnit {
        switch self {
        case .loanToDeposit, .incrementalLoanToDeposit: return .ratio
        case .customers, .effectiveCustomers, .newCustomers: return .count
        default: return .yuan
        }
    }

    /// Ratios are ratios of sums; everything else adds up.
    public var aggregation: KPIAggregation { unit == .ratio ? .ratio : .sum }

    /// For a daily average, the period it averages over; a plan on it must be of that period.
    public var averagePeriod: Period? {
        switch self {
        case .depositAverageMonth, .loanAverageMonth: return .month
        case .depositAverageQuarter, .loanAverageQuarter: return .quarter
        case .depositAverageYear, .loanAverageYear: return .year
        default: return nil
        }
    }

    /// Whether the measure counts up from nothing over the plan's period (new customers, income), rather than
    /// being a level on the date.
    public var accumulatesOverPeriod: Bool { [.newCustomers, .feeIncome, .ftpIncome].contains(self) }
}

/// One indicator of the KPI library (经营指标库).
public struct KPIIndicator: Sendable, Equatable {
    public let code: String
    public let nameZh: String
    public let nameEn: String
    public let unit: KPIUnit
    public let direction: KPIDirection
    public let measure: KPIMeasure
    /// Shipped with the CRM: its measure is fixed (names and direction may change).
    public let builtIn: Bool

    public init(code: String, nameZh: String, nameEn: String, unit: KPIUnit, direction: KPIDirection, measure: KPIMeasure,
                builtIn: Bool) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.unit = unit
        self.direction = direction
        self.measure = measure
        self.builtIn = builtIn
    }

    /// How the indicator adds up the target tree: as its measure does.
    public var aggregation: KPIAggregation { measure.aggregation }

    /// The indicators the migration seeds.
    public static let builtIns: [KPIIndicator] = [
        builtIn("DEP_BAL", "存款时点余额", "Deposit balance", .depositBalance),
        builtIn("DEP_AVG_M", "存款月日均", "Deposit MTD average", .depositAverageMonth),
        builtIn("DEP_AVG_Q", "存款季日均", "Deposit QTD average", .depositAverageQuarter),
        builtIn("DEP_AVG_Y", "存款年日均", "Deposit YTD average", .depositAverageYear),
        builtIn("LOAN_BAL", "贷款时点余额", "Loan balance", .loanBalance),
        builtIn("LOAN_AVG_M", "贷款月日均", "Loan MTD average", .loanAverageMonth),
        builtIn("LOAN_AVG_Q", "贷款季日均", "Loan QTD average", .loanAverageQuarter),
        builtIn("LOAN_AVG_Y", "贷款年日均", "Loan YTD average", .loanAverageYear),
        builtIn("LDR", "存贷比", "Loan-to-deposit ratio", .loanToDeposit),
        builtIn("LDR_NEW", "新增存贷比", "Incremental loan-to-deposit ratio", .incrementalLoanToDeposit),
        builtIn("CUSTOMERS", "主办客户数", "Customers (main manager)", .customers),
        builtIn("EFFECTIVE", "有效户数", "Effective accounts", .effectiveCustomers),
        builtIn("NEW_CUST", "新增客户数", "New customers", .newCustomers),
        builtIn("FEE", "中间业务收入", "Fee income", .feeIncome),
        builtIn("FTP", "FTP利差收入", "FTP spread income", .ftpIncome),
    ]

    private static func builtIn(_ code: String, _ zh: String, _ en: String, _ measure: KPIMeasure) -> KPIIndicator {
        KPIIndicator(code: code, nameZh: zh, nameEn: en, unit: measure.unit, direction: .higher, measure: measure, builtIn: true)
    }
}
