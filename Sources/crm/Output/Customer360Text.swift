import CRMCore
import CRMStore

extension Customer360Document {
    /// A readable summary for the terminal.
    var text: String {
        let o = overview, id = o.identity
        var lines = ["\(id.name)  \(id.customerID)  \(id.uscc)", "数据日期 as of \(o.asOf)  分层 \(o.tier.chineseName)（\(o.tierRule)）",
                     "客户经理 " + o.managers.map { "\($0.name)(\($0.role == "MAIN" ? "主办" : "协办") \(ScaledNumber.text($0.shareBP, decimals: 2))%)" }
                        .joined(separator: "、"), ""]
        var table = TextTable([("", .left), ("时点余额 balance", .right), ("月日均 MTD", .right), ("年日均 YTD", .right), ("较年初", .right)])
        for (label, now, start) in [("存款", o.balances.deposit, o.yearStart?.deposit), ("贷款", o.balances.loan, o.yearStart?.loan)] {
            table.add([label, Money.groupedYuanText(now.balance), Money.groupedYuanText(now.mtdAverage), Money.groupedYuanText(now.ytdAverage),
                       start.map { Money.groupedYuanText(now.balance - $0.balance) } ?? "—"])
        }
        lines.append(table.render())
        lines.append("")
        lines.append("产品 products: " + products.held.map { "\($0.name)×\($0.accounts)" }.joined(separator: "、"))
        lines.append("本月资金流 this month: 行内来款 \(Money.groupedYuanText(flows.month.inBankIn))  行外来款 \(Money.groupedYuanText(flows.month.outBankIn))"
                     + "  行内走款 \(Money.groupedYuanText(flows.month.inBankOut))  行外走款 \(Money.groupedYuanText(flows.month.outBankOut))")
        if !o.alerts.isEmpty {
            lines.append("近30日提醒 alerts: \(o.alerts.count), latest: " + o.alerts.prefix(3)
                .map { "\($0.date) \($0.kind.rawValue) \(Money.groupedYuanText($0.amount))" }.joined(separator: "; "))
        }
        lines.append("")
        lines.append("More: crm customer show \(id.customerID) --json")
        return lines.joined(separator: "\n")
    }
}
