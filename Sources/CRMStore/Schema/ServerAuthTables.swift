import GRDB

/// What `crm server` keeps to authenticate requests.
///
/// `sys_server_secret`: the key access tokens are signed with, made once per database.
/// `sys_device`: devices signed in to the server, each bound to one member of staff, with the SHA-256 hash of its
/// current refresh token (never the token); a revoked device is refused until it comes back under a new id.
/// `sys_service_token`: credentials of other systems (core banking), stored as SHA-256 hashes.
enum ServerAuthTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sys_server_secret (
              name TEXT PRIMARY KEY, secret BLOB NOT NULL, created_at TEXT NOT NULL
            );
            CREATE TABLE sys_device (
              device_id TEXT PRIMARY KEY, staff_id TEXT NOT NULL, device_name TEXT NOT NULL, refresh_hash TEXT NOT NULL,
              created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, revoked_at TEXT, revoked_by TEXT
            );
            CREATE INDEX sys_device_staff ON sys_device(staff_id);
            CREATE TABLE sys_service_token (
              name TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
              revoked_at TEXT, revoked_by TEXT
            );
            """)
    }
}
