import ArgumentParser
import CRMApp
import CRMCore
import CRMStore
import Foundation
import TUI

/// `crm bench-ui`: the terminal UI's speed figures for `make bench`, measured in-process through the headless
/// backend (so the terminal emulator's own speed is left out), each beside its goal or a baseline of the same run.
struct BenchUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ui", abstract: "Measure the terminal UI (for make bench).", shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Only the first frame of every module.") var screens = false

    func run() throws {
        TextLocale.activateUTF8ForTesting()
        if !screens {
            try firstFrame()
            scrolling()
            try drillDown()
        }
        try moduleFrames()
    }

    /// Key-to-frame time of opening every module a relationship manager and head office may open, each from the
    /// workbench (goal: 100 ms).
    private func moduleFrames() throws {
        for role: StaffRole in [.relationshipManager, .headOffice] {
            guard let app = try HeadlessApp(try database.open(), as: role) else { continue }
            var times: [(String, Duration)] = []
            for command in CommandRegistry.all where command.scope == .module && command.id != .home && app.shell.session.may(command) {
                _ = app.press(.function(2))
                guard let key = command.keys.first else { continue }
                let time = app.press(key)
                guard app.shell.current.kind.rawValue == command.id.rawValue else {
                    throw CommandFailure("\(command.id.rawValue) did not open as \(role.englishName.lowercased())")
                }
                times.append((command.id.rawValue, time))
            }
            let worst = times.max { $0.1 < $1.1 }
            print("first frames as \(role.englishName.lowercased()): "
                  + times.map { "\($0.0) \($0.1.millisecondsText)" }.joined(separator: ", ")
                  + " ms; slowest \(worst?.0 ?? "-") \(worst?.1.millisecondsText ?? "-") ms (goal <= 100 ms)")
        }
    }

    /// Time from opening the database to the first frame of the head-office workbench (goal: 150 ms).
    private func firstFrame() throws {
        let opened = ContinuousClock.now
        let db = try database.open()
        let afterOpen = ContinuousClock.now
        let profile = try db.writer.read { try StaffDirectory.firstActive($0, role: .headOffice) }
        guard let profile else { throw CommandFailure("\(database.resolvedPath) has no head-office user; build it with crm demo") }
        let services = try AppServices(database: db, clock: .system, isDemo: true)
        let shell = try AppShell(services: services, language: .chinese, plain: false, signIn: profile)
        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        EventLoop(backend: backend, application: shell, minimumSize: AppShell.minimumSize, tooSmall: { _, _ in [] }).draw()
        let drawn = ContinuousClock.now
        print("first frame: open \((afterOpen - opened).millisecondsText) ms, first frame \((drawn - afterOpen).millisecondsText) ms after open "
              + "(goal <= 150 ms), head-office workbench at 120x40")
    }

    /// Keystrokes on a 100,000-row table: key-to-frame time, and cells drawn against cells changed, beside a
    /// baseline that redraws every frame whole.
    private func scrolling() {
        let rows = (0..<100_000).map { index -> [String] in
            ["福州\(["春晖", "同达", "八闽", "睿信", "九龙"][index % 5])贸易有限公司\(index)", String(format: "C%08d", index),
             Money.groupedYuanText(Int64(index) * 12_345_67), ["战略", "重点", "一般", "潜在"][index % 4]]
        }
        let keys: [Key] = Array(repeating: .down, count: 400) + Array(repeating: .pageDown, count: 200)
            + Array(repeating: .up, count: 200) + [.end, .home]
        func measure(fullRedraw: Bool) -> (times: [Duration], drawn: Int, changed: Int, worstExtra: Int) {
            let app = TableApplication(rows: rows)
            let backend = HeadlessBackend(size: Size(width: 120, height: 40))
            let loop = EventLoop(backend: backend, application: app, minimumSize: Size(width: 80, height: 24), tooSmall: { _, _ in [] })
            loop.draw()
            var times: [Duration] = [], drawn = 0, changed = 0, worstExtra = 0
            for key in keys {
                backend.enqueue(keys: [key])
                if fullRedraw { loop.invalidate() }
                let start = ContinuousClock.now
                _ = loop.step(timeoutMilliseconds: 0)
                times.append(ContinuousClock.now - start)
                drawn += loop.lastDrawnCells
                changed += loop.lastChangedCells
                worstExtra = max(worstExtra, loop.lastDrawnCells - loop.lastChangedCells)
            }
            return (times, drawn, changed, worstExtra)
        }
        let diffed = measure(fullRedraw: false)
        let whole = measure(fullRedraw: true)
        print("100,000-row table, \(keys.count) keys at 120x40: per key mean \(diffed.times.mean.microsecondsText) µs, "
              + "p99 \(diffed.times.percentile(99).microsecondsText) µs, max \(diffed.times.max()!.microsecondsText) µs (goal <= 16,000 µs); "
              + "whole-frame redraw baseline mean \(whole.times.mean.microsecondsText) µs")
        print("cells per frame: drawn \(diffed.drawn / keys.count), changed \(diffed.changed / keys.count), "
              + "worst frame drew \(diffed.worstExtra) more than changed (goal 0); whole frame = \(120 * 40) cells")
    }

    /// Key-to-frame time of a cockpit drill-down and back up, as head office on this database.
    private func drillDown() throws {
        guard let app = try HeadlessApp(try database.open()) else { return }
        let open = app.press(.character("d"))
        var down: [Duration] = [], deeper: [Duration] = [], up: [Duration] = []
        for _ in 0..<20 {
            down.append(app.press(.enter))
            deeper.append(app.press(.enter))
            up.append(app.press(.character("u")))
            up.append(app.press(.character("u")))
        }
        print("cockpit as head office: open \(open.millisecondsText) ms; drill bank->line p50 \(down.percentile(50).millisecondsText) ms, "
              + "line->branch p50 \(deeper.percentile(50).millisecondsText) ms (p99 \(deeper.percentile(99).millisecondsText) ms), "
              + "drill up p50 \(up.percentile(50).millisecondsText) ms")
    }
}

/// A screen that is one table, for the scrolling figures.
private final class TableApplication: TerminalApplication {
    private var table: Table

    init(rows: [[String]]) {
        table = Table(columns: [TableColumn("客户名称", maxWidth: 40), TableColumn("客户号"), TableColumn("存款余额", kind: .number),
                                TableColumn("分层")],
                      source: ArrayTableSource(rows: rows))
    }

    func render(into grid: inout Grid) -> Point? {
        let inside = Box.draw(grid.bounds, title: "客户 \(table.position)", on: &grid, context: RenderContext())
        table.layout(in: inside)
        table.render(in: inside, on: &grid, context: RenderContext())
        return nil
    }

    func handle(_ event: InputEvent) -> Bool {
        if case .key(let key) = event { _ = table.handle(key) }
        return true
    }

    func idle() -> Bool { false }
}
