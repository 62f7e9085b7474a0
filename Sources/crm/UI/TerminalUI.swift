import ArgumentParser
import CRMApp
import CRMCore
import CRMStore
import Foundation
import TUI

/// Starts the full-screen UI over a database and gives the terminal back when it ends.
enum TerminalUI {
    static func run(database: AppDatabase, isDemo: Bool, signIn: StaffProfile?, options: UIOptions) throws {
        guard TextLocale.activate() else {
            throw CommandFailure("the terminal UI needs a UTF-8 locale to measure Chinese text; "
                                 + "run with LANG=C.UTF-8 (or zh_CN.UTF-8) set")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure("the terminal UI needs a terminal; use the query commands (crm alerts, crm balances ...) "
                                 + "or crm demo --no-tui in scripts")
        }
        let environment = ProcessInfo.processInfo.environment
        guard let language = Language.resolve(option: options.language, environment: environment) else {
            throw ValidationError("--lang \(options.language ?? ""): use zh-Hans or en")
        }
        let theme = try ThemeLocator.load(options.theme)
        let colour = (environment["NO_COLOR"] ?? "").isEmpty && theme.name != "mono"
        let services = try AppServices(database: database, clock: WallClock.system, isDemo: isDemo)
        let shell = try AppShell(services: services, language: language, plain: options.plain, signIn: signIn)
        let backend = NcursesBackend(theme: theme, colour: colour, mouse: options.mouse)
        defer { backend.close() }
        let loop = EventLoop(backend: backend, application: shell, minimumSize: AppShell.minimumSize,
                             tooSmall: { shell.tooSmallMessage(current: $0, needed: $1) })
        loop.run()
    }
}
