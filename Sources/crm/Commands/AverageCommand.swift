import ArgumentParser
import CRMCore
import CRMStore

/// `crm average`: deposit and loan daily averages (存贷款日均查询) of a customer or a conglomerate over a date range.
struct AverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "average",
        abstract: "Deposit and loan daily averages (存贷款日均) of a customer, a conglomerate or a customer group over any loaded date range.",
        discussion: """
            Average = the sum of each calendar day's point balance / the days from --from to --to, both included. \
            A conglomerate sums its members within the --as staff member's scope, and lists each of them; so does one \
            of the --as staff member's customer groups (--group, which needs --as).
            """)

    @Option(help: "Customer id.") var customer: String?
    @Option(help: "Conglomerate (集团) id.") var conglomerate: String?
    @Option(help: "Customer group (客户群) id, one of the --as staff member's.") var group: String?
    @Option(help: "First day of the range.") var from: BusinessDate
    @Option(help: "Last day of the range.") var to: BusinessDate
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if [customer, conglomerate, group].compactMap({ $0 }).count != 1 {
            throw ValidationError("give one of --customer, --conglomerate and --group")
        }
        if group != nil, scope.staff == nil { throw ValidationError("--group needs --as: a customer group belongs to one member of staff") }
        if from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() throws {
        let db = try database.open()
        let scope = try scope.scope(in: db, for: .customerSearch)
        let owner = try self.scope.staff.map { try SignInTarget.resolve($0, in: db).staffID }
        let result: (id: String, name: String?, averages: RangeAverages)
        do {
            result = try db.writer.read { db in
                if let group, let owner {
                    let averages = try AverageQuery.group(db, id: group, owner: owner, scope: scope, from: from, to: to)
                    return (averages.groupID, averages.name, averages.averages)
                }
                if let conglomerate {
                    let group = try AverageQuery.conglomerate(db, id: conglomerate, scope: scope, from: from, to: to)
                    return (group.groupID, group.name, group.averages)
                }
                let averages = try AverageQuery.customer(db, id: customer!, scope: scope, from: from, to: to)
                return (customer!, nil, averages)
            }
        } catch let error as QueryError where self.scope.staff != nil {
            switch error {
            case .unknownCustomer(let id): throw self.scope.notVisible(id)
            case .unknownGroup(let id): throw CommandFailure("no customer group '\(id)' of --as \(self.scope.staff!)")
            case .unknownConglomerate(let id): throw CommandFailure("conglomerate \(id) has no member --as \(self.scope.staff!) may see (or does not exist)")
            default: throw error
            }
        }
        try self.scope.audit(db, action: "query.average", target: result.id, detail: "\(from) ~ \(to)")
        if output.json {
            printJSON(json(result.id, result.name, result.averages))
        } else {
            print(text(result.id, result.name, result.averages))
        }
    }

    private func json(_ id: String, _ name: String?, _ averages: RangeAverages) -> JSONValue {
        func figures(_ f: RangeFigures) -> [(String, JSONValue)] {
            [("deposit_avg", .money(f.depositAverage)), ("loan_avg", .money(f.loanAverage)),
             ("deposit_balance", .money(f.depositBalance)), ("loan_balance", .money(f.loanBalance))]
        }
        let range: [(String, JSONValue)] = [("from", .string(averages.from.description)), ("to", .string(averages.to.description)),
                                            ("days", .int(Int64(averages.days)))]
        guard let name else { return .object([("customer_id", .string(id))] + range + figures(averages.total)) }
        let members: [JSONValue] = averages.customers.map {
            .object([("customer_id", .string($0.customerID)), ("name", .string($0.name))] + figures($0.figures))
        }
        return .object([("group_id", .string(id)), ("name", .string(name))] + range + figures(averages.total)
                       + [("customers", .array(members))])
    }

    private func text(_ id: String, _ name: String?, _ averages: RangeAverages) -> String {
        var table = TextTable([("客户号", .left), ("客户名称", .left), ("存款日均", .right), ("贷款日均", .right),
                               ("期末存款余额", .right), ("期末贷款余额", .right)])
        func add(_ first: String, _ second: String, _ f: RangeFigures) {
            table.add([first, second] + [f.depositAverage, f.loanAverage, f.depositBalance, f.loanBalance].map(Money.groupedYuanText))
        }
        for customer in averages.customers { add(customer.customerID, customer.name, customer.figures) }
        if name != nil { add("", "合计", averages.total) }
        let heading = name.map { "集团 \(id) \($0)" } ?? "客户 \(id)"
        return "\(heading)  \(averages.from) ~ \(averages.to)（\(averages.days) 天）\n" + table.render()
    }
}
