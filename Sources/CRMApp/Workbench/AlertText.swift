import CRMStore

/// How an important-customer alert reads.
enum AlertText {
    static func kind(_ kind: CustomerAlert.Kind) -> Text {
        switch kind {
        case .largeInflow: return Text("大额来账", "Large inflow")
        case .largeOutflow: return Text("大额出账", "Large outflow")
        case .liveInflow: return Text("实时来账", "Live inflow")
        case .liveOutflow: return Text("实时出账", "Live outflow")
        case .depositJump: return Text("存款骤增", "Deposit jump")
        case .depositDrop: return Text("存款骤降", "Deposit drop")
        case .dormant: return Text("睡眠客户", "Dormant")
        case .churnRisk: return Text("流失预警", "Churn risk")
        case .loanDrawdown: return Text("贷款提款", "Loan drawn")
        case .loanRepayment: return Text("贷款还款", "Loan repaid")
        case .earlySettlement: return Text("提前结清", "Settled early")
        case .classificationChange: return Text("分类变化", "Classification")
        }
    }

    /// A mark that shows the direction without colour (ASCII under `--plain`).
    static func mark(_ kind: CustomerAlert.Kind, plain: Bool) -> String {
        switch kind {
        case .largeInflow, .liveInflow, .depositJump, .loanDrawdown: return plain ? "+" : "↑"
        case .largeOutflow, .liveOutflow, .depositDrop, .loanRepayment, .earlySettlement: return plain ? "-" : "↓"
        case .classificationChange: return "!"
        case .dormant: return "z"
        case .churnRisk: return "!"
        }
    }

    /// `NORMAL→SUBSTANDARD` as 正常→次级.
    static func classification(_ change: String) -> String {
        let names = ["NORMAL": "正常", "SPECIAL_MENTION": "关注", "SUBSTANDARD": "次级", "DOUBTFUL": "可疑", "LOSS": "损失"]
        return change.components(separatedBy: "→").map { names[$0] ?? $0 }.joined(separator: "→")
    }

    /// The figure shown beside an alert: the amount, a churn warning's score, nothing for a dormant customer.
    static func figure(_ alert: CustomerAlert, _ language: Language) -> String {
        switch alert.kind {
        case .dormant: return ""
        case .churnRisk: return language == .chinese ? "\(alert.churnScore ?? 0)分" : "score \(alert.churnScore ?? 0)"
        case .classificationChange: return alert.detail.map(Self.classification) ?? ""
        default: return Amount.short(alert.amount, language)
        }
    }
}
