/// The product categories of the product extract (`products.csv`, column `category`).
public enum ProductCategory: String, CaseIterable, Sendable {
    case demandDeposit = "DEMAND_DEPOSIT"
    case timeDeposit = "TIME_DEPOSIT"
    case agreementDeposit = "AGREEMENT_DEPOSIT"
    case marginDeposit = "MARGIN_DEPOSIT"
    case loan = "LOAN"
    case billDiscount = "BILL_DISCOUNT"
    case acceptance = "ACCEPTANCE"
    case guarantee = "GUARANTEE"
    case letterOfCredit = "LETTER_OF_CREDIT"
    case wealth = "WEALTH"
    case payroll = "PAYROLL"
    case cashManagement = "CASH_MANAGEMENT"
    case fx = "FX"

    public var chineseName: String {
        switch self {
        case .demandDeposit: return "活期存款"
        case .timeDeposit: return "定期存款"
        case .agreementDeposit: return "协定存款"
        case .marginDeposit: return "保证金存款"
        case .loan: return "贷款"
        case .billDiscount: return "票据贴现"
        case .acceptance: return "银行承兑汇票"
        case .letterOfCredit: return "信用证"
        case .guarantee: return "保函"
        case .wealth: return "理财"
        case .cashManagement: return "现金管理"
        case .payroll: return "代发工资"
        case .fx: return "国际结算与外汇"
        }
    }

    public var englishName: String {
        switch self {
        case .demandDeposit: return "Demand deposits"
        case .timeDeposit: return "Time deposits"
        case .agreementDeposit: return "Agreement deposits"
        case .marginDeposit: return "Margin deposits"
        case .loan: return "Loans"
        case .billDiscount: return "Bill discounting"
        case .acceptance: return "Acceptances"
        case .letterOfCredit: return "Letters of credit"
        case .guarantee: return "Guarantees"
        case .wealth: return "Wealth management"
        case .cashManagement: return "Cash management"
        case .payroll: return "Payroll"
        case .fx: return "FX and trade settlement"
        }
    }
}
