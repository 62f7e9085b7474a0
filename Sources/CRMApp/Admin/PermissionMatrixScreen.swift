import CRMStore
import TUI

/// Roles and permissions (系统角色权限管理) as a matrix: a row per permission, a column per built-in role.
/// ← → choose the role, ↑↓ the permission; Space allows or denies it for that role (administrators only). A
/// change applies at the user's next sign-in and is audited.
final class PermissionMatrixScreen: Screen {
    let kind = ScreenKind.permissionMatrix
    private var changes: [AccessRole: [String: Bool]] = [:]
    /// Each role's permissions with the changes applied, worked out once per reload rather than per cell.
    private var granted: [AccessRole: Set<String>] = [:]
    private var commands: [AppCommand] { CommandRegistry.all.filter { $0.permission != nil } }
    private var row = 0
    private var column = 0
    private var top = 0

    init(shell: ShellActions) { reload(shell: shell) }

    func title(_ language: Language) -> String { language == .chinese ? "角色权限" : "Roles and permissions" }

    func reload(shell: ShellActions) {
        changes = (try? shell.services.database.writer.read(AccessControl.changes)) ?? [:]
        granted = Dictionary(uniqueKeysWithValues: AccessRole.allCases.map { ($0, RolePermissions.effective([$0], changes: changes)) })
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let title = context.text("角色权限矩阵 · ←→ 角色 · ↑↓ 权限 · Space 允许/禁止（* 为已调整）",
                                 "Roles and permissions · ←→ role · ↑↓ permission · Space allows or denies (* changed)")
        let inside = Box.draw(rect, title: title, on: &grid, context: context.render)
        let roles = AccessRole.allCases
        let labelWidth = max(20, inside.width - roles.count * 9)
        var x = inside.x + labelWidth
        for (index, role) in roles.enumerated() {
            let name = context.language == .chinese ? role.chineseName : role.rawValue
            grid.put(DisplayWidth.fit(name, to: 8), x: x, y: inside.y, style: Style(index == column ? .selected : .header),
                     limit: inside.maxX)
            x += 9
        }
        let visible = max(1, inside.height - 1)
        if row < top { top = row }
        if row >= top + visible { top = row - visible + 1 }
        let list = commands
        for (offset, command) in list.dropFirst(top).prefix(visible).enumerated() {
            let index = top + offset, y = inside.y + 1 + offset
            let label = "\(command.title(context.language)) \(command.permission!)"
            grid.put(DisplayWidth.fit(label, to: labelWidth - 1), x: inside.x, y: y, style: Style(index == row ? .accent : .normal),
                     limit: inside.maxX)
            var cellX = inside.x + labelWidth
            for (roleIndex, role) in roles.enumerated() {
                let allowed = granted[role]?.contains(command.permission!) ?? false
                let changed = changes[role]?[command.permission!] != nil
                let mark = (allowed ? (context.render.plain ? "yes" : "✓") : (context.render.plain ? "no" : "·")) + (changed ? "*" : "")
                let style = index == row && roleIndex == column ? Style(.selected) : Style(allowed ? .positive : .dim)
                grid.put(DisplayWidth.fit(mark, to: 8), x: cellX, y: y, style: style, limit: inside.maxX)
                cellX += 9
            }
        }
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        switch key {
        case .up, .character("k"): row = max(0, row - 1)
        case .down, .character("j"): row = min(commands.count - 1, row + 1)
        case .pageUp: row = max(0, row - 10)
        case .pageDown: row = min(commands.count - 1, row + 10)
        case .left, .character("h"): column = max(0, column - 1)
        case .right, .character("l"): column = min(AccessRole.allCases.count - 1, column + 1)
        default: return false
        }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        guard command == .togglePermission else { return false }
        let role = AccessRole.allCases[column]
        guard let permission = commands[row].permission else { return true }
        let allowed = granted[role]?.contains(permission) ?? false
        do {
            try AccessControl(database: shell.services.database, clock: shell.services.clock)
                .set(permission, allowed: !allowed, for: role, by: shell.session.profile)
            reload(shell: shell)
            shell.notify(shell.language == .chinese ? "已调整，用户下次登录生效" : "Changed; users get it at their next sign-in", .success)
        } catch {
            shell.notify(String(describing: error), .error)
        }
        return true
    }
}
