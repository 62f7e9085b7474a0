import CRMCore
import GRDB

/// Why a device may not sign in or refresh its token.
public enum DeviceError: Error, Equatable, CustomStringConvertible {
    /// An administrator revoked the device: it must wipe its replica and come back under a new device id.
    case revoked(String)
    /// The refresh token is not the device's current one (an old, rotated one included), or the device is unknown.
    case invalidRefresh
    /// The device has not refreshed for longer than `refresh_token_days`: sign in again.
    case expired
    /// A device id or name that cannot be stored.
    case rejected(String)
    /// An administrator locked the account of the staff member the device is bound to.
    case accountLocked(String)

    public var description: String {
        switch self {
        case .revoked(let id): return "设备 \(id) 已被管理员停用，请清除本地数据后重新登录 (device \(id) was revoked: wipe the local replica and sign in again)"
        case .invalidRefresh: return "刷新令牌无效或已使用过 (the refresh token is not valid, or was already used)"
        case .expired: return "设备太久未刷新令牌，请重新登录 (the device has not refreshed for too long: sign in again)"
        case .rejected(let reason): return reason
        case .accountLocked(let staffID): return "账户 \(staffID) 已被管理员锁定 (an administrator locked the account \(staffID))"
        }
    }
}

/// One device as `crm admin device list` shows it.
public struct DeviceRecord: Sendable, Equatable {
    public let deviceID: String
    public let staffID: String
    public let name: String
    /// Shanghai local `YYYY-MM-DD HH:MM:SS`.
    public let createdAt: String
    public let lastSeenAt: String
    public let revokedAt: String?
    public let revokedBy: String?
}

/// A device's standing, checked on every request that carries an access token.
public enum DeviceStatus: Sendable, Equatable {
    /// Signed in, bound to this member of staff.
    case active(staffID: String)
    case revoked
    case unknown
}

/// Devices signed in to the server (`sys_device`), each with one device-bound refresh token that every refresh
/// replaces. The database keeps only the token's SHA-256. Sign-ins and revocations are audited.
public struct DeviceRegistry: Sendable {
    private let writer: AuditedWriter

    public init(database: AppDatabase, clock: WallClock, machine: String = Machine.name) {
        writer = AuditedWriter(database: database, clock: clock, machine: machine)
    }

    /// Binds the device to `staffID` after a successful sign-in and returns its new refresh token. A device that
    /// was signed in before is bound anew (to whoever signed in last); a revoked one is refused.
    public func register(deviceID: String, name: String, staffID: String) throws -> String {
        guard Self.isPrintable(deviceID, maximum: 128) else {
            throw DeviceError.rejected("设备号须为 1 到 128 个可见字符 (device_id must be 1 to 128 printable characters)")
        }
        guard Self.isPrintable(name, maximum: 100) else {
            throw DeviceError.rejected("设备名称须为 1 到 100 个字符 (device_name must be 1 to 100 characters without control characters)")
        }
        let token = SecretToken.make()
        try writer.write { db, stamp in
            let existing = try Row.fetchOne(db, sql: "SELECT staff_id, revoked_at FROM sys_device WHERE device_id = ?", arguments: [deviceID])
            if let existing, (existing["revoked_at"] as String?) != nil { throw DeviceError.revoked(deviceID) }
            try db.execute(sql: """
                INSERT INTO sys_device(device_id, staff_id, device_name, refresh_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(device_id) DO UPDATE SET staff_id = excluded.staff_id, device_name = excluded.device_name,
                  refresh_hash = excluded.refresh_hash, last_seen_at = excluded.last_seen_at
                """, arguments: [deviceID, staffID, name, SecretToken.hash(token), stamp.at, stamp.at])
            let previous = existing.map { $0["staff_id"] as String }
            try stamp.record(db, actor: staffID, action: "device.signin", target: deviceID,
                             detail: previous.map { $0 == staffID ? name : "\(name); was \($0)" } ?? name)
        }
        return token
    }

    /// Exchanges the device's current refresh token for a new one (the old one stops working) and returns the
    /// member of staff the device is bound to.
    public func refresh(deviceID: String, refreshToken: String, validDays: Int) throws -> (staffID: String, refreshToken: String) {
        let token = SecretToken.make()
        let outcome: Result<String, DeviceError> = try writer.write { db, stamp in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT staff_id, refresh_hash, last_seen_at, revoked_at FROM sys_device WHERE device_id = ?
                """, arguments: [deviceID]) else { return .failure(.invalidRefresh) }
            if (row["revoked_at"] as String?) != nil { return .failure(.revoked(deviceID)) }
            guard (row["refresh_hash"] as String) == SecretToken.hash(refreshToken) else { return .failure(.invalidRefresh) }
            let lastSeen: String = row["last_seen_at"]
            let oldest = ShanghaiTime.timestamp(writer.clock.now() - Int64(validDays) * 86_400)
            guard lastSeen >= oldest else { return .failure(.expired) }
            let staffID: String = row["staff_id"]
            if try Self.isLockedByAdministrator(db, staffID: staffID) { return .failure(.accountLocked(staffID)) }
            try db.execute(sql: "UPDATE sys_device SET refresh_hash = ?, last_seen_at = ? WHERE device_id = ?",
                           arguments: [SecretToken.hash(token), stamp.at, deviceID])
            return .success(staffID)
        }
        return (try outcome.get(), token)
    }

    /// Whether an administrator locked the account (or it has none): its devices may not refresh, and their
    /// access tokens stop working.
    public static func isLockedByAdministrator(_ db: Database, staffID: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT locked_by_admin FROM sys_account WHERE staff_id = ?"), arguments: [staffID]) != false
    }

    /// The device's standing: bound to whom, revoked, or unknown.
    public static func status(_ db: Database, deviceID: String) throws -> DeviceStatus {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT staff_id, revoked_at FROM sys_device WHERE device_id = ?"),
                                         arguments: [deviceID]) else { return .unknown }
        return (row["revoked_at"] as String?) == nil ? .active(staffID: row["staff_id"]) : .revoked
    }

    /// Every device, most recently seen first.
    public func list() throws -> [DeviceRecord] {
        try writer.database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT device_id, staff_id, device_name, created_at, last_seen_at, revoked_at, revoked_by
                FROM sys_device ORDER BY last_seen_at DESC, device_id
                """).map { DeviceRecord(deviceID: $0[0], staffID: $0[1], name: $0[2], createdAt: $0[3], lastSeenAt: $0[4],
                                        revokedAt: $0[5], revokedBy: $0[6]) }
        }
    }

    /// Revokes a device for good, as an administrator: its tokens stop working at the next request.
    public func revoke(deviceID: String, by administrator: StaffProfile) throws {
        try writer.write { db, stamp in
            try AccessControl.requireAdministrator(administrator, db)
            try db.execute(sql: "UPDATE sys_device SET revoked_at = ?, revoked_by = ? WHERE device_id = ? AND revoked_at IS NULL",
                           arguments: [stamp.at, administrator.staffID, deviceID])
            guard db.changesCount == 1 else {
                throw AccountError.rejected("没有在用的设备 \(deviceID) (no device \(deviceID) in use)")
            }
            try stamp.record(db, actor: administrator.staffID, action: "device.revoke", target: deviceID)
        }
    }

    /// Whether `text` is 1 to `maximum` characters with no control characters.
    static func isPrintable(_ text: String, maximum: Int) -> Bool {
        !text.isEmpty && text.count <= maximum && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
