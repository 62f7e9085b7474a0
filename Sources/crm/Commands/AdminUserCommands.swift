import ArgumentParser
import CRMCore
import CRMStore
import Foundation

/// `crm admin init`: the first administrator's account. From then on the UI asks everyone for a password.
struct AdminInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the first administrator's account (a real installation starts here).",
        discussion: "The password is asked twice on a terminal, or read as one line from standard input.")

    @Option(help: "The administrator's staff id (position ADMIN in the staff extract).") var staff: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let password = try PasswordInput.read(prompt: "新密码 new password: ", confirm: "再输一次 again: ")
        try Accounts(database: try database.open(), clock: .system).initialize(administrator: staff, password: password)
        print("\(staff) can now sign in; add other accounts with crm admin user add STAFF_ID --as \(staff)")
    }
}

/// `crm admin user add|list|lock|unlock|reset`: accounts, as an administrator (`--as`).
struct AdminUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Create, list, lock, unlock and reset accounts, and grant and revoke roles (系统账户管理).",
        subcommands: [Add.self, List.self, Lock.self, Unlock.self, Reset.self, AdminGrantCommand.self, AdminRevokeCommand.self])

    /// The options every account command takes.
    struct Target: ParsableArguments {
        @Argument(help: "The staff id of the account.") var staffID: String
        @OptionGroup var administrator: AdministratorOptions

        /// Runs `body` with the accounts and the administrator's profile, turning refusals into exit 1.
        func run<T>(_ body: (Accounts, StaffProfile) throws -> T) throws -> T {
            try administrator.run { try body(Accounts(database: $0, clock: .system), $1) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account with a temporary password, shown once.")
        @OptionGroup var target: Target
        func run() throws {
            let password = try target.run { try $0.create(staffID: target.staffID, by: $1) }
            print("\(target.staffID): temporary password \(password) (to change at the first sign-in)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts and their state.")
        @OptionGroup var database: DatabaseOptions
        func run() throws {
            var table = TextTable([("工号 staff", .left), ("姓名 name", .left), ("状态 state", .left), ("密码修改于 password set", .left)])
            for account in try Accounts(database: try database.open(), clock: .system).list() {
                table.add([account.staffID, account.name, account.state, account.passwordChangedAt])
            }
            print(table.render())
        }
    }

    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lock an account until an administrator unlocks it.")
        @OptionGroup var target: Target
        func run() throws {
            try target.run { try $0.setLocked(true, staffID: target.staffID, by: $1) }
            print("\(target.staffID): locked")
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unlock an account and clear its failed sign-ins.")
        @OptionGroup var target: Target
        func run() throws {
            try target.run { try $0.setLocked(false, staffID: target.staffID, by: $1) }
            print("\(target.staffID): unlocked")
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an account a new temporary password, shown once.")
        @OptionGroup var target: Target
        func run() throws {
            let password = try target.run { try $0.reset(staffID: target.staffID, by: $1) }
            print("\(target.staffID): temporary password \(password) (to change at the next sign-in)")
        }
    }
}

/// Reads a password: without echo on a terminal (twice when `confirm` is given); one line from standard input otherwise.
enum PasswordInput {
    static func read(prompt: String, confirm: String? = nil) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CommandFailure("no password on standard input") }
            return line
        }
        let first = try silently(prompt)
        if let confirm {
            guard try silently(confirm) == first else { throw CommandFailure("the two passwords differ") }
        }
        return first
    }

    private static func silently(_ prompt: String) throws -> String {
        guard let raw = getpass(prompt) else { throw CommandFailure("cannot read a password from the terminal") }
        return String(cString: raw)
    }
}
