import CRMCore
import Foundation
import GRDB

/// The server's signing key for access tokens: 32 random bytes made the first time the server needs it and kept
/// in `sys_server_secret`, so tokens stay valid across restarts and every server process on the file agrees.
public enum ServerSecret {
    /// The key named `name`, made and stored when missing.
    public static func load(_ database: AppDatabase, name: String = "access_token", clock: WallClock) throws -> Data {
        try database.writer.write { db in
            if let secret = try Data.fetchOne(db, sql: "SELECT secret FROM sys_server_secret WHERE name = ?", arguments: [name]) {
                return secret
            }
            var generator = SystemRandomNumberGenerator()
            let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            try db.execute(sql: "INSERT INTO sys_server_secret(name, secret, created_at) VALUES (?, ?, ?)",
                           arguments: [name, secret, ShanghaiTime.timestamp(clock.now())])
            return secret
        }
    }
}
