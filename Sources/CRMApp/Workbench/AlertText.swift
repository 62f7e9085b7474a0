import CRMStore

/// How an important-customer alert reads.
enum AlertText {
    static func kind(_ kind: CustomerAlert.Kind) -> Text {
        switch kind {
        case .largeInflow: return Text("大额来账", "Large inflow")
        case .largeOutflow: return Text("大额出账", "Large outflow")
        case .depositJump: return Text("存款骤增", "Deposit jump")
        case .depositDrop: return Text("存款骤降", "Deposit drop")
        case .dormant: return Text("睡眠客户", "Dormant")
        case .churnRisk: return Text("流失预警", "Churn risk")
        }
    }

    /// A mark that shows the direction without colour (ASCII under `--plain`).
    static func mark(_ kind: CustomerAlert.Kind, plain: Bool) -> String {
        switch kind {
        case .largeInflow, .depositJump: return plain ? "+" : "↑"
        case .largeOutflow, .depositDrop: return plain ? "-" : "↓"
        case .dormant: return "z"
        case .churnRisk: return "!"
        }
    }

    /// The figure shown beside an alert: the amount, a churn warning's score, nothing for a dormant customer.
    static func figure(_ alert: CustomerAlert, _ language: Language) -> String {
        switch alert.kind {
        case .dormant: return ""
        case .churnRisk: return language == .chinese ? "\(alert.churnScore ?? 0)分" : "score \(alert.churnScore ?? 0)"
        default: return Amount.short(alert.amount, language)
        }
    }
}
