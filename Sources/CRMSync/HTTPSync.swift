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
        let tokens = AccessTokenCache(credentials: ServerCredentials(server: url, database: database))
        let transport = HTTPSyncTransport(server: url, accessToken: { try await tokens.token() })
        return try await SyncClient(replica: Replica(database: database, clock: clock), transport: transport).sync()
    }
}

/// One access token for a whole sync: fetched with the refresh token on first use, not once per request.
actor AccessTokenCache {
    private let credentials: ServerCredentials
    private var cached: String?

    init(credentials: ServerCredentials) { self.credentials = credentials }

    func token() async throws -> String {
        if let cached { return cached }
        let fresh = try await credentials.accessToken()
        cached = fresh
        return fresh
    }
}
