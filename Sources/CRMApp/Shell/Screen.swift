import CRMStore
import TUI

/// What a screen draws with: the widget context plus the language and the business date.
public struct ScreenContext {
    public var render: RenderContext
    public var language: Language

    public func text(_ zh: String, _ en: String) -> String { language == .chinese ? zh : en }
}

/// One screen of the application. The shell gives it the keys that no command claims (arrows, Enter, typed
/// text) and the commands of its kind from the registry.
public protocol Screen: AnyObject {
    var kind: ScreenKind { get }
    /// The breadcrumb title.
    func title(_ language: Language) -> String
    /// Draws into `rect` and returns where the text cursor goes (nil: hidden).
    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point?
    /// A key no command claimed; true when the screen used it.
    func handle(_ key: Key, shell: ShellActions) -> Bool
    /// A command of this screen's kind; true when the screen carried it out.
    func perform(_ command: CommandID, shell: ShellActions) -> Bool
    /// True while a text field has the keyboard: typed characters go to the screen before any command.
    var capturesText: Bool { get }
    /// Reads its data again.
    func reload(shell: ShellActions)
    /// Called when no input is waiting: work a screen put off so its first frame came at once. True to redraw.
    func idle(shell: ShellActions) -> Bool
}

extension Screen {
    public var capturesText: Bool { false }
    public func idle(shell: ShellActions) -> Bool { false }
    public func perform(_ command: CommandID, shell: ShellActions) -> Bool { false }
}

/// How a toast reports.
public enum Notice: Sendable {
    case info, success, warning, error
}

/// What screens may ask of the shell.
public protocol ShellActions: AnyObject {
    var services: AppServices { get }
    var session: Session { get }
    var language: Language { get }
    /// ASCII only (`--plain`).
    var plain: Bool { get }
    /// Starts a session as this member of staff on the workbench; `byPassword` when `Accounts` checked (and
    /// audited) a password, else the sign-in is audited as a pick from the list.
    func signIn(_ profile: StaffProfile, byPassword: Bool)
    func push(_ screen: Screen)
    func pop()
    /// Opens a module (a `.module` command) as the screen above the workbench.
    func open(_ command: CommandID)
    func openCustomer(_ customerID: String)
    func notify(_ message: String, _ notice: Notice)
    func confirm(title: String, message: String, onConfirm: @escaping () -> Void)
    /// Shows a form; `onSubmit` returns an error to show in the form (it stays open), or nil to close it.
    func presentForm(title: String, form: Form, onSubmit: @escaping ([String: String]) -> String?)
    /// Applies a named mutation as the signed-in user; shows the reason and returns false when it fails.
    @discardableResult func apply<M: Mutation>(_ mutation: M) -> Bool
    /// Applies a named mutation as the signed-in user and returns the reason it failed, or nil (for forms,
    /// which show the reason beside the fields).
    func attempt<M: Mutation>(_ mutation: M) -> String?
    /// Counts the open sync issues again for the status bar (after one was dismissed).
    func syncIssuesChanged()
}
