import ArgumentParser
import CRMBatch
import CRMCore
import CRMStore
import Foundation

/// `crm list`: named lists of customers (名单制客户管理): make them, import members from CSV, show them with
/// their figures.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Named lists of customers (名单制客户管理): create, import, show.",
        subcommands: [All.self, Create.self, Import.self, Show.self], defaultSubcommand: All.self)

    struct All: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "all", abstract: "The lists with their rules and members in scope.")
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let db = try database.open()
            let scope = try scope.scope(in: db, for: .customerSets)
            var table = TextTable([("名单 list", .left), ("规则 rule", .left), ("客户 members", .right)])
            try db.writer.read { db in
                for list in try NamedListQuery.lists(db) {
                    table.add([list.name, list.rule, String(try NamedListQuery.members(db, listID: list.id, scope: scope).count)])
                }
            }
            print(table.render())
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a list (head office and branch heads), optionally with a membership rule.",
            discussion: "A rule is terms separated by ';', all met, each field:value|value: line, industry (code start), tier, name (part).")
        @Argument(help: "The list's name.") var name: String
        @Option(help: "A membership rule, e.g. 'industry:K' or 'name:城投|城建'.") var rule = ""
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let db = try database.open()
            guard let actor = try scope.viewer(in: db, for: .customerSets) else { throw ValidationError("--as STAFF_ID is required") }
            do {
                try MutationLog(database: db, clock: .system).apply(CreateNamedList(id: MutationID.make(), listName: name, rule: rule), by: actor)
            } catch let error as MutationError {
                throw CommandFailure(error.description)
            }
            print("\(name): created")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put the customers of a CSV file on a list; rows that cannot be taken are listed with their line and reason.",
            discussion: "The header names a customer_id or a uscc column. Exit status 1 when any row was rejected (the others are taken).")
        @Argument(help: "The list's name.") var name: String
        @Option(help: "The CSV file.") var file: String
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let db = try database.open()
            guard let actor = try scope.viewer(in: db, for: .customerSets) else { throw ValidationError("--as STAFF_ID is required") }
            guard let bytes = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file)") }
            let list = try db.writer.read { try NamedListQuery.find($0, name) }
            guard let list else { throw CommandFailure("no list \(name); crm list shows them") }
            let visible = DataScope(profile: actor)
            let result: (accepted: [String], rejected: [NamedListReject])
            do {
                result = try db.writer.read { try NamedListImport.read([UInt8](bytes), scope: visible, $0) }
                if !result.accepted.isEmpty {
                    try MutationLog(database: db, clock: .system)
                        .apply(ChangeNamedListMembers(listID: list.id, customerIDs: result.accepted, adding: true), by: actor)
                }
            } catch let error as MutationError {
                throw CommandFailure("\(file): \(error.description)")
            }
            print("\(list.name): \(result.accepted.count) taken, \(result.rejected.count) rejected")
            for reject in result.rejected {
                FileHandle.standardError.write(Data("\(file):\(reject.line): \(reject.value) \(reject.reason)\n".utf8))
            }
            if !result.rejected.isEmpty { throw ExitCode(1) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A list's members in scope with their balances, averages and credit.")
        @Argument(help: "The list's name.") var name: String
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let db = try database.open()
            let scope = try scope.scope(in: db, for: .customerSets)
            let view = try db.writer.read { db -> CustomerSetView in
                guard let set = try NamedListQuery.set(db, name, scope: scope),
                      let asOf = try LoadedDates.range(db)?.upperBound else { throw CommandFailure("no list \(name), or nothing loaded") }
                return try CustomerSetQuery.view(db, set: set, scope: scope, asOf: asOf)
            }
            try self.scope.audit(db, action: "query.list", target: name, detail: "\(view.members.count) members")
            if output.json {
                printJSON(.array(view.members.map { member in
                    .object([("customer_id", .string(member.customerID)), ("name", .string(member.name)),
                             ("deposit_balance", .money(member.deposit.balance)), ("deposit_ytd_avg", .money(member.deposit.ytdAverage)),
                             ("loan_balance", .money(member.loan.balance)), ("credit_limit", .money(member.creditLimit)),
                             ("credit_used", .money(member.creditUsed))])
                }))
                return
            }
            var table = TextTable([("客户号 id", .left), ("客户 name", .left), ("存款余额 deposits", .right), ("存款年日均 YTD avg", .right),
                                   ("贷款余额 loans", .right), ("授信 credit", .right)])
            for member in view.members {
                table.add([member.customerID, member.name, Money.groupedYuanText(member.deposit.balance),
                           Money.groupedYuanText(member.deposit.ytdAverage), Money.groupedYuanText(member.loan.balance),
                           Money.groupedYuanText(member.creditLimit)])
            }
            table.add(["合计 total", "\(view.members.count)", Money.groupedYuanText(view.depositBalance), Money.groupedYuanText(view.depositYearAverage),
                       Money.groupedYuanText(view.loanBalance), Money.groupedYuanText(view.creditLimit)])
            print(table.render())
        }
    }
}
