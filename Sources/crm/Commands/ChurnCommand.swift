import ArgumentParser
import CRMCore
import CRMStore

/// `crm churn`: the churn warnings (客户流失预警) of a business date.
struct ChurnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "churn", abstract: "Churn warnings (客户流失预警) of a business date: score, band and the signals that fired.")

    @Option(name: .customLong("as-of"), help: "Business date.") var asOf: BusinessDate
    @Option(help: "Only this band: red, amber or green.") var band: String?
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let band, ChurnBand(rawValue: band.uppercased()) == nil { throw ValidationError("--band is red, amber or green, not \(band)") }
    }

    func run() throws {
        let db = try database.open()
        let scope = try scope.scope(in: db, for: .customerSearch)
        let warnings = try db.writer.read {
            try ChurnQuery.warnings($0, asOf: asOf, scope: scope, band: band.flatMap { ChurnBand(rawValue: $0.uppercased()) })
        }
        try self.scope.audit(db, action: "query.churn", target: asOf.description, detail: "\(warnings.count) customers")
        if output.json {
            printJSON(.array(warnings.map { warning in
                .object([("customer_id", .string(warning.customerID)), ("score", .int(Int64(warning.score))),
                         ("band", .string(warning.band.rawValue)),
                         ("signals", .array(warning.signals.map { signal in
                             .object([("code", .string(signal.code.rawValue)), ("points", .int(Int64(signal.points))),
                                      ("text", .string(signal.text))])
                         }))])
            }))
            return
        }
        guard !warnings.isEmpty else {
            print("no churn signals on \(asOf)")
            return
        }
        var table = TextTable([("客户号", .left), ("客户名称", .left), ("评分", .right), ("等级", .left), ("信号 signals", .left)])
        for warning in warnings {
            table.add([warning.customerID, warning.customerName, String(warning.score), warning.band.chinese,
                       warning.signals.map { "\($0.code.rawValue)+\($0.points)" }.joined(separator: " ")])
        }
        print(table.render())
    }
}
