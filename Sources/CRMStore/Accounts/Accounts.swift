import CRMCore
import Foundation
import GRDB
import HummingbirdBcrypt

/// Why a sign-in or an account change did not go through.
public enum AccountError: Error, Equatable, CustomStringConvertible {
    case wrongCredentials
    case locked(until: String?)
    case notAllowed(String)
    case rejected(String)

    public var description: String {
        switch self {
        case .wrongCredentials: return "工号或密码不正确 (wrong staff id or password)"
        case .locked(let until):
            return until.map { "账户已锁定至 \($0) (the account is locked until \($0))" }
                ?? "账户已被管理员锁定 (an administrator locked the account)"
        case .notAllowed(let reason), .rejected(let reason): return reason
        }
    }
}

/// A successful sign-in: who, and whether the password must be changed first (new, reset or expired).
public struct SignedIn: Sendable, Equatable {
    public let profile: StaffProfile
    public let mustChangePassword: Bool
}

/// Sign-in accounts (系统账户): bcrypt hashes, the password policy, lockout after repeated failures, and the
/// administrators' operations. Every operation and every sign-in, failed or not, is audited.
public struct Accounts: Sendable {
    private let writer: AuditedWriter
    private var database: AppDatabase { writer.database }
    private var clock: WallClock { writer.clock }

    public init(database: AppDatabase, clock: WallClock, machine: String = Machine.name) {
        writer = AuditedWriter(database: database, clock: clock, machine: machine)
    }

    /// Whether this is a real installation (`crm admin init` has run): then everyone signs in with a password.
    public func required() throws -> Bool {
        try database.writer.read { try Bool.fetchOne($0, sql: "SELECT EXISTS(SELECT 1 FROM sys_account)") ?? false }
    }

    /// `crm admin init`: the first administrator's account, only while there is none.
    public func initialize(administrator staffID: String, password: String) throws {
        try write { db, stamp, policy in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM sys_account)") == false else {
                throw AccountError.notAllowed("已经初始化过；由管理员用 crm admin user add 建立账户 (already initialised)")
            }
            guard let profile = try StaffDirectory.profile(db, staffID: staffID), profile.role == .administrator else {
                throw AccountError.rejected("\(staffID) 不是在职的系统管理员 (not an active administrator in the staff extract)")
            }
            if let problem = policy.problem(with: password) { throw AccountError.rejected(problem) }
            try insert(db, staffID: staffID, password: password, mustChange: false, by: staffID, now: stamp.at, policy: policy)
            try stamp.record(db, actor: staffID, action: "account.init", target: staffID)
        }
    }

    /// A new account for a member of staff, with a temporary password to change at the first sign-in.
    public func create(staffID: String, by administrator: StaffProfile) throws -> String {
        try write { db, stamp, policy in
            try AccessControl.requireAdministrator(administrator, db)
            guard try StaffDirectory.profile(db, staffID: staffID) != nil else {
                throw AccountError.rejected("没有员工 \(staffID) (no staff \(staffID))")
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sys_account WHERE staff_id = ?", arguments: [staffID]) != true else {
                throw AccountError.rejected("\(staffID) 已有账户 (already has an account)")
            }
            let temporary = Self.temporaryPassword(policy)
            try insert(db, staffID: staffID, password: temporary, mustChange: true, by: administrator.staffID, now: stamp.at, policy: policy)
            try stamp.record(db, actor: administrator.staffID, action: "account.create", target: staffID)
            return temporary
        }
    }

    /// Locks (until an administrator unlocks) or unlocks an account; unlocking also clears failures.
    public func setLocked(_ locked: Bool, staffID: String, by administrator: StaffProfile) throws {
        try write { db, stamp, _ in
            try AccessControl.requireAdministrator(administrator, db)
            try db.execute(sql: """
                UPDATE sys_account SET locked_by_admin = ?, locked_until = NULL, failed_count = 0 WHERE staff_id = ?
                """, arguments: [locked, staffID])
            guard db.changesCount == 1 else { throw AccountError.rejected("\(staffID) 没有账户 (no account)") }
            try stamp.record(db, actor: administrator.staffID, action: locked ? "account.lock" : "account.unlock", target: staffID)
        }
    }

    /// A new temporary password, to change at the next sign-in; the account is unlocked.
    public func reset(staffID: String, by administrator: StaffProfile) throws -> String {
        try write { db, stamp, policy in
            try AccessControl.requireAdministrator(administrator, db)
            let temporary = Self.temporaryPassword(policy)
            let hash = Bcrypt.hash(temporary, cost: UInt8(policy.bcryptCost))
            try db.execute(sql: """
                UPDATE sys_account SET password_hash = ?, must_change = 1, password_changed_at = ?, failed_count = 0,
                  locked_until = NULL, locked_by_admin = 0 WHERE staff_id = ?
                """, arguments: [hash, stamp.at, staffID])
            guard db.changesCount == 1 else { throw AccountError.rejected("\(staffID) 没有账户 (no account)") }
            try stamp.record(db, actor: administrator.staffID, action: "account.reset", target: staffID)
            return temporary
        }
    }

    /// Checks a password. A wrong one counts towards the lockout; the lockout-th in a row locks the account for
    /// the lockout period. Both outcomes are audited.
    public func signIn(staffID: String, password: String) throws -> SignedIn {
        let outcome: Result<SignedIn, AccountError> = try write { db, stamp, policy in
            guard let account = try Row.fetchOne(db, sql: """
                SELECT password_hash, must_change, password_changed_at, failed_count, locked_until, locked_by_admin
                FROM sys_account WHERE staff_id = ?
                """, arguments: [staffID]), let profile = try StaffDirectory.profile(db, staffID: staffID) else {
                try stamp.record(db, actor: staffID, action: "signin.failure", target: staffID, detail: "unknown account")
                return .failure(.wrongCredentials)
            }
            if account["locked_by_admin"] as Bool {
                try stamp.record(db, actor: staffID, action: "signin.failure", target: staffID, detail: "locked by an administrator")
                return .failure(.locked(until: nil))
            }
            if let until = account["locked_until"] as String?, until > stamp.at {
                try stamp.record(db, actor: staffID, action: "signin.failure", target: staffID, detail: "locked until \(until)")
                return .failure(.locked(until: until))
            }
            guard Bcrypt.verify(password, hash: account["password_hash"]) else {
                let failures = (account["failed_count"] as Int) + 1
                let lockUntil = failures >= policy.lockoutFailures
                    ? ShanghaiTime.timestamp(clock.now() + Int64(policy.lockoutMinutes) * 60) : nil
                try db.execute(sql: "UPDATE sys_account SET failed_count = ?, locked_until = ? WHERE staff_id = ?",
                               arguments: [lockUntil == nil ? failures : 0, lockUntil, staffID])
                try stamp.record(db, actor: staffID, action: "signin.failure", target: staffID,
                          detail: lockUntil.map { "wrong password; locked until \($0)" } ?? "wrong password (\(failures))")
                return .failure(lockUntil.map { .locked(until: $0) } ?? .wrongCredentials)
            }
            try db.execute(sql: "UPDATE sys_account SET failed_count = 0, locked_until = NULL WHERE staff_id = ?", arguments: [staffID])
            try stamp.record(db, actor: staffID, action: "signin.success", target: staffID, detail: "password")
            let changed = BusinessDate(String((account["password_changed_at"] as String).prefix(10))) ?? ShanghaiTime.date(of: clock.now())
            let expired = ShanghaiTime.date(of: clock.now()).days(since: changed) > policy.maximumAgeDays
            return .success(SignedIn(profile: profile, mustChangePassword: account["must_change"] as Bool || expired))
        }
        return try outcome.get()
    }

    /// Changes one's own password: the current one must match, the new one must meet the policy and differ
    /// from the last few.
    public func changePassword(staffID: String, current: String, new: String) throws {
        try write { db, stamp, policy in
            guard let hash = try String.fetchOne(db, sql: "SELECT password_hash FROM sys_account WHERE staff_id = ?", arguments: [staffID]),
                  Bcrypt.verify(current, hash: hash) else { throw AccountError.wrongCredentials }
            if let problem = policy.problem(with: new) { throw AccountError.rejected(problem) }
            let earlier = try String.fetchAll(db, sql: """
                SELECT password_hash FROM sys_password_history WHERE staff_id = ? ORDER BY set_at DESC LIMIT ?
                """, arguments: [staffID, policy.history])
            guard !earlier.contains(where: { Bcrypt.verify(new, hash: $0) }) else {
                throw AccountError.rejected("不能使用最近 \(policy.history) 次用过的密码 (not one of the last \(policy.history))")
            }
            let newHash = Bcrypt.hash(new, cost: UInt8(policy.bcryptCost))
            try db.execute(sql: "UPDATE sys_account SET password_hash = ?, must_change = 0, password_changed_at = ? WHERE staff_id = ?",
                           arguments: [newHash, stamp.at, staffID])
            try db.execute(sql: "INSERT OR REPLACE INTO sys_password_history(staff_id, set_at, password_hash) VALUES (?, ?, ?)",
                           arguments: [staffID, stamp.at, newHash])
            try stamp.record(db, actor: staffID, action: "account.password", target: staffID)
        }
    }

    /// Accounts with their state, for `crm admin user list`.
    public func list() throws -> [(staffID: String, name: String, state: String, passwordChangedAt: String)] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.staff_id, COALESCE(s.name, ''), a.locked_by_admin, a.locked_until, a.must_change, a.password_changed_at
                FROM sys_account a LEFT JOIN base_staff s ON s.staff_id = a.staff_id ORDER BY a.staff_id
                """).map { row in
                let state = (row[2] as Bool) ? "locked" : (row[3] as String?).map { "locked until \($0)" } ?? ((row[4] as Bool) ? "must change password" : "active")
                return (row[0], row[1], state, row[5])
            }
        }
    }

    // MARK: Helpers

    private func write<T>(_ body: (Database, AuditStamp, PasswordPolicy) throws -> T) throws -> T {
        try writer.write { db, stamp in try body(db, stamp, try Settings.read(db).passwordPolicy) }
    }

    private func insert(_ db: Database, staffID: String, password: String, mustChange: Bool, by creator: String, now: String,
                        policy: PasswordPolicy) throws {
        let hash = Bcrypt.hash(password, cost: UInt8(policy.bcryptCost))
        try db.execute(sql: """
            INSERT INTO sys_account(staff_id, password_hash, must_change, password_changed_at, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [staffID, hash, mustChange, now, now, creator])
        try db.execute(sql: "INSERT INTO sys_password_history(staff_id, set_at, password_hash) VALUES (?, ?, ?)",
                       arguments: [staffID, now, hash])
    }


    /// A random password that meets the policy: letters of both cases, digits and a symbol.
    static func temporaryPassword(_ policy: PasswordPolicy) -> String {
        let groups = ["abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "!#%+=?@"].map(Array.init)
        var generator = SystemRandomNumberGenerator()
        var characters = groups.map { $0.randomElement(using: &generator)! }
        let all = groups.flatMap { $0 }
        while characters.count < max(12, policy.minimumLength) { characters.append(all.randomElement(using: &generator)!) }
        return String(characters.shuffled(using: &generator))
    }
}
