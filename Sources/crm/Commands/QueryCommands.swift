import ArgumentParser
import CRMCore
import CRMStore

/// `crm balances`: a customer's deposit and loan balances and daily averages.
struct BalancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balances", abstract: "A customer's deposit and loan point balances with MTD, QTD and YTD daily averages.",
        discussion: """
            Without --as-of: the latest known balances (存款实时余额查询), those at the end of the last loaded business \
            date, with the time that date was loaded.
            """)

    @Option(help: "Customer id.") var customer: String
    @Option(name: .customLong("as-of"), help: "Business date (default: the last loaded one).") var asOf: BusinessDate?
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try database.open()
        try scope.requireVisible(customer, in: db, for: .customerSearch)
        let (result, loadedAt) = try db.writer.read { db -> (CustomerBalances, String?) in
            guard let date = try asOf ?? LoadedDates.range(db)?.upperBound else { throw QueryError.nothingLoaded }
            return (try BalanceQuery.customer(db, id: customer, asOf: date),
                    try String.fetchOne(db, sql: "SELECT loaded_at FROM if_batch WHERE biz_date = ?", arguments: [date.description]))
        }
        try scope.audit(db, action: "query.balances", target: customer, detail: result.asOf.description)
        if output.json {
            func figures(_ f: BalanceFigures) -> JSONValue {
                .object([("balance", .money(f.balance)), ("mtd_avg", .money(f.mtdAverage)), ("qtd_avg", .money(f.qtdAverage)),
                         ("ytd_avg", .money(f.ytdAverage))])
            }
            printJSON(.object([("customer_id", .string(result.customerID)), ("as_of", .string(result.asOf.description)),
                               ("loaded_at", loadedAt.map(JSONValue.string) ?? .null),
                               ("deposit", figures(result.deposit)), ("loan", figures(result.loan))]))
            return
        }
        print("\(result.customerID)  数据日期 as of \(result.asOf) 日终" + (loadedAt.map { "（装载于 loaded at \($0)）" } ?? ""))
        var table = TextTable([("", .left), ("时点余额 balance", .right), ("月日均 MTD", .right), ("季日均 QTD", .right),
                               ("年日均 YTD", .right)])
        for (label, f) in [("存款", result.deposit), ("贷款", result.loan)] {
            table.add([label] + [f.balance, f.mtdAverage, f.qtdAverage, f.ytdAverage].map(Money.groupedYuanText))
        }
        print(table.render())
    }
}

/// `crm alerts`: large fund-movement alerts raised on a business date.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Large fund-movement alerts (rules A and B) raised on a business date.")

    @Option(name: .customLong("as-of"), help: "Business date.") var asOf: BusinessDate
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try database.open()
        let scope = try scope.scope(in: db, for: .alerts)
        let alerts = try db.writer.read { try AlertQuery.raised($0, on: asOf, scope: scope) }
        try self.scope.audit(db, action: "query.alerts", target: asOf.description, detail: "\(alerts.count) alerts")
        if output.json {
            printJSON(.array(alerts.map { alert in
                .object([("customer_id", .string(alert.customerID)), ("account_no", alert.accountNo.map(JSONValue.string) ?? .null),
                         ("date", .string(alert.date.description)), ("rule", .string(alert.rule)), ("amount", .money(alert.amount)),
                         ("direction", .string(alert.direction))])
            }))
            return
        }
        var table = TextTable([("客户号", .left), ("客户名称", .left), ("账号", .left), ("规则", .left), ("方向", .left),
                               ("金额(元)", .right)])
        for alert in alerts {
            table.add([alert.customerID, alert.customerName, alert.accountNo ?? "", alert.rule == "A" ? "A 单笔大额" : "B 单日净变动",
                       alert.direction == "C" ? "来款" : "走款", Money.groupedYuanText(alert.amount)])
        }
        print(alerts.isEmpty ? "no alerts on \(asOf)" : table.render())
    }
}

/// `crm fundflow`: a customer's fund flows and counterparties over a window.
struct FundFlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fundflow", abstract: "A customer's 行内/行外 来款/走款 totals, same-name transfers and counterparties.")

    @Option(help: "Customer id.") var customer: String
    @Option(help: "First business date of the window.") var from: BusinessDate
    @Option(help: "Last business date of the window.") var to: BusinessDate
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() throws {
        let db = try database.open()
        try scope.requireVisible(customer, in: db, for: .customerSearch)
        let flow = try db.writer.read { try FundFlowQuery.customer($0, id: customer, from: from, to: to) }
        try scope.audit(db, action: "query.fundflow", target: customer, detail: "\(from) ~ \(to)")
        if output.json {
            printJSON(.object([
                ("in_bank_in", .money(flow.inBankIn)), ("out_bank_in", .money(flow.outBankIn)),
                ("in_bank_out", .money(flow.inBankOut)), ("out_bank_out", .money(flow.outBankOut)),
                ("same_name_in", .money(flow.sameNameIn)), ("same_name_out", .money(flow.sameNameOut)),
                ("counterparties", .array(flow.counterparties.map { c in
                    .object([("name", .string(c.name)), ("account", c.account.map(JSONValue.string) ?? .null),
                             ("bank_code", c.bankCode.map(JSONValue.string) ?? .null), ("in_bank", .bool(c.inBank)),
                             ("inflow", .money(c.inflow)), ("outflow", .money(c.outflow)),
                             ("months_active", .int(Int64(c.monthsActive))), ("role", c.role.map { .string($0.rawValue) } ?? .null)])
                })),
            ]))
            return
        }
        var totals = TextTable([("\(customer) \(from) ~ \(to)", .left), ("来款 in", .right), ("走款 out", .right)])
        totals.add(["行内 in-bank", Money.groupedYuanText(flow.inBankIn), Money.groupedYuanText(flow.inBankOut)])
        totals.add(["行外 out-of-bank", Money.groupedYuanText(flow.outBankIn), Money.groupedYuanText(flow.outBankOut)])
        totals.add(["同名划转 same-name", Money.groupedYuanText(flow.sameNameIn), Money.groupedYuanText(flow.sameNameOut)])
        print(totals.render())
        print("")
        var table = TextTable([("交易对手", .left), ("行内", .left), ("角色", .left), ("来款", .right), ("走款", .right), ("月数", .right)])
        for c in flow.counterparties {
            table.add([c.name, c.inBank ? "行内" : "行外", c.role == .upstream ? "上游" : c.role == .downstream ? "下游" : "",
                       Money.groupedYuanText(c.inflow), Money.groupedYuanText(c.outflow), String(c.monthsActive)])
        }
        print(table.render())
    }
}
