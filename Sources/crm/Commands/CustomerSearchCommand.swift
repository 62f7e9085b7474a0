import ArgumentParser
import CRMCore
import CRMStore

/// `crm customer search TEXT`: bank-wide customer search (全行客户查询) within the scope of `--as`.
struct CustomerSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find customers by name, pinyin, pinyin initials, USCC, customer id or a manager's name, best match first.")

    @Argument(help: "What to look for (名称, pinyin such as chongqing, initials such as cqca, USCC, id, manager).")
    var text: String
    @Option(help: "At most this many customers.") var limit = 20
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let database = try database.open()
        let scope = try scope.scope(in: database, for: .customerSearch)
        let results = try database.writer.read { try CustomerSearchQuery.search($0, text: text, scope: scope, limit: limit) }
        try self.scope.audit(database, action: "query.search", target: text, detail: "\(results.count) customers")
        if output.json {
            printJSON(.array(results.map(\.json)))
            return
        }
        var table = TextTable([("客户号", .left), ("客户名称", .left), ("统一社会信用代码", .left), ("分层", .left),
                               ("主办客户经理", .left), ("存款余额(元)", .right), ("贷款余额(元)", .right)])
        for result in results {
            table.add([result.customerID, result.name, result.uscc, result.tier.chineseName, result.mainManager ?? "",
                       Money.groupedYuanText(result.depositBalance), Money.groupedYuanText(result.loanBalance)])
        }
        print(results.isEmpty ? "no customer matches '\(text)'" : table.render())
    }
}
