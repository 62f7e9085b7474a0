import ArgumentParser
import CRMCore
import CRMStore

extension ProductUsageDimension: ExpressibleByArgument {}

/// `crm products`: product analysis (产品分析).
struct ProductsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "products", abstract: "Product analysis: the product-usage matrix.", subcommands: [ProductUsageCommand.self])
}

/// `crm products usage`: the share of active customers holding each product category (客户产品使用情况分析).
struct ProductUsageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Penetration matrix: the share of active customers holding each product category, by line, industry or tier.")

    @Option(help: "Group by line, industry (GB/T 4754 section) or tier.") var by: ProductUsageDimension = .line
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try database.open()
        let scope = try scope.scope(in: db, for: .customerSearch)
        let groups = try db.writer.read { try ProductUsageQuery.matrix($0, by: by, scope: scope) }
        try self.scope.audit(db, action: "query.products", target: by.rawValue, detail: "\(groups.count) groups")
        if output.json {
            printJSON(.array(groups.map { g in
                .object([("group", .string(g.group)), ("customers", .int(Int64(g.customers))),
                         ("categories", .object(ProductCategory.allCases.map { category in
                             (category.rawValue, .object([("holders", .int(Int64(g.holders[category] ?? 0))),
                                                          ("share_pct", .decimal(g.shareBP(category), decimals: 2))]))
                         }))])
            }))
            return
        }
        var table = TextTable([(by.rawValue, .left), ("客户数", .right)] + ProductCategory.allCases.map { ($0.chineseName, .right) })
        for g in groups {
            table.add([label(g.group), String(g.customers)]
                      + ProductCategory.allCases.map { ScaledNumber.percentText(permille: Money.divideRounded(g.shareBP($0), by: 10)) })
        }
        print(groups.isEmpty ? "no customers" : table.render())
    }

    private func label(_ group: String) -> String {
        switch by {
        case .line: return BusinessLine(rawValue: group).map { "\(group) \($0.chineseName)" } ?? group
        case .industry: return group
        case .tier: return CustomerTier(rawValue: group).map { "\(group) \($0.chineseName)" } ?? group
        }
    }
}
