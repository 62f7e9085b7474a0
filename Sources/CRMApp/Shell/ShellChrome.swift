import TUI

/// The frame around every screen: the title bar with the breadcrumb, the status bar (user, org, business
/// date, connection and sync state) and the htop-style F-key bar.
struct ShellChrome {
    let shell: AppShell
    let language: Language
    let plain: Bool

    func text(_ zh: String, _ en: String) -> String { language == .chinese ? zh : en }

    /// Draws the chrome and returns the rectangle left for the screen.
    func draw(on grid: inout Grid) -> Rect {
        let rows = Split.rows(grid.bounds, [.fixed(1), .flex(1), .fixed(1), .fixed(1)])
        drawTitleBar(rows[0], on: &grid)
        drawStatusBar(rows[2], on: &grid)
        drawFunctionKeys(rows[3], on: &grid)
        return rows[1]
    }

    private func drawTitleBar(_ rect: Rect, on grid: inout Grid) {
        grid.fill(rect, style: Style(.statusBar))
        let separator = plain ? " > " : " › "
        let crumbs = shell.stack.map { $0.title(language) }.joined(separator: separator)
        let product = shell.services.isDemo ? text("锦程银行 对公客户关系管理", "Jincheng Bank Corporate CRM")
                                            : text("对公客户关系管理", "Corporate CRM")
        let right = (shell.services.isDemo ? text("演示 ", "DEMO ") : "") + text("? 帮助  : 功能检索 ", "? help  : find ")
        let rightWidth = DisplayWidth.of(right)
        let end = grid.put(" " + product, x: rect.x, y: rect.y, style: Style(.statusAccent), limit: rect.maxX - rightWidth)
        let room = rect.maxX - rightWidth - end - 1
        grid.put(DisplayWidth.truncateLeading(separator + crumbs, to: room), x: end, y: rect.y, style: Style(.statusBar),
                 limit: rect.maxX - rightWidth)
        grid.put(right, x: rect.maxX - rightWidth, y: rect.y, style: Style(.statusBar))
    }

    private func drawStatusBar(_ rect: Rect, on grid: inout Grid) {
        grid.fill(rect, style: Style(.statusBar))
        var parts: [String] = []
        if let session = try? shellSession() {
            let role = language == .chinese ? session.profile.role.chineseName : session.profile.role.englishName
            parts.append("\(session.profile.name) (\(role))")
            parts.append(session.profile.orgName)
        } else {
            parts.append(text("未登录", "Not signed in"))
        }
        let date = shell.services.businessDate?.description ?? text("无数据", "no data")
        parts.append(text("数据日期 ", "As of ") + date)
        let separator = plain ? " | " : " │ "
        guard let sync = shell.backgroundSync.status else {
            let full = " " + (parts + [text("单机模式（无需同步）", "Standalone (no sync)")]).joined(separator: separator)
            let line = DisplayWidth.of(full) <= rect.width ? full : " " + (parts + [text("单机", "Standalone")]).joined(separator: separator)
            grid.put(line, x: rect.x, y: rect.y, style: Style(.statusBar), limit: rect.maxX)
            return
        }
        // A replica: the sync segment on the right, never cut; the org gives way first, then the rest is cut.
        let segment = sync.text(language, now: shell.services.nowText, width: rect.width / 2) + " "
        let segmentX = rect.maxX - DisplayWidth.of(segment)
        let separatorX = segmentX - DisplayWidth.of(separator)
        let full = " " + parts.joined(separator: separator)
        let left = DisplayWidth.of(full) <= separatorX - rect.x || parts.count < 3
            ? full : " " + ([parts[0]] + parts.dropFirst(2)).joined(separator: separator)
        grid.put(DisplayWidth.truncate(left, to: separatorX - rect.x), x: rect.x, y: rect.y, style: Style(.statusBar), limit: separatorX)
        grid.put(separator, x: separatorX, y: rect.y, style: Style(.statusBar), limit: segmentX)
        let calm = sync.activity == .idle || sync.activity == .syncing
        grid.put(segment, x: segmentX, y: rect.y, style: Style(calm && sync.replica.issues == 0 ? .statusBar : .statusAccent,
                                                               bold: sync.activity == .revoked), limit: rect.maxX)
    }

    private func shellSession() throws -> Session? {
        shell.stack.first?.kind == .signIn ? nil : shell.session
    }

    /// htop-style keys, "F1帮助": with the letter alternative after each title when all of them fit.
    private func drawFunctionKeys(_ rect: Rect, on grid: inout Grid) {
        grid.fill(rect, style: Style(.keyLabel))
        let keys = CommandRegistry.functionKeys(on: shell.current.kind)
        let withLetters = keys.map { (number, command) in ("F\(number)", title(command, letter: true)) }
        let fits = withLetters.reduce(0) { $0 + DisplayWidth.of($1.0) + DisplayWidth.of($1.1) } <= rect.width
        let labels = fits ? withLetters : keys.map { (number, command) in ("F\(number)", title(command, letter: false)) }
        var x = rect.x
        for (key, title) in labels {
            guard x + DisplayWidth.of(key) + DisplayWidth.of(title) <= rect.maxX else { break }
            x = grid.put(key, x: x, y: rect.y, style: Style(.keyHint), limit: rect.maxX)
            x = grid.put(title, x: x, y: rect.y, style: Style(.keyLabel), limit: rect.maxX)
        }
    }

    /// A short title (at most 6 columns) so that ten keys fit into 80 columns.
    private func title(_ command: AppCommand, letter: Bool) -> String {
        let short = DisplayWidth.truncate((command.barTitle ?? command.title)(language), to: 6, ellipsis: false)
        guard letter, let key = command.keys.first else { return short + " " }
        return short + "(" + key.label + ") "
    }
}
