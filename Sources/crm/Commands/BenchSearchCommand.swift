import ArgumentParser
import CRMApp
import CRMCore
import CRMStore
import Foundation
import GRDB
import TUI

/// `crm bench-search`: customer search per keystroke (goal: at most 30 ms on 50,000 customers) and the customer 360
/// view's first frame (goal: at most 100 ms), for `make bench`.
///
/// Signed in as the first head-office user (every customer in scope), through the headless backend at 120x40, it
/// opens 全行客户查询 and types, key by key, the first characters of real names, their full pinyin and their
/// initials, clearing the field between words: each key's time runs from its arrival to the finished frame.
struct BenchSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search", abstract: "Measure customer search and the 360 view's first frame (for make bench).",
        shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Names to sample, evenly spread over the customers.") var words = 100

    func run() throws {
        TextLocale.activateUTF8ForTesting()
        let db = try database.open()
        let names = try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, pinyin, initials FROM app_customer_search ORDER BY customer_id")
        }
        guard !names.isEmpty, let app = try HeadlessApp(db) else {
            throw CommandFailure("\(database.resolvedPath) has no customers or no head-office user")
        }
        let open = app.press(.character("f"))
        let reading = app.idle()
        let step = max(1, names.count / words)
        let samples = stride(from: 0, to: names.count, by: step).map { names[$0] }
        var kinds: [(label: String, times: [Duration])] = [("name", []), ("pinyin", []), ("initials", [])]
        for row in samples {
            let typed: [String] = [String((row["name"] as String).prefix(4)), String((row["pinyin"] as String).prefix(8)),
                                   String((row["initials"] as String).prefix(4))]
            for (kind, text) in typed.enumerated() {
                for character in text { kinds[kind].times.append(app.press(.character(character))) }
                _ = app.press(.control("u"))
            }
        }
        let all = kinds.flatMap(\.times)
        print("customer search on \(names.count) customers as head office: open the screen \(open.millisecondsText) ms, "
              + "then \(reading.millisecondsText) ms reading them while idle; "
              + "per keystroke mean \(all.mean.millisecondsText) ms, p99 \(all.percentile(99).millisecondsText) ms, "
              + "max \(all.max()!.millisecondsText) ms over \(all.count) keys (goal <= 30 ms)")
        for kind in kinds {
            print("  \(kind.label): mean \(kind.times.mean.millisecondsText) ms, p99 \(kind.times.percentile(99).millisecondsText) ms")
        }
        try firstFrames(db, app: app, customers: samples.count)
    }

    /// The 360 view of sampled customers, from the request to open it to its first drawn frame.
    private func firstFrames(_ db: AppDatabase, app: HeadlessApp, customers count: Int) throws {
        let ids = try db.writer.read { db in
            try String.fetchAll(db, sql: "SELECT customer_id FROM app_customer_search ORDER BY customer_id")
        }
        let step = max(1, ids.count / count)
        var times: [Duration] = []
        for id in stride(from: 0, to: ids.count, by: step).map({ ids[$0] }) {
            let start = ContinuousClock.now
            app.shell.openCustomer(id)
            app.loop.draw()
            times.append(ContinuousClock.now - start)
            app.shell.pop()
        }
        print("customer 360 first frame on \(times.count) customers: mean \(times.mean.millisecondsText) ms, "
              + "p99 \(times.percentile(99).millisecondsText) ms, max \(times.max()!.millisecondsText) ms (goal <= 100 ms)")
    }
}
