import ArgumentParser
import CRMCore
import CRMStore
import Foundation

/// `crm report`: the customer reports (客户类报表) as CSV or Markdown, within the --as staff member's scope.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Customer reports (客户类报表) as CSV or Markdown, within your scope; --list names them.",
        discussion: """
            CSV is UTF-8 with a byte-order mark and CRLF line ends, for spreadsheet programs. Amounts are yuan with \
            two decimals. Without --out the report goes to standard output; with it, the file is replaced whole.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, md
    }

    @Flag(help: "List the reports: name, title and what each lists.") var list = false
    @Argument(help: "The report's name (see --list).") var name: String?
    @Option(help: "Output format: csv or md.") var format: Format = .md
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @Option(name: .customLong("as-of"), help: "Business date (default: the last loaded one).") var asOf: BusinessDate?
    @Option(help: "Only this conglomerate's members (for a roll-up, only this conglomerate).") var conglomerate: String?
    @Option(help: "The marketing reports: count activity from this day.") var from: BusinessDate?
    @Option(help: "The marketing reports: count activity up to this day.") var to: BusinessDate?
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if list {
            if name != nil { throw ValidationError("--list takes no report name") }
            return
        }
        guard let name else { throw ValidationError("name a report, or use --list") }
        if ReportRegistry.named(name) == nil {
            throw ValidationError("no report '\(name)'; the reports are: \(ReportRegistry.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        if list {
            var table = TextTable([("名称 name", .left), ("标题 title", .left), ("内容 contents", .left)])
            for report in ReportRegistry.all {
                table.add([report.name, "\(report.chineseTitle) \(report.englishTitle)", report.summary])
            }
            print(table.render())
            print("\nEvery report takes --as-of DATE (default: the last loaded date) and --conglomerate ID;"
                  + " the marketing ones also --from DATE and --to DATE.")
            return
        }
        let destination = try out.map(Self.checkedDestination)
        let db = try database.open()
        let scope = try scope.scope(in: db, for: .customerSearch)
        let request = ReportRequest(asOf: asOf, conglomerateID: conglomerate, from: from, to: to)
        let table = try db.writer.read { try ReportRegistry.named(name!)!.run($0, scope: scope, request: request) }
        let text = format == .csv ? ReportCSV.render(table) : ReportMarkdown.render(table)
        guard let destination else {
            try self.scope.audit(db, action: "report", target: name!, detail: "\(format) rows \(table.rows.count)")
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: destination, options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(destination.path): \(describe(error))")
        }
        try self.scope.audit(db, action: "export", target: name!, detail: "\(format) rows \(table.rows.count) to \(destination.path)")
    }

    /// The file URL for `path`, refused (exit 1) when its folder does not exist.
    private static func checkedDestination(_ path: String) throws -> URL {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure("folder \(folder) does not exist (for --out \(path))")
        }
        return url
    }
}
