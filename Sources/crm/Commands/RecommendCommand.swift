import ArgumentParser
import CRMCore
import CRMStore

/// `crm recommend`: one customer's product needs and recommended products (客户产品需求分析, 产品智能推荐).
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "A customer's product needs from behaviour and products ranked for it, leaving out what it holds.")

    @Option(help: "Customer id.") var customer: String
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try database.open()
        try scope.requireVisible(customer, in: db, for: .customerSearch)
        let advice = try db.writer.read { db -> ProductAdvice in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM base_customer WHERE customer_id = ?", arguments: [customer]) != nil else {
                throw scope.notVisible(customer)
            }
            guard let date = try LoadedDates.range(db)?.upperBound else { throw CommandFailure("no business date is loaded") }
            return try ProductNeedQuery.advice(db, customerID: customer, asOf: date, thresholds: Settings.read(db).needs)
        }
        try scope.audit(db, action: "query.recommend", target: customer, detail: "\(advice.recommendations.count) products")
        if output.json {
            printJSON(.object([
                ("customer_id", .string(advice.customerID)), ("as_of", .string(advice.asOf.description)),
                ("held", .array(advice.held.map { .string($0.rawValue) })),
                ("needs", .array(advice.needs.map { need in
                    .object([("rule", .string(need.rule.rawValue)), ("categories", .array(need.categories.map { .string($0.rawValue) })),
                             ("text", .string(need.text))])
                })),
                ("recommendations", .array(advice.recommendations.map { r in
                    .object([("category", .string(r.category.rawValue)), ("name", .string(r.category.chineseName)),
                             ("score", .int(Int64(r.score))), ("reasons", .array(r.reasons.map(JSONValue.string)))])
                })),
            ]))
            return
        }
        print("\(advice.customerID)  数据日期 as of \(advice.asOf)")
        print("已持有 held: " + (advice.held.isEmpty ? "-" : advice.held.map(\.chineseName).joined(separator: "、")))
        for need in advice.needs { print("需求 need \(need.rule.rawValue): \(need.text)") }
        print("")
        var table = TextTable([("推荐产品", .left), ("评分", .right), ("理由 reasons", .left)])
        for r in advice.recommendations {
            table.add(["\(r.category.chineseName) \(r.category.rawValue)", String(r.score), r.reasons.joined(separator: "；")])
        }
        print(advice.recommendations.isEmpty ? "no recommendations" : table.render())
    }
}
