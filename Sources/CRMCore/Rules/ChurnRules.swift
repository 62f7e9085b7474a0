/// The figures of one customer that the churn warning (客户流失预警) of domain.md reads, as of one business date D.
///
/// Windows: the "last 30 days" are D-29 to D; "the 3 months before" them are the 90 days D-119 to D-30. Monthly
/// deposit averages are those of the calendar months before D's month, each its balance-days over its loaded days,
/// rounded to the fen.
public struct ChurnFigures: Sendable, Equatable {
    /// Deposit daily averages (fen) of the four calendar months before D's month, the latest first; nil for a month
    /// with no loaded date.
    public var monthAverages: [Int64?]
    /// Out-of-bank (行外) outflows of the last 30 days, fen.
    public var outOfBankOutflow: Int64
    /// All outflows of the last 30 days, 行内 plus 行外 (same-name transfers are kept apart, as in the fund flows), fen.
    public var totalOutflow: Int64
    /// The largest same-name transfer to another bank in the last 30 days (fen) and its transaction, if any.
    public var largestTransfer: Int64?
    public var transferTxnID: String?
    /// The month-to-date deposit daily average on D, fen.
    public var mtdAverage: Int64
    /// Customer-initiated transactions (`NORMAL`, `LOAN_DRAW`, `LOAN_REPAY`, not reversed) in the last 30 days.
    public var recentTransactions: Int
    /// The same in the 90 days before; nil when those days were not all loaded.
    public var priorTransactions: Int?
    /// A loan contract settled before its maturity in the last 90 days.
    public var earlySettledLoan: String?
    /// A credit limit that expired, was not renewed within 60 days, and whose 60 days ran out in the last 90 days.
    public var unrenewedLimit: String?

    public init(monthAverages: [Int64?] = [nil, nil, nil, nil], outOfBankOutflow: Int64 = 0, totalOutflow: Int64 = 0,
                largestTransfer: Int64? = nil, transferTxnID: String? = nil, mtdAverage: Int64 = 0,
                recentTransactions: Int = 0, priorTransactions: Int? = nil, earlySettledLoan: String? = nil,
                unrenewedLimit: String? = nil) {
        self.monthAverages = monthAverages
        self.outOfBankOutflow = outOfBankOutflow
        self.totalOutflow = totalOutflow
        self.largestTransfer = largestTransfer
        self.transferTxnID = transferTxnID
        self.mtdAverage = mtdAverage
        self.recentTransactions = recentTransactions
        self.priorTransactions = priorTransactions
        self.earlySettledLoan = earlySettledLoan
        self.unrenewedLimit = unrenewedLimit
    }
}

/// One churn signal that fired, with its points and a readable text (Chinese, then English in brackets).
public struct ChurnSignal: Sendable, Equatable {
    /// The stable short codes of the signals, one per row of domain.md's points table.
    public enum Code: String, Sendable, CaseIterable {
        /// Last month's deposit average down >= 30% (20 points) or >= 50% (30) on the mean of the 3 months before.
        case depositDrop = "DEPOSIT_DROP"
        /// The monthly deposit average fell month on month 3 months in a row.
        case depositDecline = "DEPOSIT_DECLINE"
        /// Out-of-bank outflows >= 60% of the last 30 days' outflows.
        case outOfBankOutflow = "OUT_OF_BANK_OUTFLOW"
        /// A same-name transfer to another bank >= 1,000,000 yuan or >= 30% of the MTD deposit average.
        case sameNameTransfer = "SAME_NAME_TRANSFER"
        /// Customer-initiated transactions of the last 30 days < 50% of the monthly mean of the 3 months before.
        case activityDrop = "ACTIVITY_DROP"
        /// A loan settled before maturity, or a credit limit expired and not renewed within 60 days.
        case creditExit = "CREDIT_EXIT"
    }

    public let code: Code
    public let points: Int
    public let text: String
}

/// The churn band of a score.
public enum ChurnBand: String, Sendable, CaseIterable {
    case red = "RED", amber = "AMBER", green = "GREEN"

    /// Red from 60, amber from 35, green below.
    public init(score: Int) {
        self = score >= ChurnRules.redMinimum ? .red : score >= ChurnRules.amberMinimum ? .amber : .green
    }

    /// 红 / 黄 / 绿.
    public var chinese: String {
        switch self {
        case .red: return "红"
        case .amber: return "黄"
        case .green: return "绿"
        }
    }
}

/// The points table of domain.md's churn warning (流失预警). All comparisons are in integers: a share "down >= 30%"
/// is `latest x 3 x 100 <= (100 - 30) x (sum of the 3 months)`, so a drop of exactly 30% fires.
public enum ChurnRules {
    /// The drop thresholds of the deposit average, largest first, with their points.
    public static let depositDropSteps: [(percent: Int64, points: Int)] = [(50, 30), (30, 20)]
    public static let depositDeclinePoints = 15
    public static let outflowSharePercent: Int64 = 60
    public static let outflowPoints = 15
    /// A same-name transfer to another bank of at least this much (fen) fires, whatever the balance.
    public static let transferMinimum: Int64 = 1_000_000_00
    public static let transferSharePercent: Int64 = 30
    public static let transferPoints = 15
    public static let activitySharePercent: Int64 = 50
    public static let activityPoints = 10
    public static let creditExitPoints = 15
    /// Days within which a renewal must start after a limit's end date.
    public static let renewalDays = 60
    /// The "last 30 days" and the 90 days before them.
    public static let recentDays = 30
    public static let priorDays = 90
    /// How long an early settlement or a missed renewal keeps firing.
    public static let eventDays = 90
    public static let maximumScore = 100
    public static let redMinimum = 60
    public static let amberMinimum = 35

    /// The signals that fire on `figures`, in the order of the points table.
    public static func signals(_ figures: ChurnFigures) -> [ChurnSignal] {
        var fired: [ChurnSignal] = []
        let months = figures.monthAverages
        if months.count == 4, let latest = months[0], let m2 = months[1], let m3 = months[2], let m4 = months[3] {
            let prior = m2 + m3 + m4
            if prior > 0, let step = depositDropSteps.first(where: { latest * 300 <= (100 - $0.percent) * prior }) {
                let mean = Money.divideRounded(prior, by: 3)
                let dropPermille = Money.divideRounded((prior - latest * 3) * 1000, by: prior)
                fired.append(ChurnSignal(code: .depositDrop, points: step.points, text: """
                    上月存款日均 \(Money.groupedYuanText(latest)) 较前三月均值 \(Money.groupedYuanText(mean)) 下降 \(ScaledNumber.percentText(permille: dropPermille)) \
                    (last month's deposit average down \(ScaledNumber.percentText(permille: dropPermille)) on the 3 months before)
                    """))
            }
            if latest < m2 && m2 < m3 && m3 < m4 {
                let path = [m4, m3, m2, latest].map(Money.groupedYuanText).joined(separator: " → ")
                fired.append(ChurnSignal(code: .depositDecline, points: depositDeclinePoints,
                                         text: "存款月日均连续3个月下降 \(path) (deposit average down 3 months in a row)"))
            }
        }
        if figures.totalOutflow > 0, figures.outOfBankOutflow * 100 >= outflowSharePercent * figures.totalOutflow {
            let permille = Money.divideRounded(figures.outOfBankOutflow * 1000, by: figures.totalOutflow)
            fired.append(ChurnSignal(code: .outOfBankOutflow, points: outflowPoints, text: """
                近30天行外走款 \(Money.groupedYuanText(figures.outOfBankOutflow)) 占走款 \(Money.groupedYuanText(figures.totalOutflow)) \
                的 \(ScaledNumber.percentText(permille: permille)) (out-of-bank share of the last 30 days' outflows)
                """))
        }
        if let transfer = figures.largestTransfer,
           transfer >= transferMinimum || transfer * 100 >= transferSharePercent * figures.mtdAverage {
            fired.append(ChurnSignal(code: .sameNameTransfer, points: transferPoints, text: """
                同名划转至他行 \(Money.groupedYuanText(transfer))（交易 \(figures.transferTxnID ?? "")，月日均 \
                \(Money.groupedYuanText(figures.mtdAverage))） (same-name transfer to another bank)
                """))
        }
        if let prior = figures.priorTransactions, prior > 0,
           Int64(figures.recentTransactions) * 100 * 3 < activitySharePercent * Int64(prior) {
            fired.append(ChurnSignal(code: .activityDrop, points: activityPoints, text: """
                近30天主动交易 \(figures.recentTransactions) 笔，前三月月均 \(ScaledNumber.text(Money.divideRounded(Int64(prior) * 10, by: 3), decimals: 1)) 笔 \
                (customer-initiated transactions of the last 30 days against the monthly mean before)
                """))
        }
        var exits: [String] = []
        if let loan = figures.earlySettledLoan { exits.append("贷款 \(loan) 提前结清 (loan settled before maturity)") }
        if let limit = figures.unrenewedLimit {
            exits.append("授信 \(limit) 到期 \(renewalDays) 天未续 (credit limit not renewed within \(renewalDays) days)")
        }
        if !exits.isEmpty {
            fired.append(ChurnSignal(code: .creditExit, points: creditExitPoints, text: exits.joined(separator: "；")))
        }
        return fired
    }

    /// The sum of the signals' points, at most 100.
    public static func score(_ signals: [ChurnSignal]) -> Int {
        min(maximumScore, signals.reduce(0) { $0 + $1.points })
    }
}
