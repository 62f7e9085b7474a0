import CRMStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A replica's sign-in with the server: the device-bound refresh token kept in the replica (a 0600 file), and a
/// short-lived access token fetched with it when needed. A revoked device is told so on refresh.
public struct ServerCredentials: Sendable {
    public let server: URL
    public let database: AppDatabase

    public init(server: URL, database: AppDatabase) {
        self.server = server
        self.database = database
    }

    /// Who signed in, as the server answered.
    public struct SignedIn: Decodable, Sendable {
        public struct Staff: Decodable, Sendable {
            public let staffID: String
            public let name: String
            enum CodingKeys: String, CodingKey {
                case staffID = "staff_id"
                case name
            }
        }

        public let accessToken: String
        public let refreshToken: String
        public let staff: Staff

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case refreshToken = "refresh_token"
            case staff
        }
    }

    /// Signs in with a password for this device and keeps the refresh token; the password is not stored.
    public func signIn(staffID: String, password: String, deviceID: String, deviceName: String) async throws -> SignedIn {
        let answer: SignedIn = try await post("auth/sign-in", [
            "staff_id": staffID, "password": password, "device_id": deviceID, "device_name": deviceName,
        ])
        try keep(answer.refreshToken, deviceID: deviceID)
        return answer
    }

    /// Changes a password on the server (a temporary one must be changed before the first sign-in).
    public func changePassword(staffID: String, current: String, new: String) async throws {
        let _: Empty = try await post("auth/password", ["staff_id": staffID, "current_password": current, "new_password": new], expecting: 204)
    }

    /// A fresh access token from the kept refresh token (which the server rotates).
    public func accessToken() async throws -> String {
        let (deviceID, refreshToken) = try await database.writer.read { db in
            (try SyncMeta.value("device_id", db), try SyncMeta.value("refresh_token", db))
        }
        guard let deviceID, let refreshToken else {
            throw SyncFailure("not_signed_in", "本机尚未登录服务器，请先运行 crm login (run crm login first)")
        }
        let answer: SignedIn = try await post("auth/refresh", ["device_id": deviceID, "refresh_token": refreshToken])
        try keep(answer.refreshToken, deviceID: deviceID)
        return answer.accessToken
    }

    private func keep(_ refreshToken: String, deviceID: String) throws {
        try database.writer.write { db in
            try SyncMeta.set("device_id", deviceID, db)
            try SyncMeta.set("refresh_token", refreshToken, db)
        }
    }

    private struct Empty: Decodable {}

    private func post<Answer: Decodable>(_ path: String, _ body: [String: String], expecting status: Int = 200) async throws -> Answer {
        var request = URLRequest(url: server.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONEncoder().encode(body)
        request.timeoutInterval = 30
        let (data, response) = try await HTTPExchange.send(request)
        guard response.statusCode == status else { throw HTTPExchange.failure(status: response.statusCode, body: data) }
        return try HTTPExchange.decode(Answer.self, from: status == 204 ? Data("{}".utf8) : data)
    }
}
