import ArgumentParser
import CRMStore

/// `crm` with no subcommand (or `crm ui`): the terminal UI over a database.
struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal UI (the default when crm runs without a subcommand).",
        discussion: "Sign in by choosing a user, or directly with --as STAFF_ID (or a role: rm, lead, branch, hq, admin).")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("as"), help: "Sign in as this staff id, or as the first user of a role (rm, lead, branch, hq, admin).")
    var signInAs: String?
    @OptionGroup var ui: UIOptions

    func run() throws {
        let db = try database.open()
        let isDemo = try db.writer.read(LoadedDates.sourceFolders).contains { $0.contains("/crm/demo-") }
        if signInAs != nil, !isDemo, try Accounts(database: db, clock: .system).required() {
            throw CommandFailure("this installation signs in with a password: run crm --db \(database.resolvedPath) without --as")
        }
        // A replica holds one person's scope and they signed in with the server (crm login): it opens as them.
        let owner = try db.writer.read { db in try SyncRole.current(db) == .replica ? try SyncMeta.value("staff_id", db) : nil }
        if let owner, let signInAs, signInAs != owner {
            throw CommandFailure("本机副本属于 \(owner)，不能以 \(signInAs) 身份打开 (this replica belongs to \(owner); sign in there with crm login)")
        }
        let profile = try (owner ?? signInAs).map { try SignInTarget.resolve($0, in: db) }
        try TerminalUI.run(database: db, isDemo: isDemo, signIn: profile, options: ui)
    }
}

/// Who `--as` names: a staff id, or a role word meaning that role's first active member.
enum SignInTarget {
    static func resolve(_ text: String, in database: AppDatabase) throws -> StaffProfile {
        try database.writer.read { db in
            if let role = StaffRole(demoWord: text) {
                guard let profile = try StaffDirectory.firstActive(db, role: role) else {
                    throw CommandFailure("--as \(text): the database has no active \(role.englishName.lowercased())")
                }
                return profile
            }
            guard let profile = try StaffDirectory.profile(db, staffID: text) else {
                throw CommandFailure("--as \(text): no such staff id, and not a role (rm, lead, branch, hq, admin)")
            }
            return profile
        }
    }
}
