import CRMStore
import TUI

/// Sign-in: the roles on the left (RM, team lead, branch head, head office, administrator), that role's users on
/// the right. Enter on a role signs in as its first user; Tab or → moves to the users to pick another.
/// Accounts with passwords arrive with system management; until then a database's staff are picked here.
final class SignInScreen: Screen {
    let kind = ScreenKind.signIn
    private let staffByRole: [(role: StaffRole, staff: [StaffProfile])]
    private var roles = ListView(items: [], showsMarkers: false)
    private var users = ListView(items: [], showsMarkers: false)
    private var usersFocused = false
    private let isDemo: Bool

    init(services: AppServices) throws {
        let staff = try services.database.writer.read(StaffDirectory.active)
        staffByRole = StaffRole.allCases.map { role in (role, staff.filter { $0.role == role }) }.filter { !$0.staff.isEmpty }
        isDemo = services.isDemo
    }

    func title(_ language: Language) -> String { language == .chinese ? "登录" : "Sign in" }

    private var selectedRole: Int { roles.selectedIndex ?? 0 }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let zh = context.language == .chinese
        let heading = isDemo ? context.text("演示银行：按角色选择演示用户", "Demo bank: choose a demo user by role")
                             : context.text("选择用户", "Choose a user")
        let box = rect.centered(width: min(rect.width - 2, 96), height: rect.height - 2)
        let inside = Box.draw(box, title: heading, on: &grid, context: context.render)
        let body = inside.splitBottom(1)
        let columns = Split.columns(body.rest, [.fixed(30), .flex(1)])
        roles.items = staffByRole.map { entry in
            ListItem(zh ? entry.role.chineseName : entry.role.englishName, detail: "\(entry.staff.count)")
        }
        let roleInside = Box.draw(columns[0], title: context.text("角色", "Role"), on: &grid, context: context.render.focused(!usersFocused))
        roles.layout(in: roleInside)
        roles.render(in: roleInside, on: &grid, context: context.render.focused(!usersFocused))
        let staff = staffByRole.isEmpty ? [] : staffByRole[selectedRole].staff
        users.items = staff.map { ListItem("\($0.name)  \($0.staffID)", detail: $0.orgName) }
        let userInside = Box.draw(columns[1], title: context.text("用户", "Users"), on: &grid, context: context.render.focused(usersFocused))
        users.layout(in: userInside)
        users.render(in: userInside, on: &grid, context: context.render.focused(usersFocused))
        if staffByRole.isEmpty {
            grid.put(context.text("数据库里没有在职员工：先用 crm etl 装载数据，或运行 crm demo",
                                  "No active staff in this database: load data with crm etl, or run crm demo"),
                     x: userInside.x + 1, y: userInside.y, style: Style(.warning), limit: userInside.maxX)
        }
        grid.put(context.text("↑↓ 选择 · Tab/→ 切到用户 · Enter 登录 · Esc 退出", "↑↓ choose · Tab/→ users · Enter sign in · Esc quit"),
                 x: body.bottom.x, y: body.bottom.y, style: Style(.dim), limit: body.bottom.maxX)
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        guard !staffByRole.isEmpty else { return false }
        switch key {
        case .tab, .backTab:
            usersFocused.toggle()
            return true
        case .right where !usersFocused:
            usersFocused = true
            return true
        case .left where usersFocused:
            usersFocused = false
            return true
        default:
            break
        }
        if usersFocused {
            if users.handle(key) == .submitted, let index = users.selectedIndex {
                shell.signIn(staffByRole[selectedRole].staff[index], byPassword: false)
            }
        } else {
            let before = selectedRole
            if roles.handle(key) == .submitted {
                shell.signIn(staffByRole[selectedRole].staff[0], byPassword: false)
            } else if selectedRole != before {
                users.select(0)
            }
        }
        return true
    }

    func reload(shell: ShellActions) {}
}
