import CRMCore
import CRMStore
import Foundation

/// A replica's sync with the server it signed in to, over HTTP: the one way the command line and the
/// terminal UI sync.
public enum HTTPSync {
    /// One push and pull. `server` overrides the address kept at sign-in.
    public static func once(database: AppDatabase, clock: WallClock, server: URL? = nil) async throws -> SyncClient.Report {
        let stored = try await database.writer.read { db in try SyncMeta.value("server", db) }
        guard let url = server ?? stored.flatMap(URL.init(string:)) else {
            throw SyncFailure("not_signed_in", "本机尚未登录服务器，请先运行 crm login (this database has not signed in: run crm login)")
        }
        let credentials = ServerCredentials(server: url, database: database)
        let key = database.path + " " + url.absoluteString
        let transport = HTTPSyncTransport(server: url, accessToken: { try await tokens.token(for: key, from: credentials) })
        do {
            return try await SyncClient(replica: Replica(database: database, clock: clock), transport: transport).sync()
        } catch let failure as SyncFailure where ["token_expired", "invalid_token"].contains(failure.error) {
            await tokens.forget(key)
            throw failure
        }
    }

    /// Access tokens of this process, so that frequent syncs do not refresh (and rotate) the refresh token each time.
    private static let tokens = AccessTokenCache()
}

/// Access tokens by replica and server, each reused for a few minutes (the server's default lifetime is 15).
actor AccessTokenCache {
    private var cached: [String: (token: String, until: ContinuousClock.Instant)] = [:]

    func token(for key: String, from credentials: ServerCredentials) async throws -> String {
        if let entry = cached[key], entry.until > .now { return entry.token }
        let fresh = try await credentials.accessToken()
        cached[key] = (fresh, .now.advanced(by: .seconds(300)))
        return fresh
    }

    func forget(_ key: String) { cached[key] = nil }
}
