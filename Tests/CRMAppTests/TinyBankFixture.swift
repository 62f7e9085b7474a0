@testable import CRMApp
import CRMBatch
import CRMCore
import CRMStore
import Foundation
import TUI

/// The tiny demo bank loaded once per test process into a scratch database, with the demo announcements.
/// Tests that write (schedules, announcements) use `fresh()`, a copy of their own.
enum TinyBankFixture {
    static let seed: UInt64 = 42
    static let start = BusinessDate("2025-01-01")!
    static let folder = NSTemporaryDirectory() + "crm-app-tests-\(getpid())"
    /// 09:00 on the day after the last business date, Shanghai time.
    static let clock: WallClock = .fixed(date: lastDate.adding(days: 1), hour: 9)

    static let path: String = {
        try? FileManager.default.removeItem(atPath: folder)
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A static lives until the process ends, so its folder goes then.
        atexit { try? FileManager.default.removeItem(atPath: TinyBankFixture.folder) }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let source = folder + "/crm/demo-tiny"
        try! BankGenerator(scale: .tiny, seed: seed, start: start, days: GeneratorScale.tiny.defaultDays,
                           dataDirectory: repository.appendingPathComponent("data").path).write(to: source)
        let path = folder + "/bank.sqlite"
        let database = try! AppDatabase.open(path: path)
        _ = try! BatchRunner(database: database).run(source: source)
        try! DemoContent.seed(database, seed: seed)
        return path
    }()

    static var lastDate: BusinessDate {
        start.adding(days: GeneratorScale.tiny.defaultDays - 1)
    }

    /// A private copy of the loaded bank.
    static func fresh() throws -> AppDatabase {
        let copy = folder + "/copy-\(UUID().uuidString).sqlite"
        let source = try AppDatabase.open(path: path)
        try source.writer.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [copy])
        }
        return try AppDatabase.open(path: copy)
    }

    /// A shell signed in as the first demo user of `role`, on a private copy of the bank.
    static func shell(as role: StaffRole, language: Language = .chinese, plain: Bool = false) throws -> AppShell {
        let database = try fresh()
        let services = try AppServices(database: database, clock: clock, isDemo: true)
        let profile = try database.writer.read { try StaffDirectory.firstActive($0, role: role) }!
        return try AppShell(services: services, language: language, plain: plain, signIn: profile)
    }
}

/// Drives a shell through the headless backend as the terminal would.
final class HeadlessSession {
    let shell: AppShell
    let backend: HeadlessBackend
    let loop: EventLoop

    init(_ shell: AppShell, size: Size) {
        TextLocale.activateUTF8ForTesting()
        self.shell = shell
        backend = HeadlessBackend(size: size)
        loop = EventLoop(backend: backend, application: shell, minimumSize: AppShell.minimumSize,
                         tooSmall: { shell.tooSmallMessage(current: $0, needed: $1) })
        loop.draw()
    }

    /// Sends keys one at a time, drawing after each as the event loop does.
    func press(_ keys: Key...) { press(keys) }

    func press(_ keys: [Key]) {
        backend.enqueue(keys: keys)
        for _ in keys { _ = loop.step(timeoutMilliseconds: 0) }
    }

    /// Types text character by character, as an input method delivers it.
    func type(_ text: String) { press(text.map { Key.character($0) }) }

    func resize(_ size: Size) {
        backend.resize(to: size)
        _ = loop.step(timeoutMilliseconds: 0)
    }

    var screen: String { backend.screen.text }
    var grid: Grid { backend.screen }
}
