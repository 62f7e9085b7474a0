import CRMCore
import GRDB

/// One service credential as `crm admin service-token list` shows it (never the token).
public struct ServiceTokenRecord: Sendable, Equatable {
    public let name: String
    public let createdAt: String
    public let createdBy: String
    public let revokedAt: String?
}

/// Credentials of other systems (core banking pushing movements), stored as SHA-256 hashes in
/// `sys_service_token`. A token is shown once, when made. Creating and revoking are audited.
public struct ServiceTokens: Sendable {
    private let writer: AuditedWriter

    public init(database: AppDatabase, clock: WallClock, machine: String = Machine.name) {
        writer = AuditedWriter(database: database, clock: clock, machine: machine)
    }

    /// Makes the token of a new service `name`, as an administrator, and returns it (the only time it is seen).
    public func create(name: String, by administrator: StaffProfile) throws -> String {
        guard DeviceRegistry.isPrintable(name, maximum: 64), !name.contains(" ") else {
            throw AccountError.rejected("服务名须为 1 到 64 个可见字符，不含空格 (the name must be 1 to 64 printable characters without spaces)")
        }
        let token = SecretToken.make(prefix: "crms_")
        try writer.write { db, stamp in
            try AccessControl.requireAdministrator(administrator, db)
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sys_service_token WHERE name = ?", arguments: [name]) != true else {
                throw AccountError.rejected("服务 \(name) 已有令牌 (service \(name) already has a token)")
            }
            try db.execute(sql: "INSERT INTO sys_service_token(name, token_hash, created_at, created_by) VALUES (?, ?, ?, ?)",
                           arguments: [name, SecretToken.hash(token), stamp.at, administrator.staffID])
            try stamp.record(db, actor: administrator.staffID, action: "service_token.create", target: name)
        }
        return token
    }

    /// Every service token, by name.
    public func list() throws -> [ServiceTokenRecord] {
        try writer.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, created_at, created_by, revoked_at FROM sys_service_token ORDER BY name")
                .map { ServiceTokenRecord(name: $0[0], createdAt: $0[1], createdBy: $0[2], revokedAt: $0[3]) }
        }
    }

    /// Revokes a service's token, as an administrator; the name stays taken, so a log line never means two systems.
    public func revoke(name: String, by administrator: StaffProfile) throws {
        try writer.write { db, stamp in
            try AccessControl.requireAdministrator(administrator, db)
            try db.execute(sql: "UPDATE sys_service_token SET revoked_at = ?, revoked_by = ? WHERE name = ? AND revoked_at IS NULL",
                           arguments: [stamp.at, administrator.staffID, name])
            guard db.changesCount == 1 else {
                throw AccountError.rejected("没有在用的服务令牌 \(name) (no service token \(name) in use)")
            }
            try stamp.record(db, actor: administrator.staffID, action: "service_token.revoke", target: name)
        }
    }

    /// The service a presented token belongs to, nil when it is unknown or revoked.
    public static func service(_ db: Database, token: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM sys_service_token WHERE token_hash = ? AND revoked_at IS NULL"),
                            arguments: [SecretToken.hash(token)])
    }
}
