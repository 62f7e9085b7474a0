import CRMCore
import GRDB

/// Who holds which roles, and administrators' changes to what a role may do. Every grant, revoke and change is
/// audited. The defaults of each role are the application's (`RolePermissions` in CRMApp); this keeps only
/// the changes to them.
public struct AccessControl: Sendable {
    private let writer: AuditedWriter

    public init(database: AppDatabase, clock: WallClock, machine: String = Machine.name) {
        writer = AuditedWriter(database: database, clock: clock, machine: machine)
    }

    /// The roles a member of staff holds: those granted, else the role of their position.
    public static func roles(_ db: Database, of profile: StaffProfile) throws -> [AccessRole] {
        let granted = try String.fetchAll(db.cachedStatement(sql: "SELECT role FROM sys_user_role WHERE staff_id = ? ORDER BY role"),
                                          arguments: [profile.staffID]).compactMap(AccessRole.init(rawValue:))
        return granted.isEmpty ? [AccessRole(position: profile.role)] : granted
    }

    /// Refuses anyone who does not hold the administrator role (granted, or by position).
    static func requireAdministrator(_ profile: StaffProfile, _ db: Database) throws {
        guard try roles(db, of: profile).contains(.administrator) else {
            throw AccountError.notAllowed("只有系统管理员可以管理账户、角色与权限 (only administrators manage accounts, roles and permissions)")
        }
    }

    /// The administrators' changes: role -> permission -> allowed.
    public static func changes(_ db: Database) throws -> [AccessRole: [String: Bool]] {
        var result: [AccessRole: [String: Bool]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT role, permission, allowed FROM sys_role_permission")) {
            guard let role = AccessRole(rawValue: row[0]) else { continue }
            result[role, default: [:]][row[1]] = row[2]
        }
        return result
    }

    /// Grants a role to a member of staff (keeping the position's role when it was implicit).
    public func grant(_ role: AccessRole, to staffID: String, by administrator: StaffProfile) throws {
        try change(by: administrator, action: "permission.grant", target: staffID, detail: role.rawValue) { db, now in
            guard let profile = try StaffDirectory.profile(db, staffID: staffID) else {
                throw AccountError.rejected("没有员工 \(staffID) (no staff \(staffID))")
            }
            for held in try Self.roles(db, of: profile) + [role] {
                try db.execute(sql: "INSERT OR IGNORE INTO sys_user_role(staff_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?)",
                               arguments: [staffID, held.rawValue, administrator.staffID, now])
            }
        }
    }

    /// Takes a role away; a user must keep at least one.
    public func revoke(_ role: AccessRole, from staffID: String, by administrator: StaffProfile) throws {
        try change(by: administrator, action: "permission.revoke", target: staffID, detail: role.rawValue) { db, now in
            guard let profile = try StaffDirectory.profile(db, staffID: staffID) else {
                throw AccountError.rejected("没有员工 \(staffID) (no staff \(staffID))")
            }
            let held = try Self.roles(db, of: profile)
            guard held.contains(role), held.count > 1 else {
                throw AccountError.rejected("\(staffID) 至少保留一个角色，且须持有 \(role.rawValue) (keep at least one role)")
            }
            for kept in held where kept != role {
                try db.execute(sql: "INSERT OR IGNORE INTO sys_user_role(staff_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?)",
                               arguments: [staffID, kept.rawValue, administrator.staffID, now])
            }
            try db.execute(sql: "DELETE FROM sys_user_role WHERE staff_id = ? AND role = ?", arguments: [staffID, role.rawValue])
        }
    }

    /// Allows or denies a permission to a role, over its default.
    public func set(_ permission: String, allowed: Bool, for role: AccessRole, by administrator: StaffProfile) throws {
        try change(by: administrator, action: "permission.change", target: role.rawValue,
                   detail: "\(permission) \(allowed ? "allow" : "deny")") { db, now in
            try db.execute(sql: """
                INSERT OR REPLACE INTO sys_role_permission(role, permission, allowed, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [role.rawValue, permission, allowed, administrator.staffID, now])
        }
    }

    private func change(by administrator: StaffProfile, action: String, target: String, detail: String,
                        _ body: (Database, String) throws -> Void) throws {
        try writer.write { db, stamp in
            try Self.requireAdministrator(administrator, db)
            try body(db, stamp.at)
            try stamp.record(db, actor: administrator.staffID, action: action, target: target, detail: detail)
        }
    }
}
