import ArgumentParser
import CRMCore
import CRMStore

/// `crm prospects`: out-of-bank counterparties ranked as prospects (资金链潜在客户推荐).
struct ProspectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prospects",
        abstract: "Out-of-bank counterparties ranked by the prospect score (资金链潜在客户推荐), with the score's parts as reasons.")

    @Option(help: "How many to list.") var limit = 20
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let db = try database.open()
        let scope = try scope.scope(in: db, for: .customerSearch)
        let prospects = try db.writer.read { try ProspectQuery.top($0, scope: scope, limit: limit) }
        try self.scope.audit(db, action: "query.prospects", target: prospects.first?.asOf.description ?? "-",
                             detail: "\(prospects.count) prospects")
        if output.json {
            printJSON(.array(prospects.map { p in
                .object([("rank", .int(Int64(p.rank))), ("name", .string(p.name)), ("key", .string(p.key)),
                         ("bank_code", p.bankCode.map(JSONValue.string) ?? .null), ("score", .decimal(Int64(p.score), decimals: 2)),
                         ("flow", .money(p.flow)), ("customers", .int(Int64(p.customers))),
                         ("active_months", .int(Int64(p.activeMonths))), ("region_match", .bool(p.regionMatch)),
                         ("reasons", .array(p.reasons.map { r in
                             .object([("part", .string(r.part)), ("points", .decimal(Int64(r.points), decimals: 2)),
                                      ("text", .string(r.text))])
                         })),
                         ("staff_id", p.topStaffID.map(JSONValue.string) ?? .null),
                         ("staff_name", p.topStaffName.map(JSONValue.string) ?? .null), ("staff_flow", .money(p.topStaffFlow)),
                         ("as_of", .string(p.asOf.description))])
            }))
            return
        }
        guard let asOf = prospects.first?.asOf else {
            print("no prospects")
            return
        }
        print("数据日期 as of \(asOf)")
        var table = TextTable([("排名", .right), ("交易对手", .left), ("评分", .right), ("资金往来(元)", .right), ("客户数", .right),
                               ("月数", .right), ("同区域", .left), ("客户经理", .left)])
        for p in prospects {
            table.add([String(p.rank), p.name, ScaledNumber.text(Int64(p.score), decimals: 2), Money.groupedYuanText(p.flow),
                       String(p.customers), String(p.activeMonths), p.regionMatch ? "是" : "否",
                       p.topStaffID.map { "\($0) \(p.topStaffName ?? "")" } ?? ""])
        }
        print(table.render())
    }
}
