// End-to-end tests of the terminal UI: the built `crm` binary runs the tiny demo bank inside a
// detached tmux session, the test types keys with `send-keys` and reads the screen with
// `capture-pane -p`, polling for expected text (never sleeping for correctness).
//
// Needs tmux and `.build/debug/crm` (run `swift build` first; `make test` does). Without either
// the tests are skipped with the reason. Set CRM_E2E_BINARY to drive another binary.

import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class TerminalUITests: XCTestCase {
    /// The repository root: three levels up from Tests/EndToEndTests/TerminalUITests.swift.
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first start generates and loads the tiny bank; later steps only redraw.
    static let startupTimeout: TimeInterval = 120
    static let stepTimeout: TimeInterval = 20

    private var tempDir: URL!
    private var tmux: TmuxSession!
    private var crmBinary: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let tmuxPath = TmuxSession.findExecutable("tmux") else {
            throw XCTSkip("tmux is not installed (apt-get install tmux); the terminal UI end-to-end tests need it")
        }
        let binary = ProcessInfo.processInfo.environment["CRM_E2E_BINARY"]
            ?? Self.repoRoot.appendingPathComponent(".build/debug/crm").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("the crm binary is missing at \(binary); run `swift build` first (make test does)")
        }
        crmBinary = binary
        tempDir = FileManager.default.temporaryDirectory
            .appendingPathComponent("crm-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: tempDir, withIntermediateDirectories: true)
        tmux = TmuxSession(tmux: tmuxPath,
                           socket: "crm-e2e-\(getpid())-\(UUID().uuidString.prefix(8))",
                           workDir: tempDir, cwd: Self.repoRoot.path)
    }

    override func tearDownWithError() throws {
        tmux?.killServer()
        tmux?.killLeftoverCRM()
        // Keep the folder (screens of failed waits, the database) when the test failed.
        if let tempDir, let run = testRun, run.totalFailureCount == 0, run.unexpectedExceptionCount == 0 {
            try? FileManager.default.removeItem(at: tempDir)
        } else if let tempDir {
            print("TerminalUITests: kept \(tempDir.path) for inspection")
        }
        try super.tearDownWithError()
    }

    // MARK: - Tests

    /// Home screen, cockpit drill-down two levels, help, palette by pinyin initials, resizes
    /// (80x24, too small, back to 120x40), then `Q` restores the terminal.
    func testWorkbenchCockpitHelpPaletteResizeAndQuit() throws {
        try launchDemo()
        let home = try waitForHome(timeout: Self.startupTimeout)
        XCTAssertTrue(home.rows[0].contains("工作台"), "title bar of the home screen: \(home.rows[0])")
        assertEveryRow(home, hasWidth: 120)

        // Cockpit: the team at the root, its managers in the 下级 table.
        tmux.send("d")
        let team = try tmux.waitFor("cockpit for the team", timeout: Self.stepTimeout) {
            $0.rows[0].contains("驾驶舱") && !$0.rows[0].contains("驾驶舱 · ") && $0.contains("┌ 下级")
        }
        let managers = childRows(team)
        XCTAssertFalse(managers.isEmpty, "the team's 下级 table lists its managers")
        // Drill into the first manager who has customers (the lead may be listed with none).
        let managerIndex = try XCTUnwrap(managers.firstIndex { $0.count > 0 },
                                         "no manager with customers in the team table")
        let manager = managers[managerIndex]
        for _ in 0..<managerIndex { tmux.send("Down") }
        _ = try tmux.waitFor("row \(managerIndex + 1) selected in 下级", timeout: Self.stepTimeout) {
            $0.contains("┌ 下级 \(managerIndex + 1)/")
        }
        tmux.send("Enter")
        let managerLevel = try tmux.waitFor("drilled into manager \(manager.name)", timeout: Self.stepTimeout) {
            $0.rows[0].contains("驾驶舱 · \(manager.name)") && $0.contains("┌ 下级")
        }
        XCTAssertFalse(managerLevel.rows[0].contains("›", after: "驾驶舱 · \(manager.name)"),
                       "one level below the team: \(managerLevel.rows[0])")
        let customers = childRows(managerLevel)
        XCTAssertFalse(customers.isEmpty, "manager \(manager.name) has customers to drill into")
        let customer = try XCTUnwrap(customers.first)
        let customerName = customer.name.hasSuffix("…") ? String(customer.name.dropLast()) : customer.name

        // Second level: the customer under the manager; the breadcrumb grows again.
        tmux.send("Enter")
        let customerLevel = try tmux.waitFor("drilled into customer \(customerName)", timeout: Self.stepTimeout) {
            $0.rows[0].contains("驾驶舱 · \(manager.name) › ") && $0.rows[0].contains(customerName)
        }
        XCTAssertTrue(customerLevel.contains(customerName))

        // Back to the manager (Esc), then drill up to the team (u).
        tmux.send("Escape")
        _ = try tmux.waitFor("back at manager \(manager.name)", timeout: Self.stepTimeout) {
            $0.rows[0].contains("驾驶舱 · \(manager.name)") && !$0.rows[0].contains(customerName)
                && $0.contains("┌ 下级")
        }
        tmux.send("u")
        let teamAgain = try tmux.waitFor("drilled up to the team", timeout: Self.stepTimeout) {
            $0.rows[0].contains("驾驶舱") && !$0.rows[0].contains("驾驶舱 · ") && $0.contains("┌ 下级")
        }

        // Help opens over the cockpit; another key closes it and leaves the cockpit as it was.
        tmux.send("?")
        _ = try tmux.waitFor("help box", timeout: Self.stepTimeout) {
            $0.contains("帮助 — 按任意键关闭，↑↓ 滚动")
        }
        tmux.send("Escape")
        let afterHelp = try tmux.waitFor("help closed", timeout: Self.stepTimeout) {
            !$0.contains("帮助 — 按任意键关闭") && $0.contains("┌ 下级")
        }
        XCTAssertEqual(afterHelp.rows[0], teamAgain.rows[0], "closing help keeps the screen underneath")

        // Palette: pinyin initials find 日程安排, Enter runs it.
        tmux.send(":")
        _ = try tmux.waitFor("palette box", timeout: Self.stepTimeout) { $0.contains("┌ 功能检索") }
        tmux.sendLiteral("rcap")
        _ = try tmux.waitFor("palette filtered by rcap to 日程安排", timeout: Self.stepTimeout) {
            $0.contains("> rcap") && $0.contains("日程安排")
                && !$0.contains("数据展示驾驶舱") && !$0.contains("客户经理工作台")
        }
        tmux.send("Enter")
        _ = try tmux.waitFor("schedule screen", timeout: Self.stepTimeout) {
            $0.rows[0].contains("日程安排") && !$0.rows[0].contains("驾驶舱") && !$0.contains("┌ 功能检索")
        }

        // 80x24: the minimum size still shows the UI, every row exactly 80 wide.
        try tmux.resize(width: 80, height: 24)
        let small = try tmux.waitFor("UI redrawn at 80x24", timeout: Self.stepTimeout) {
            $0.isRedrawnFrame(width: 80, height: 24) && $0.rows[0].contains("日程安排")
        }
        assertEveryRow(small, hasWidth: 80)

        // 60x20: too small; the message names the minimum.
        try tmux.resize(width: 60, height: 20)
        _ = try tmux.waitFor("too-small message at 60x20", timeout: Self.stepTimeout) {
            $0.rows.count == 20 && $0.contains("终端窗口太小") && $0.contains("至少需要 80×24")
        }

        // Back to 120x40: the UI recovers on the same screen.
        try tmux.resize(width: 120, height: 40)
        let recovered = try tmux.waitFor("UI recovered at 120x40", timeout: Self.stepTimeout) {
            $0.isRedrawnFrame(width: 120, height: 40) && $0.rows[0].contains("日程安排")
                && !$0.contains("终端窗口太小")
        }
        assertEveryRow(recovered, hasWidth: 120)

        // Q quits at once and the terminal is restored.
        tmux.send("Q")
        try assertExitedAndRestored(acceptedStatuses: [0], after: "Q")
    }

    /// SIGTERM ends the event loop and restores the terminal: once from the home screen with the
    /// quit dialog open, once on a second start of the same database inside the cockpit.
    func testSIGTERMRestoresTerminal() throws {
        try launchDemo()
        _ = try waitForHome(timeout: Self.startupTimeout)
        tmux.send("Escape")
        _ = try tmux.waitFor("quit confirmation dialog", timeout: Self.stepTimeout) {
            $0.contains("退出对公客户关系管理系统？")
        }
        try terminateCRM()
        try assertExitedAndRestored(acceptedStatuses: [0, 143], after: "SIGTERM with the quit dialog open")

        // Second start on the same database and cache: no generation, straight to the UI.
        tmux.killServer()
        try launchDemo()
        _ = try waitForHome(timeout: Self.startupTimeout)
        tmux.send("d")
        _ = try tmux.waitFor("cockpit", timeout: Self.stepTimeout) {
            $0.rows[0].contains("驾驶舱") && $0.contains("┌ 下级")
        }
        try terminateCRM()
        try assertExitedAndRestored(acceptedStatuses: [0, 143], after: "SIGTERM in the cockpit")
    }

    // MARK: - Steps

    private var pidFile: URL { tempDir.appendingPathComponent("crm.pid") }

    /// Starts `crm demo --scale tiny --as lead` in a fresh 120x40 tmux session. The wrapper prints
    /// `CRM-EXITED rc=N` when crm ends and keeps the pane alive so the test can read it.
    private func launchDemo() throws {
        try? FileManager.default.removeItem(at: pidFile)
        let script = tempDir.appendingPathComponent("run-crm.sh")
        let q = TmuxSession.shellQuote
        let text = """
            #!/bin/sh
            export LANG=C.UTF-8
            unset LC_ALL LC_CTYPE LC_MESSAGES LANGUAGE CRM_DB NO_COLOR
            export XDG_CACHE_HOME=\(q(tempDir.appendingPathComponent("cache").path))
            export XDG_CONFIG_HOME=\(q(tempDir.appendingPathComponent("config").path))
            export XDG_DATA_HOME=\(q(tempDir.appendingPathComponent("data").path))
            sh -c 'echo $$ > "$0" && exec "$@"' \(q(pidFile.path)) \(q(crmBinary)) \\
                demo --scale tiny --as lead --db \(q(tempDir.appendingPathComponent("crm.sqlite").path))
            echo "CRM-EXITED rc=$?"
            exec sleep 600

            """
        try text.write(to: script, atomically: true, encoding: .utf8)
        try tmux.start(width: 120, height: 40, command: "sh \(q(script.path))")
        tmux.pidFile = pidFile
    }

    /// The home screen (客户经理工作台 for the lead): title bar on row 1, F-key bar at the bottom.
    private func waitForHome(timeout: TimeInterval,
                             file: StaticString = #filePath, line: UInt = #line) throws -> Screen {
        try tmux.waitFor("home screen (工作台)", timeout: timeout, file: file, line: line) {
            $0.rows.count >= 2 && $0.rows[0].contains("工作台") && $0.rows.contains { $0.contains("F10退出") }
        }
    }

    /// Sends SIGTERM to the crm process (its pid comes from the wrapper's pid file).
    private func terminateCRM() throws {
        let pid = try XCTUnwrap(tmux.crmPid(), "no live crm process found from \(pidFile.path)")
        XCTAssertEqual(kill(pid, SIGTERM), 0, "kill -TERM \(pid)")
    }

    /// The wrapper printed the exit marker with an accepted status, and crm left the alternate
    /// screen and showed the cursor again.
    private func assertExitedAndRestored(acceptedStatuses: Set<Int>, after action: String,
                                         file: StaticString = #filePath, line: UInt = #line) throws {
        let screen = try tmux.waitFor("CRM-EXITED marker after \(action)", timeout: Self.stepTimeout,
                                      file: file, line: line) {
            $0.exitStatus != nil
        }
        let status = try XCTUnwrap(screen.exitStatus)
        XCTAssertTrue(acceptedStatuses.contains(status),
                      "crm exited with rc=\(status) after \(action); expected one of \(acceptedStatuses.sorted())",
                      file: file, line: line)
        XCTAssertEqual(tmux.display("#{alternate_on}"), "0",
                       "alternate screen still on after \(action)", file: file, line: line)
        XCTAssertEqual(tmux.display("#{cursor_flag}"), "1",
                       "cursor still hidden after \(action)", file: file, line: line)
        XCTAssertFalse(screen.contains("F10退出"), "the UI is no longer on screen after \(action)",
                       file: file, line: line)
    }

    private func assertEveryRow(_ screen: Screen, hasWidth width: Int,
                                file: StaticString = #filePath, line: UInt = #line) {
        for (index, row) in screen.rows.enumerated() where displayWidth(row) != width {
            let path = tmux.saveScreen(screen, label: "width")
            XCTFail("row \(index + 1) is \(displayWidth(row)) columns wide, not \(width); screen saved to \(path)",
                    file: file, line: line)
            return
        }
    }

    /// One data row of the cockpit's 下级 table: the name and the last column (客户数).
    struct ChildRow { var name: String; var count: Int }

    /// The rows of the box titled 下级 (at the left edge): after its header row (名称 ...) up to the
    /// box's bottom edge.
    private func childRows(_ screen: Screen) -> [ChildRow] {
        guard let top = screen.rows.firstIndex(where: { $0.hasPrefix("┌ 下级") }) else { return [] }
        var rows: [ChildRow] = []
        for row in screen.rows[(top + 2)...] {
            if row.hasPrefix("└") { break }
            // The box's own cell: between its left edge and the next edge (boxes may sit beside it).
            guard row.hasPrefix("│") else { break }
            let cell = row.dropFirst().prefix { $0 != "│" }
            let inner = cell.trimmingCharacters(in: .whitespaces)
            guard !inner.isEmpty else { continue }
            let fields = inner.split(separator: " ", omittingEmptySubsequences: true)
            guard let name = fields.first, let last = fields.last, let count = Int(last) else { continue }
            rows.append(ChildRow(name: String(name), count: count))
        }
        return rows
    }
}

// MARK: - Screen

/// One `capture-pane -p -N` capture: the rows with trailing spaces kept.
struct Screen {
    var rows: [String]
    var text: String { rows.joined(separator: "\n") }

    init(_ captured: String) {
        var rows = captured.components(separatedBy: "\n")
        if rows.last == "" { rows.removeLast() }
        self.rows = rows
    }

    func contains(_ s: String) -> Bool { text.contains(s) }

    /// The status the wrapper printed as `CRM-EXITED rc=N`, if it has.
    var exitStatus: Int? {
        for row in rows {
            guard let range = row.range(of: "CRM-EXITED rc=") else { continue }
            let digits = row[range.upperBound...].prefix { $0.isNumber }
            if let status = Int(digits) { return status }
        }
        return nil
    }

    /// A frame drawn for this size: the right row count, and box corners on the last column,
    /// which a frame drawn for a wider window and cut by tmux would not have.
    func isRedrawnFrame(width: Int, height: Int) -> Bool {
        rows.count == height
            && rows.allSatisfy { displayWidth($0) == width }
            && rows.contains { $0.hasPrefix("┌") && $0.hasSuffix("┐") }
            && rows.contains { $0.hasPrefix("└") && $0.hasSuffix("┘") }
    }
}

extension String {
    /// Whether `needle` occurs in the text after the first occurrence of `marker`.
    func contains(_ needle: String, after marker: String) -> Bool {
        guard let range = range(of: marker) else { return false }
        return self[range.upperBound...].contains(needle)
    }
}

/// Display width in terminal columns, from the C library's wcwidth in C.UTF-8 (as the app and
/// ncurses measure). Set per call on this thread only, so the process locale is left alone.
func displayWidth(_ s: String) -> Int {
    #if canImport(Glibc)
    guard let locale = TerminalUITestsLocale.utf8 else { return s.count }
    let previous = uselocale(locale)
    defer { uselocale(previous) }
    #endif
    var width = 0
    for scalar in s.unicodeScalars {
        let w = Int(systemWCWidth(wchar_t(bitPattern: scalar.value)))
        width += max(w, 0)
    }
    return width
}

/// glibc's wcwidth, which Swift's Glibc module leaves out (declared only under _XOPEN_SOURCE).
@_silgen_name("wcwidth")
private func systemWCWidth(_ character: wchar_t) -> Int32

#if canImport(Glibc)
enum TerminalUITestsLocale {
    nonisolated(unsafe) static let utf8: locale_t? = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
}
#endif

// MARK: - TmuxSession

/// A detached tmux session on its own server socket (`tmux -L`), driven like a user would.
final class TmuxSession {
    let tmux: String
    /// The name the sockets are made from; every `start` takes a new one.
    let socketBase: String
    /// The socket of the current server. A server that was just killed may still be closing its
    /// socket, and a client connecting to it then fails with "server exited unexpectedly", so a
    /// restart never reuses the name.
    private(set) var socket: String
    private var starts = 0
    let workDir: URL
    let cwd: String
    let sessionName = "crm"
    var pidFile: URL?
    private var savedScreens = 0

    init(tmux: String, socket: String, workDir: URL, cwd: String) {
        self.tmux = tmux
        self.socketBase = socket
        self.socket = socket
        self.workDir = workDir
        self.cwd = cwd
    }

    /// Starts the server and a 120x40-style detached session running `command`; the window size
    /// is manual so `resize-window` takes effect without a client.
    func start(width: Int, height: Int, command: String) throws {
        starts += 1
        socket = "\(socketBase)-\(starts)"
        let result = run(["new-session", "-d", "-s", sessionName, "-x", "\(width)", "-y", "\(height)",
                          "-c", cwd, command,
                          ";", "set-option", "-g", "window-size", "manual",
                          ";", "set-option", "-g", "remain-on-exit", "on"])
        guard result.status == 0 else {
            throw TmuxError("tmux new-session failed (\(result.status)): \(result.err)")
        }
    }

    /// `send-keys` with tmux key names (Enter, Escape, Down, F1, C-p) or single characters.
    func send(_ keys: String...) {
        let result = run(["send-keys", "-t", sessionName] + keys)
        if result.status != 0 { XCTFail("tmux send-keys \(keys) failed: \(result.err)") }
    }

    /// Types text literally.
    func sendLiteral(_ text: String) {
        let result = run(["send-keys", "-t", sessionName, "-l", text])
        if result.status != 0 { XCTFail("tmux send-keys -l \(text) failed: \(result.err)") }
    }

    /// The visible pane, trailing spaces kept (-N) so every row's width can be checked.
    func screen() -> Screen {
        Screen(run(["capture-pane", "-p", "-N", "-t", sessionName]).out)
    }

    func display(_ format: String) -> String {
        run(["display-message", "-p", "-t", sessionName, format]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        let result = run(["resize-window", "-t", sessionName, "-x", "\(width)", "-y", "\(height)"])
        guard result.status == 0 else { throw TmuxError("tmux resize-window failed: \(result.err)") }
    }

    /// Polls the screen every 100 ms until `predicate` holds. On timeout the last screen goes to a
    /// file in the work folder (failure messages full of Chinese can get lost) and into the error.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval,
                 file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (Screen) -> Bool) throws -> Screen {
        let deadline = Date().addingTimeInterval(timeout)
        var last = screen()
        while true {
            if predicate(last) { return last }
            if Date() >= deadline { break }
            usleep(100_000)
            last = screen()
        }
        let path = saveScreen(last, label: what)
        print("TerminalUITests: timed out after \(Int(timeout)) s waiting for \(what); last screen:\n\(last.text)")
        XCTFail("timed out after \(Int(timeout)) s waiting for \(what); last screen saved to \(path):\n\(last.text)",
                file: file, line: line)
        throw TmuxError("stopped: timed out waiting for \(what) (see \(path))")
    }

    /// Waits for `text` anywhere on the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval,
                 file: StaticString = #filePath, line: UInt = #line) throws -> Screen {
        try waitFor("\"\(text)\"", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// Writes a screen to a numbered file in the work folder and returns its path.
    func saveScreen(_ screen: Screen, label: String) -> String {
        savedScreens += 1
        let safe = label.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" }
        let url = workDir.appendingPathComponent("screen-\(savedScreens)-\(String(safe).prefix(40)).txt")
        try? (screen.text + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The crm process the wrapper started, if it is still running.
    func crmPid() -> pid_t? {
        guard let pidFile,
              let text = try? String(contentsOf: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1,
              let cmdline = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
              cmdline.contains("crm")
        else { return nil }
        return pid
    }

    func killServer() {
        _ = run(["kill-server"])
    }

    /// After the server is gone, a crm that ignored SIGHUP would linger: end it by its pid.
    func killLeftoverCRM() {
        guard let pid = crmPid() else { return }
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, kill(pid, 0) == 0, crmPid() != nil { usleep(50_000) }
        if crmPid() != nil {
            XCTFail("crm (pid \(pid)) was still running after the tmux server was killed")
            kill(pid, SIGKILL)
        }
    }

    // MARK: Process plumbing

    struct Result { var status: Int32; var out: String; var err: String }

    /// Runs one tmux client command and returns its status and output. Uses posix_spawn and
    /// waitpid rather than Foundation's Process, whose waitUntilExit sometimes never saw the tmux
    /// client (which forks the server) exit. Output goes through files, so a daemonised server
    /// holding an inherited descriptor can never keep a read waiting.
    @discardableResult
    func run(_ arguments: [String]) -> Result {
        var env = ProcessInfo.processInfo.environment
        for key in ["TMUX", "TMUX_PANE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LANGUAGE"] { env[key] = nil }
        env["LANG"] = "C.UTF-8"
        if env["TERM"] == nil || env["TERM"] == "dumb" { env["TERM"] = "xterm-256color" }
        let argv = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
        let envp = env.map { "\($0.key)=\($0.value)" }
        let outPath = workDir.appendingPathComponent(".tmux-out").path
        let errPath = workDir.appendingPathComponent(".tmux-err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var pid = pid_t()
        let spawned = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in
                posix_spawn(&pid, tmux, &actions, nil, cArgv, cEnvp)
            }
        }
        guard spawned == 0 else {
            return Result(status: -1, out: "", err: "posix_spawn \(tmux) failed: errno \(spawned)")
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand (the macros are not imported).
        let status: Int32 = (waitStatus & 0x7f) == 0 ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: status, out: out, err: err)
    }

    private func withCStrings<R>(_ strings: [String],
                                 _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Single-quotes a word for sh.
    static func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
