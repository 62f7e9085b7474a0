import CRMCore
import CRMStore
import TUI

/// The application: sign-in, the stack of screens, overlays (help, palette, dialogs, forms), toasts, and the
/// chrome around them (title bar, status bar, F-key bar). Keys go to the top overlay, else through the command
/// registry, else to the screen.
public final class AppShell: TerminalApplication, ShellActions {
    public let services: AppServices
    public private(set) var language: Language
    public let plain: Bool
    private var signedIn: Session?
    private(set) var stack: [Screen] = []
    private var overlay: Overlay?
    private var toast: Toast<ContinuousClock.Instant>?
    /// Schedule items already announced by a reminder toast, and when to look again.
    private var remindedItems: Set<String> = []
    private var nextReminderCheck = ContinuousClock.now
    /// When the last key came, for the idle lock.
    private var lastActivity = ContinuousClock.now
    /// The replica's sync beside the UI (inactive on an embedded or demo database).
    let backgroundSync: BackgroundSync
    /// Set when the user asked to quit: the event loop ends.
    public private(set) var finished = false

    public init(services: AppServices, language: Language, plain: Bool, signIn profile: StaffProfile?) throws {
        self.services = services
        self.language = language
        self.plain = plain
        backgroundSync = BackgroundSync(service: services.sync)
        if let profile {
            signIn(profile, byPassword: false)
        } else {
            stack = [try AppShell.signInScreen(services)]
        }
    }

    /// The password form on a real installation, else the picker of staff.
    private static func signInScreen(_ services: AppServices) throws -> Screen {
        services.passwordsRequired ? PasswordSignInScreen() : try SignInScreen(services: services)
    }

    public var session: Session {
        guard let signedIn else { preconditionFailure("a screen asked for the session before sign-in") }
        return signedIn
    }

    /// The screen on top.
    public var current: Screen { stack[stack.count - 1] }

    // MARK: Sign-in and navigation

    /// Starts a session on the workbench home page.
    public func signIn(_ profile: StaffProfile, byPassword: Bool) {
        if !byPassword {
            try? services.database.audit(actor: profile.staffID, action: "signin.success", target: profile.staffID,
                                         detail: services.isDemo ? "demo picker" : "picker", clock: services.clock)
        }
        lastActivity = .now
        do {
            signedIn = try Session(profile: profile, database: services.database)
        } catch {
            notify(String(describing: error), .error)
            return
        }
        overlay = nil
        stack = [HomeScreen(shell: self)]
    }

    public func push(_ screen: Screen) { stack.append(screen) }

    /// Closes the top screen; the one below reads its data again, so it shows what was just changed.
    public func pop() {
        guard stack.count > 1 else { return }
        stack.removeLast()
        current.reload(shell: self)
    }

    public func open(_ command: CommandID) {
        guard signedIn != nil, allowed(CommandRegistry.command(command)) else { return }
        stack = [stack[0]]
        if command == .home {
            stack[0].reload(shell: self)
        } else if let screen = makeModuleScreen(command) {
            stack.append(screen)
        }
    }

    public func openCustomer(_ customerID: String) {
        do {
            push(try Customer360Screen(shell: self, customerID: customerID))
            try services.database.audit(actor: session.profile.staffID, action: "customer.view", target: customerID, clock: services.clock)
        } catch {
            notify(String(describing: error), .error)
        }
    }

    private func makeModuleScreen(_ command: CommandID) -> Screen? {
        switch command {
        case .announcements: return AnnouncementsScreen(shell: self)
        case .alerts: return AlertsScreen(shell: self)
        case .schedule: return ScheduleScreen(shell: self)
        case .cockpit: return CockpitScreen(shell: self)
        case .homeLayout: return HomeLayoutScreen(shell: self)
        case .tags: return TagsScreen(shell: self)
        case .customerSets: return CustomerSetsScreen(shell: self)
        case .auditLog: return AuditLogScreen(shell: self)
        case .permissionMatrix: return PermissionMatrixScreen(shell: self)
        case .orgTree: return OrgTreeScreen(shell: self)
        case .tasks: return TasksScreen(shell: self)
        case .opportunities: return OpportunitiesScreen(shell: self)
        case .visits: return VisitsScreen(shell: self)
        case .reminders: return RemindersScreen(shell: self)
        case .precision: return PrecisionScreen(shell: self)
        case .reports: return ReportsScreen(shell: self)
        case .customerSearch: return CustomerSearchScreen(shell: self)
        case .profitSimulation: return ProfitSimulationScreen(shell: self)
        case .plans: return PlansScreen(shell: self)
        case .syncIssues: return SyncIssuesScreen(shell: self)
        default: return nil
        }
    }

    // MARK: Feedback

    public func notify(_ message: String, _ notice: Notice) {
        let kind: Toast<ContinuousClock.Instant>.Kind = switch notice {
        case .info: .info
        case .success: .success
        case .warning: .warning
        case .error: .error
        }
        toast = Toast(message, kind: kind, now: .now, duration: .seconds(notice == .error ? 6 : 3), maxWidth: 60)
    }

    public func confirm(title: String, message: String, onConfirm: @escaping () -> Void) {
        let ok = language == .chinese ? "确定" : "OK", cancel = language == .chinese ? "取消" : "Cancel"
        overlay = .dialog(Dialog.confirm(title: title, message: message, confirm: ok, cancel: cancel), onConfirm)
    }

    public func presentForm(title: String, form: Form, onSubmit: @escaping ([String: String]) -> String?) {
        overlay = .form(FormOverlay(title: title, form: form, onSubmit: onSubmit))
    }

    @discardableResult
    public func apply<M: Mutation>(_ mutation: M) -> Bool {
        guard let failure = attempt(mutation) else { return true }
        notify(failure, .error)
        return false
    }

    public func attempt<M: Mutation>(_ mutation: M) -> String? {
        do {
            try services.mutations.apply(mutation, by: session.profile)
            backgroundSync.localChange()
            return nil
        } catch {
            return String(describing: error)
        }
    }

    public func syncIssuesChanged() { backgroundSync.refreshCounts() }

    // MARK: TerminalApplication

    public func render(into grid: inout Grid) -> Point? {
        let chrome = ShellChrome(shell: self, language: language, plain: plain)
        let content = chrome.draw(on: &grid)
        let context = ScreenContext(render: RenderContext(plain: plain, focused: overlay == nil), language: language)
        var cursor = current.render(in: content, on: &grid, context: context)
        if let overlay {
            cursor = overlay.render(in: content, on: &grid, context: ScreenContext(render: RenderContext(plain: plain), language: language))
        }
        toast?.render(in: content, on: &grid, context: RenderContext(plain: plain))
        return cursor
    }

    public func handle(_ event: InputEvent) -> Bool {
        switch event {
        case .resize:
            return true
        case .mouse(let mouse):
            // The wheel scrolls whatever has the keyboard; clicks are not used yet.
            switch mouse.kind {
            case .wheelUp: handleKey(.up)
            case .wheelDown: handleKey(.down)
            case .press: break
            }
            return !finished
        case .key(let key):
            lastActivity = .now
            handleKey(key)
            return !finished
        }
    }

    public func idle() -> Bool {
        var changed = lockWhenIdle()
        if signedIn != nil, overlay == nil { changed = current.idle(shell: self) || changed }
        changed = announceDueReminders() || changed
        changed = pollSync() || changed
        if let toast, toast.isExpired(at: .now) {
            self.toast = nil
            changed = true
        }
        return changed
    }

    /// On a real installation, covers the screen with the password form after the idle time; only the signed-in
    /// user's password (or Ctrl-C, which quits) takes it away.
    private func lockWhenIdle() -> Bool {
        guard services.passwordsRequired, let signedIn, !(overlay?.isLock ?? false),
              ContinuousClock.now - lastActivity >= .seconds(services.idleLockMinutes * 60) else { return false }
        let zh = language == .chinese
        var form = Form(fields: [.text("password", label: zh ? "密码" : "Password", maxLength: 64)], inputWidth: 30)
        form.fields[0].input.isSecure = true
        let staffID = signedIn.profile.staffID
        overlay = .lock(FormOverlay(title: zh ? "已锁屏：\(signedIn.profile.name)，请输入密码" : "Locked: \(signedIn.profile.name), enter your password",
                                    form: form) { [services] values in
            do {
                _ = try services.accounts.signIn(staffID: staffID, password: values["password"] ?? "")
                return nil
            } catch {
                return String(describing: error)
            }
        })
        return true
    }

    /// Picks up a finished background sync and starts the next one when due; tells of a revoked device or a
    /// refused sync in a toast (the status bar shows the rest). When the sync brought rows, the screen in front
    /// reads its data again, unless the user is typing into it or a dialog is open.
    private func pollSync() -> Bool {
        let poll = backgroundSync.poll()
        if poll.rowsChanged > 0, signedIn != nil {
            try? services.reloadDates()
            if overlay == nil, !current.capturesText { current.reload(shell: self) }
        }
        let zh = language == .chinese
        switch poll.ended {
        case .revoked:
            notify(zh ? "本设备已被管理员注销，本机数据已清除；请联系管理员后重新运行 crm login"
                      : "This device was revoked by an administrator and its local data wiped; ask them, then run crm login again", .error)
        case .failed(let message):
            notify((zh ? "同步失败：" : "Sync failed: ") + message, .warning)
        default:
            break
        }
        return poll.changed || poll.rowsChanged > 0
    }

    /// Every half minute, shows a toast for each schedule item whose reminder time has just come.
    private func announceDueReminders() -> Bool {
        guard let signedIn, ContinuousClock.now >= nextReminderCheck else { return false }
        nextReminderCheck = ContinuousClock.now.advanced(by: .seconds(30))
        let now = services.nowText
        let due = (try? services.database.writer.read {
            try ScheduleQuery.dueReminders($0, staffID: signedIn.profile.staffID, now: now)
        }) ?? []
        let fresh = due.filter { remindedItems.insert($0.id).inserted }
        guard let first = fresh.first else { return false }
        let more = fresh.count > 1 ? (language == .chinese ? " 等 \(fresh.count) 项" : " and \(fresh.count - 1) more") : ""
        notify((language == .chinese ? "提醒：" : "Reminder: ") + "\(first.startsAt.suffix(5)) \(first.title)" + more, .warning)
        if current.kind == .home || current.kind == .schedule { current.reload(shell: self) }
        return true
    }

    private func handleKey(_ key: Key) {
        if overlay != nil {
            handleOverlayKey(key)
            return
        }
        if current.capturesText, current.handle(key, shell: self) { return }
        if let command = CommandRegistry.command(for: key, on: current.kind) {
            guard allowed(command) else { return }
            if case .screens = command.scope {
                if current.perform(command.id, shell: self) { return }
            } else if perform(command.id) {
                return
            }
        }
        _ = current.handle(key, shell: self)
    }

    /// Whether the signed-in user may run the command; a refusal names the missing permission.
    func allowed(_ command: AppCommand) -> Bool {
        guard let signedIn, !signedIn.may(command) else { return true }
        notify(command.missingPermission(language), .warning)
        return false
    }

    /// Carries out a global or module command; false when it does not apply now.
    @discardableResult
    func perform(_ command: CommandID) -> Bool {
        switch command {
        case .help:
            overlay = .help(HelpOverlay(screen: current.kind, language: language))
        case .palette:
            overlay = .palette(PaletteOverlay(screen: current.kind, signedIn: signedIn != nil))
        case .quit:
            finished = true
        case .back:
            if stack.count > 1 { pop() } else if current.kind == .signIn || current.kind == .home { requestQuit() }
        case .refresh:
            try? services.reloadDates()
            current.reload(shell: self)
            notify(language == .chinese ? "已刷新" : "Refreshed", .info)
        case .switchLanguage:
            language = language == .chinese ? .english : .chinese
        case .signOut:
            guard signedIn != nil, let screen = try? AppShell.signInScreen(services) else { return false }
            signedIn = nil
            stack = [screen]
        case .home, .announcements, .alerts, .schedule, .cockpit, .homeLayout, .tags, .customerSets, .customerSearch, .auditLog,
             .permissionMatrix, .orgTree, .tasks, .opportunities, .visits,
             .reminders, .profitSimulation, .precision, .reports, .plans, .syncIssues:
            guard signedIn != nil else { return false }
            open(command)
        default:
            return current.perform(command, shell: self)
        }
        return true
    }

    private func requestQuit() {
        confirm(title: language == .chinese ? "退出" : "Quit",
                message: language == .chinese ? "退出对公客户关系管理系统？" : "Quit the CRM?") { [weak self] in
            self?.finished = true
        }
    }

    private func handleOverlayKey(_ key: Key) {
        guard var overlay else { return }
        if key == .control("c") {
            if case .form = overlay {
                confirm(title: language == .chinese ? "退出" : "Quit",
                        message: language == .chinese ? "表单尚未保存，放弃并退出？" : "The form is not saved. Discard it and quit?") {
                    [weak self] in self?.finished = true
                }
            } else {
                finished = true
            }
            return
        }
        switch overlay.handle(key) {
        case .keep(let updated):
            self.overlay = updated
        case .close:
            self.overlay = nil
        case .confirmed(let action):
            self.overlay = nil
            action()
        case .run(let command):
            self.overlay = nil
            if allowed(CommandRegistry.command(command)) { perform(command) }
        case .submitForm(let values, let onSubmit):
            if let error = onSubmit(values) {
                switch overlay {
                case .form(var form):
                    form.error = error
                    overlay = .form(form)
                case .lock(var form):
                    form.error = error
                    overlay = .lock(form)
                default:
                    break
                }
                self.overlay = overlay
            } else {
                self.overlay = nil
            }
        }
    }
}

extension AppShell {
    /// The smallest terminal the screens are laid out for.
    public static let minimumSize = Size(width: 80, height: 24)

    /// What shows instead of the screens in a smaller terminal.
    public func tooSmallMessage(current: Size, needed: Size) -> [String] {
        language == .chinese
            ? ["终端窗口太小：当前 \(current.width)×\(current.height)", "至少需要 \(needed.width)×\(needed.height)，请放大窗口",
               "（Ctrl-C 退出）"]
            : ["The terminal is \(current.width)x\(current.height)", "The CRM needs at least \(needed.width)x\(needed.height)",
               "(Ctrl-C quits)"]
    }
}
