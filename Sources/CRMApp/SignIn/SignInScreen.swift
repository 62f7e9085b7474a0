import CRMStore
import TUI

/// Sign-in: the demo bank's users by role (RM, team lead, branch head, head office, administrator). Accounts
/// with passwords arrive with system management; until then a database's staff are picked here.
final class SignInScreen: Screen {
    let kind = ScreenKind.signIn
    private let staff: [StaffProfile]
    private var list: ListView
    private let isDemo: Bool

    init(services: AppServices) throws {
        staff = try services.database.writer.read(StaffDirectory.active)
        isDemo = services.isDemo
        list = ListView(items: [], showsMarkers: false)
    }

    func title(_ language: Language) -> String { language == .chinese ? "登录" : "Sign in" }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let heading = isDemo
            ? context.text("演示银行：选择一位演示用户（按角色）", "Demo bank: choose a demo user (by role)")
            : context.text("选择用户", "Choose a user")
        let box = rect.centered(width: min(rect.width - 2, 76), height: rect.height - 2)
        let inside = Box.draw(box, title: heading, on: &grid, context: context.render)
        list.items = staff.map { profile in
            let role = context.language == .chinese ? profile.role.chineseName : profile.role.englishName
            return ListItem("\(profile.name)  \(profile.staffID)", detail: "\(role) · \(profile.orgName)")
        }
        let parts = inside.splitBottom(1)
        list.layout(in: parts.rest)
        list.render(in: parts.rest, on: &grid, context: context.render)
        grid.put(context.text("↑↓ 选择 · Enter 登录 · Esc 退出", "↑↓ choose · Enter sign in · Esc quit"),
                 x: parts.bottom.x, y: parts.bottom.y, style: Style(.dim), limit: parts.bottom.maxX)
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if list.handle(key) == .submitted, let index = list.selectedIndex {
            shell.signIn(staff[index])
        }
        return true
    }

    func reload(shell: ShellActions) {}
}
