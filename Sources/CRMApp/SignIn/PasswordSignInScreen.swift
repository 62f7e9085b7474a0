import CRMStore
import TUI

/// Sign-in on a real installation: staff id and password. A temporary or expired password is changed before
/// the workbench opens. Failures say no more than "wrong staff id or password", and lock the account after
/// the policy's number of tries.
final class PasswordSignInScreen: Screen {
    let kind = ScreenKind.signIn
    private var form = PasswordSignInScreen.signInForm()
    private var message: String?
    /// Set once the password was right but must be changed: the form asks for the new one.
    private var changing: StaffProfile?
    private var currentPassword = ""

    func title(_ language: Language) -> String { language == .chinese ? "登录" : "Sign in" }

    var capturesText: Bool { true }

    /// The staff id and password form; after a failed try it keeps the staff id that was typed.
    private static func signInForm(staff: String = "") -> Form {
        var form = Form(fields: [.text("staff", label: "工号 Staff id", value: staff, maxLength: 20),
                                 .text("password", label: "密码 Password", maxLength: 64)], inputWidth: 28)
        form.fields[1].input.isSecure = true
        return form
    }

    private static func changeForm() -> Form {
        var form = Form(fields: [.text("new", label: "新密码 New", maxLength: 64), .text("again", label: "再输一次 Again", maxLength: 64)],
                        inputWidth: 28)
        form.fields[0].input.isSecure = true
        form.fields[1].input.isSecure = true
        return form
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let box = rect.centered(width: min(rect.width - 2, 64), height: 10)
        let title = changing == nil ? context.text("登录对公客户关系管理系统", "Sign in to the CRM")
                                    : context.text("请先修改密码", "Change your password first")
        let inside = Box.draw(box, title: title, on: &grid, context: context.render)
        let parts = inside.splitBottom(2)
        form.render(in: parts.rest, on: &grid, context: context.render)
        if let message {
            grid.put(DisplayWidth.truncate(message, to: parts.bottom.width), x: parts.bottom.x, y: parts.bottom.y, style: Style(.error),
                     limit: parts.bottom.maxX)
        }
        grid.put(context.text("Tab 下一项 · Enter 登录 · Esc 退出", "Tab next · Enter signs in · Esc quits"), x: parts.bottom.x,
                 y: parts.bottom.y + 1, style: Style(.dim), limit: parts.bottom.maxX)
        return form.cursorPosition(in: parts.rest)
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        switch form.handle(key) {
        case .submitted: submit(shell: shell)
        case .cancelled: return false
        case .handled: message = nil
        case .ignored: return false
        }
        return true
    }

    private func submit(shell: ShellActions) {
        let values = form.values
        let accounts = shell.services.accounts
        do {
            if let profile = changing {
                guard values["new"] == values["again"] else {
                    message = shell.language == .chinese ? "两次输入的新密码不同" : "The two new passwords differ"
                    return
                }
                try accounts.changePassword(staffID: profile.staffID, current: currentPassword, new: values["new"] ?? "")
                shell.signIn(profile, byPassword: true)
                return
            }
            let signedIn = try accounts.signIn(staffID: values["staff"] ?? "", password: values["password"] ?? "")
            if signedIn.mustChangePassword {
                changing = signedIn.profile
                currentPassword = values["password"] ?? ""
                form = Self.changeForm()
                message = nil
            } else {
                shell.signIn(signedIn.profile, byPassword: true)
            }
        } catch {
            message = String(describing: error)
            if changing == nil { form = Self.signInForm(staff: values["staff"] ?? "") }
        }
    }

    func reload(shell: ShellActions) {}
}
