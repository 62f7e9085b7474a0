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
        let product = text("锦程银行 对公客户关系管理", "Jincheng Bank Corporate CRM")
        let right = (shell.services.isDemo ? text("演示 ", "DEMO ") : "") + text("? 帮助  : 功能检索 ", "? help  : find ")
        let rightWidth = DisplayWidth.of(right)
        let end = grid.put(" " + product, x: rect.x, y: rect.y, style: Style(.statusAccent), limit: rect.maxX - rightWidth)
        grid.put(separator + crumbs, x: end, y: rect.y, style: Style(.statusBar), limit: rect.maxX - rightWidth)
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
        parts.append(text("单机 · 本地库即中心库，无需同步", "Standalone · local database, no sync needed"))
        let line = " " + parts.joined(separator: plain ? " | " : " │ ")
        grid.put(line, x: rect.x, y: rect.y, style: Style(.statusBar), limit: rect.maxX)
    }

    private func shellSession() throws -> Session? {
        shell.stack.first?.kind == .signIn ? nil : shell.session
    }

    private func drawFunctionKeys(_ rect: Rect, on grid: inout Grid) {
        grid.fill(rect, style: Style(.keyLabel))
        let keys = CommandRegistry.functionKeys(on: shell.current.kind)
        var x = rect.x
        for (number, command) in keys {
            let label = String(number)
            let title = shortTitle(command)
            let width = DisplayWidth.of(label) + DisplayWidth.of(title)
            guard x + width <= rect.maxX else { break }
            x = grid.put(label, x: x, y: rect.y, style: Style(.keyHint), limit: rect.maxX)
            x = grid.put(title, x: x, y: rect.y, style: Style(.keyLabel), limit: rect.maxX)
        }
    }

    /// F-key labels fit ten keys into 80 columns: at most 6 columns each.
    private func shortTitle(_ command: AppCommand) -> String {
        let letter = command.keys.first.map { " " + $0.label } ?? ""
        let title = command.id == .home ? text("工作台", "Home") : command.title(language)
        return DisplayWidth.truncate(title, to: language == .chinese ? 4 : 5, ellipsis: false) + letter + " "
    }
}
