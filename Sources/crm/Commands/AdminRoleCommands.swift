import ArgumentParser
import CRMApp
import CRMCore
import CRMStore

extension AccessRole: ExpressibleByArgument {}

/// `crm admin role list|show|edit`: the built-in roles and what they may do (系统角色权限管理).
struct AdminRoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "List the roles, show a role's permissions, change them.",
        subcommands: [List.self, Show.self, Edit.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The built-in roles with how many permissions each holds.")
        @OptionGroup var database: DatabaseOptions
        func run() throws {
            let changes = try database.open().writer.read(AccessControl.changes)
            var table = TextTable([("角色 role", .left), ("名称 name", .left), ("权限数 permissions", .right)])
            for role in AccessRole.allCases {
                table.add([role.rawValue, role.chineseName, String(RolePermissions.effective([role], changes: changes).count)])
            }
            print(table.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every permission, allowed or not for the role (* = changed from the default).")
        @Argument(help: "The role: rm, team-lead, branch-head, hq-analyst, product-manager, admin, auditor.") var role: AccessRole
        @OptionGroup var database: DatabaseOptions
        func run() throws {
            let changes = try database.open().writer.read(AccessControl.changes)
            let granted = RolePermissions.effective([role], changes: changes)
            var table = TextTable([("权限 permission", .left), ("功能 function", .left), ("", .left)])
            for command in CommandRegistry.all {
                guard let permission = command.permission else { continue }
                let changed = changes[role]?[permission] != nil ? "*" : ""
                table.add([permission, command.title.zh, (granted.contains(permission) ? "allowed" : "denied") + changed])
            }
            print(table.render())
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Allow or deny permissions to a role (as an administrator).")
        @Argument(help: "The role.") var role: AccessRole
        @Option(help: "A permission to allow (repeatable).") var allow: [String] = []
        @Option(help: "A permission to deny (repeatable).") var deny: [String] = []
        @OptionGroup var administrator: AdministratorOptions

        func run() throws {
            let known = Set(RolePermissions.all)
            for permission in allow + deny where !known.contains(permission) {
                throw ValidationError("no permission \(permission); crm admin role show \(role.rawValue) lists them")
            }
            try administrator.run { db, admin in
                let access = AccessControl(database: db, clock: .system)
                for permission in allow { try access.set(permission, allowed: true, for: role, by: admin) }
                for permission in deny { try access.set(permission, allowed: false, for: role, by: admin) }
            }
            print("\(role.rawValue): \(allow.count) allowed, \(deny.count) denied; users get it at their next sign-in")
        }
    }
}

/// `crm admin user grant|revoke STAFF_ID ROLE --as ADMIN`: what both take.
struct RoleChangeOptions: ParsableArguments {
    @Argument(help: "The staff id.") var staffID: String
    @Argument(help: "The role.") var role: AccessRole
    @OptionGroup var administrator: AdministratorOptions

    /// Runs the change as the administrator, a refusal ending with exit 1.
    func run(_ body: (AccessControl, StaffProfile) throws -> Void) throws {
        try administrator.run { try body(AccessControl(database: $0, clock: .system), $1) }
    }
}

struct AdminGrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grant", abstract: "Give a user a role (as an administrator).")
    @OptionGroup var change: RoleChangeOptions

    func run() throws {
        try change.run { try $0.grant(change.role, to: change.staffID, by: $1) }
        print("\(change.staffID): granted \(change.role.rawValue)")
    }
}

struct AdminRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Take a role from a user (as an administrator).")
    @OptionGroup var change: RoleChangeOptions

    func run() throws {
        try change.run { try $0.revoke(change.role, from: change.staffID, by: $1) }
        print("\(change.staffID): revoked \(change.role.rawValue)")
    }
}
