import CRMStore
import TUI

/// The personal home page (自定义个性化页面): which workbench panels show, and in what order. Space shows or
/// hides a panel, J/K move it, Ctrl-S saves for this user.
final class HomeLayoutScreen: Screen {
    let kind = ScreenKind.homeLayout
    private var order: [WorkbenchPanel] = []
    private var shown: Set<WorkbenchPanel> = []
    private var list = ListView(items: [], showsMarkers: false)
    private var dirty = false

    init(shell: ShellActions) { reload(shell: shell) }

    func title(_ language: Language) -> String { language == .chinese ? "个性化首页" : "Home page" }

    func reload(shell: ShellActions) {
        let profile = shell.session.profile
        let saved = (try? shell.services.database.writer.read { try HomeLayoutQuery.panels($0, staffID: profile.staffID) }) ?? nil
        let chosen = WorkbenchPanel.saved(saved, role: profile.role)
        order = chosen + WorkbenchPanel.allCases.filter { !chosen.contains($0) }
        shown = Set(chosen)
        dirty = false
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let box = rect.centered(width: min(rect.width, 64), height: min(rect.height, order.count + 8))
        let title = context.text("首页面板", "Home page panels") + (dirty ? context.text("（未保存）", " (not saved)") : "")
        let inside = Box.draw(box, title: title, on: &grid, context: context.render)
        let mark = { (on: Bool) in context.render.plain ? (on ? "[x]" : "[ ]") : (on ? "[✓]" : "[ ]") }
        list.items = order.enumerated().map { index, panel in
            ListItem("\(mark(shown.contains(panel))) \(index + 1). \(panel.title(context.language))")
        }
        let parts = inside.splitBottom(3)
        list.layout(in: parts.rest)
        list.render(in: parts.rest, on: &grid, context: context.render)
        let help = context.text("Space 显示/隐藏 · J/K 上移/下移 · Ctrl-S 保存 · Esc 返回",
                                "Space show/hide · J/K move · Ctrl-S save · Esc back")
        for (row, line) in TextWrap.lines(help, width: parts.bottom.width).prefix(3).enumerated() {
            grid.put(line, x: parts.bottom.x, y: parts.bottom.y + row, style: Style(.dim), limit: parts.bottom.maxX)
        }
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        list.handle(key) != .ignored
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        guard let index = list.selectedIndex else { return false }
        switch command {
        case .togglePanel:
            let panel = order[index]
            if shown.contains(panel) { shown.remove(panel) } else { shown.insert(panel) }
            dirty = true
        case .movePanelUp, .movePanelDown:
            let target = command == .movePanelUp ? index - 1 : index + 1
            guard order.indices.contains(target) else { return true }
            order.swapAt(index, target)
            list.select(target)
            dirty = true
        case .save:
            let panels = order.filter(shown.contains).map(\.rawValue)
            if shell.apply(SaveHomeLayout(panels: panels)) {
                dirty = false
                shell.notify(shell.language == .chinese ? "首页已保存" : "Home page saved", .success)
            }
        default:
            return false
        }
        return true
    }
}
