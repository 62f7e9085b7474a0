/// The product categories of the product catalogue, by name.
enum ProductCategoryText {
    static func name(_ category: String) -> Text {
        switch category {
        case "DEMAND_DEPOSIT": return Text("活期存款", "Demand deposits")
        case "TIME_DEPOSIT": return Text("定期存款", "Time deposits")
        case "AGREEMENT_DEPOSIT": return Text("协定存款", "Agreement deposits")
        case "MARGIN_DEPOSIT": return Text("保证金存款", "Margin deposits")
        case "LOAN": return Text("贷款", "Loans")
        case "BILL_DISCOUNT": return Text("票据贴现", "Bill discounting")
        case "ACCEPTANCE": return Text("银行承兑汇票", "Acceptances")
        case "LETTER_OF_CREDIT": return Text("信用证", "Letters of credit")
        case "GUARANTEE": return Text("保函", "Guarantees")
        case "WEALTH": return Text("理财", "Wealth management")
        case "CASH_MANAGEMENT": return Text("现金管理", "Cash management")
        case "PAYROLL": return Text("代发工资", "Payroll")
        case "FX": return Text("国际结算与外汇", "FX and trade settlement")
        default: return Text(category, category)
        }
    }
}
