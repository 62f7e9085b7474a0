import GRDB

/// What a database file is to sync: the default embedded database (central store and replica in one file,
/// nothing logged), the central server's store (every write published to bucket logs), or a replica of one
/// user's scope (local writes tracked until the server acknowledges them).
public enum SyncRole: String, Sendable {
    case embedded
    case server
    case replica

    /// The role recorded in the file.
    public static func current(_ db: Database) throws -> SyncRole {
        try SyncMeta.value("role", db).flatMap(SyncRole.init(rawValue:)) ?? .embedded
    }
}

/// Small named values of the sync machinery (`role`, `epoch`, `last_op_id`, `client_id`, ...).
public enum SyncMeta {
    /// The value stored under `key`, if any.
    public static func value(_ key: String, _ db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM sync_meta WHERE key = ?"), arguments: [key])
    }

    /// Stores `value` under `key`.
    public static func set(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO sync_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// Removes `key`.
    public static func remove(_ key: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM sync_meta WHERE key = ?", arguments: [key])
    }
}
