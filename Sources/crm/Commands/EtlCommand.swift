import ArgumentParser
import CRMBatch
import CRMCore
import CRMStore
import Foundation

extension SourceEncoding: ExpressibleByArgument {}

/// `crm etl`: load source extracts through the batch layers, or list a date's rejected rows.
struct EtlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Load date folders of source extracts through the batch layers, or list a date's rejected rows.",
        discussion: """
            Without --from, dates already loaded are skipped and loading continues after the last loaded date.
            With --from on or before the last loaded date, everything from that date on is rolled back and loaded again.
            Exit status 1 when a folder is refused (the days before it stay loaded) or when rejected rows pass
            the allowed share of the run (setting reject_share_max_pct, default 1%).
            """)

    @Option(help: "The folder holding YYYY-MM-DD date folders.")
    var source: String?

    @Option(help: "First business date to load.")
    var from: BusinessDate?

    @Option(help: "Last business date to load.")
    var to: BusinessDate?

    @Option(help: "Encoding of the files: utf8 or gb18030.")
    var encoding: SourceEncoding = .utf8

    @Option(help: "List the rows rejected on this business date instead of loading.")
    var rejects: BusinessDate?

    @Flag(help: "Print the seconds each step of each loaded date took.")
    var timings = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if source == nil && rejects == nil { throw ValidationError("give --source DIR to load, or --rejects DATE to list rejects") }
        if source != nil && rejects != nil { throw ValidationError("--source and --rejects do not go together") }
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() throws {
        // A wrong --source is reported before the database is created or touched.
        if let source { _ = try SourceDirectory.dateFolders(in: source) }
        let db = try database.open()
        if let rejects {
            try listRejects(db, date: rejects)
            return
        }
        let progress = BatchProgressPrinter()
        let summary = try BatchRunner(database: db, encoding: encoding).run(source: source!, from: from, to: to, progress: progress)
        progress.finish(summary.days.isEmpty ? "nothing to load: every date in range is loaded already" :
                            "loaded \(summary.days.count) business dates (\(summary.days.first!.date) to \(summary.days.last!.date))")
        if output.json {
            printJSON(.object([
                ("loaded_dates", .array(summary.days.map { .string($0.date.description) })),
                ("skipped_dates", .int(Int64(summary.skipped.count))),
                ("files", .array(summary.perFile.map { entry in
                    .object([("file", .string(entry.file.fileName)), ("loaded", .int(Int64(entry.counts.loaded))),
                             ("rejected", .int(Int64(entry.counts.rejected)))])
                })),
                ("loaded", .int(Int64(summary.loaded))), ("rejected", .int(Int64(summary.rejected))),
            ]))
        } else if !summary.days.isEmpty {
            var table = TextTable([("file", .left), ("loaded", .right), ("rejected", .right)])
            for entry in summary.perFile {
                table.add([entry.file.fileName, String(entry.counts.loaded), String(entry.counts.rejected)])
            }
            table.add(["total", String(summary.loaded), String(summary.rejected)])
            print(table.render())
        }
        if timings {
            for day in summary.days {
                let steps = day.stepSeconds.map { "\($0.step) \(String(format: "%.3f", $0.seconds))" }
                let total = day.stepSeconds.reduce(0) { $0 + $1.seconds }
                print("timings \(day.date) total \(String(format: "%.3f", total)): " + steps.joined(separator: ", "))
            }
        }
        if summary.rejected > 0 && !output.json {
            let dates = summary.days.filter { $0.rejected > 0 }.map(\.date.description)
            print("rejected rows: crm etl --rejects DATE for \(dates.prefix(5).joined(separator: ", "))\(dates.count > 5 ? ", ..." : "")")
        }
        if summary.exceedsRejectShare {
            throw CommandFailure("\(summary.rejected) of \(summary.loaded + summary.rejected) rows rejected, more than the allowed \(summary.rejectShareMaxPercent)%")
        }
    }

    private func listRejects(_ db: AppDatabase, date: BusinessDate) throws {
        let rows = try db.writer.read { try RejectQuery.rejected($0, on: date) }
        if output.json {
            printJSON(.array(rows.map { row in
                .object([("file", .string(row.file)), ("line", .int(Int64(row.line))),
                         ("column", row.column.map(JSONValue.string) ?? .null), ("reason", .string(row.reason))])
            }))
            return
        }
        var table = TextTable([("file", .left), ("line", .right), ("column", .left), ("reason", .left)])
        for row in rows { table.add([row.file, String(row.line), row.column ?? "", row.reason]) }
        print(rows.isEmpty ? "no rejected rows on \(date)" : table.render())
    }
}
