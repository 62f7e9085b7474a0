/// One input of the profit calculators (利润模拟测算), with its command-line option and its names and unit in
/// both languages, so the command line and the screen name a field alike.
public enum PricingField: String, Sendable, CaseIterable, Hashable {
    case amount, balance, days, rate, lpr, spread, ftp, operatingCost, pd, lgd, riskWeight, capitalRatio, tax, hurdle, basis
    case agreementBase, agreementRate, fees

    /// The loan calculator's inputs, in the order the screen lists them.
    public static let loan: [PricingField] = [.amount, .days, .rate, .lpr, .spread, .ftp, .operatingCost, .pd, .lgd, .riskWeight,
                                               .capitalRatio, .tax, .hurdle, .basis]
    /// The deposit calculator's inputs, in the order the screen lists them.
    public static let deposit: [PricingField] = [.balance, .days, .rate, .ftp, .operatingCost, .agreementBase, .agreementRate, .fees,
                                                  .basis]

    /// The `crm calc` option that gives the field.
    public var option: String {
        switch self {
        case .spread: return "--spread-bp"
        case .operatingCost: return "--opex"
        case .riskWeight: return "--risk-weight"
        case .capitalRatio: return "--capital-ratio"
        case .agreementBase: return "--base"
        case .agreementRate: return "--agreement-rate"
        default: return "--" + rawValue
        }
    }

    /// The Chinese name, without the unit.
    public var chineseName: String {
        switch self {
        case .amount: return "贷款金额"
        case .balance: return "存款余额"
        case .days: return "期限"
        case .rate: return "利率"
        case .lpr: return "LPR"
        case .spread: return "LPR加点"
        case .ftp: return "FTP价格"
        case .operatingCost: return "运营成本率"
        case .pd: return "违约概率PD"
        case .lgd: return "违约损失率LGD"
        case .riskWeight: return "风险权重"
        case .capitalRatio: return "资本充足率"
        case .tax: return "所得税率"
        case .hurdle: return "门槛回报率"
        case .basis: return "计息基础"
        case .agreementBase: return "协定基数"
        case .agreementRate: return "协定利率"
        case .fees: return "中间业务收入"
        }
    }

    /// The English name, without the unit.
    public var englishName: String {
        switch self {
        case .amount: return "Amount"
        case .balance: return "Balance"
        case .days: return "Term"
        case .rate: return "Rate"
        case .lpr: return "LPR"
        case .spread: return "Spread"
        case .ftp: return "FTP rate"
        case .operatingCost: return "Operating cost"
        case .pd: return "PD"
        case .lgd: return "LGD"
        case .riskWeight: return "Risk weight"
        case .capitalRatio: return "Capital ratio"
        case .tax: return "Tax rate"
        case .hurdle: return "Hurdle rate"
        case .basis: return "Day basis"
        case .agreementBase: return "Agreement base"
        case .agreementRate: return "Agreement rate"
        case .fees: return "Fees"
        }
    }

    /// The unit the field is typed in: yuan, days, percent or basis points.
    public func unit(chinese: Bool) -> String {
        switch self {
        case .amount, .balance, .agreementBase, .fees: return chinese ? "元" : "yuan"
        case .days, .basis: return chinese ? "天" : "days"
        case .spread: return "bp"
        default: return "%"
        }
    }
}
