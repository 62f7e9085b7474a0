/// Thresholds of the product needs (客户产品需求分析); settings `need_*` in `sys_setting`.
public struct ProductNeedThresholds: Sendable, Equatable {
    /// A demand-deposit point balance of at least this much (fen) may be idle. Default 5,000,000 yuan.
    public var idleDemandMinimum: Int64 = 5_000_000_00
    /// ... and it is idle when the last 30 days' outflows are at most this share of it (%). Default 20.
    public var idleOutflowMaxPercent: Int64 = 20
    /// Payroll payments in at least this many of the last 6 calendar months (the current one included). Default 3.
    public var payrollMinimumMonths = 3
    /// Supplier payments of the last 3 complete months up on the 3 before by at least this much (%). Default 20.
    public var supplierGrowthPercent: Int64 = 20

    public init() {}
}

/// What one customer's behaviour shows, as the needs rules read it.
public struct ProductNeedFigures: Sendable, Equatable {
    /// Point balance of the customer's demand-deposit (`DEMAND_DEPOSIT`) accounts, fen.
    public var demandBalance: Int64
    /// All outflows of the last 30 days (行内, 行外 and same-name), fen.
    public var recentOutflow: Int64
    /// Distinct calendar months among the last 6 with a payroll payment (purpose 工资 or 代发, money out).
    public var payrollMonths: Int
    /// Counterparties of the last 12 months that trade across the border (name or purpose words), at most a few.
    public var tradeCounterparties: [String]
    /// Payments to suppliers (counterparties with supplier-type payments that month) in the last 3 complete months
    /// and in the 3 before, fen.
    public var supplierRecent: Int64
    public var supplierPrior: Int64

    public init(demandBalance: Int64 = 0, recentOutflow: Int64 = 0, payrollMonths: Int = 0, tradeCounterparties: [String] = [],
                supplierRecent: Int64 = 0, supplierPrior: Int64 = 0) {
        self.demandBalance = demandBalance
        self.recentOutflow = recentOutflow
        self.payrollMonths = payrollMonths
        self.tradeCounterparties = tradeCounterparties
        self.supplierRecent = supplierRecent
        self.supplierPrior = supplierPrior
    }
}

/// A product need that a rule found, with the product categories it suggests and why.
public struct ProductNeed: Sendable, Equatable {
    /// The rules, by stable code.
    public enum Rule: String, Sendable, CaseIterable {
        /// Large idle demand balances → agreement deposits (协定存款) or wealth products (理财).
        case idleDemand = "IDLE_DEMAND"
        /// Regular payroll payments → payroll services (代发).
        case payroll = "PAYROLL"
        /// Import and export counterparties → trade finance (letters of credit, FX).
        case trade = "TRADE"
        /// Growing supplier payments → supply-chain finance (acceptances, bill discounting).
        case supplyChain = "SUPPLY_CHAIN"
    }

    public let rule: Rule
    /// The product categories it suggests, the best fit first.
    public let categories: [ProductCategory]
    /// Why, in Chinese with English in brackets.
    public let text: String
}

/// The product-needs rules (客户产品需求分析) of issue 5, on a customer's figures.
public enum ProductNeedRules {
    /// Purpose words of a payroll payment.
    public static let payrollPurposeWords = ["工资", "代发"]
    /// Counterparty-name words of an import or export trader.
    public static let tradeNameWords = ["进出口", "国际贸易", "外贸"]
    /// Purpose words of a cross-border payment.
    public static let tradePurposeWords = ["进口", "出口", "信用证", "外汇"]
    /// The months of payroll history looked at.
    public static let payrollWindowMonths = 6

    /// The needs that fire, in the order of the rules.
    public static func needs(_ f: ProductNeedFigures, thresholds t: ProductNeedThresholds) -> [ProductNeed] {
        var needs: [ProductNeed] = []
        if f.demandBalance >= t.idleDemandMinimum, f.recentOutflow * 100 <= t.idleOutflowMaxPercent * f.demandBalance {
            needs.append(ProductNeed(rule: .idleDemand, categories: [.agreementDeposit, .wealth], text: """
                活期余额 \(Money.groupedYuanText(f.demandBalance)) 闲置（近30天走款 \(Money.groupedYuanText(f.recentOutflow))，\
                不超过 \(t.idleOutflowMaxPercent)%） (idle demand balance)
                """))
        }
        if f.payrollMonths >= t.payrollMinimumMonths {
            needs.append(ProductNeed(rule: .payroll, categories: [.payroll], text: """
                近\(payrollWindowMonths)个月有 \(f.payrollMonths) 个月发放工资 (regular payroll payments)
                """))
        }
        if !f.tradeCounterparties.isEmpty {
            needs.append(ProductNeed(rule: .trade, categories: [.letterOfCredit, .fx], text: """
                进出口交易对手：\(f.tradeCounterparties.joined(separator: "、")) (import and export counterparties)
                """))
        }
        if f.supplierPrior > 0, (f.supplierRecent - f.supplierPrior) * 100 >= t.supplierGrowthPercent * f.supplierPrior {
            let growth = Money.divideRounded((f.supplierRecent - f.supplierPrior) * 1000, by: f.supplierPrior)
            needs.append(ProductNeed(rule: .supplyChain, categories: [.acceptance, .billDiscount], text: """
                近3个月上游货款 \(Money.groupedYuanText(f.supplierRecent)) 较前3个月 \(Money.groupedYuanText(f.supplierPrior)) \
                增长 \(ScaledNumber.percentText(permille: growth)) (growing supplier payments)
                """))
        }
        return needs
    }
}
