import ArgumentParser
import CRMCore
import CRMStore

/// `crm customer show ID`: the whole customer 360 view, as JSON or as text.
struct CustomerShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Everything the bank knows about one customer (客户统一视图), within your scope.",
        discussion: "A customer outside the --as staff member's scope is refused (exit 1), the same as an unknown one.")

    @Argument(help: "Customer id.") var customerID: String
    @Option(name: .customLong("as-of"), help: "Business date (default: the last loaded one).") var asOf: BusinessDate?
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try database.open()
        let scope = try scope.scope(in: db, for: .customerSearch)
        let view: Customer360Document
        do {
            view = try db.writer.read { db in
                guard let date = try asOf ?? LoadedDates.range(db)?.upperBound else { throw CommandFailure("no business date is loaded") }
                return try Customer360Document.read(db, customerID: customerID, scope: scope, asOf: date)
            }
        } catch QueryError.unknownCustomer(let id) where self.scope.staff != nil {
            throw self.scope.notVisible(id)
        }
        try self.scope.audit(db, action: "customer.view", target: customerID, detail: "crm customer show")
        if output.json {
            printJSON(view.json)
        } else {
            print(view.text)
        }
    }
}
