import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sync over HTTP: JSON bodies to `/sync/pull` and `/sync/push` with the access token as a bearer token; pull
/// pages are read by ``PullPageCodec``.
public struct HTTPSyncTransport: SyncTransport {
    public let server: URL
    public let accessToken: @Sendable () async throws -> String

    public init(server: URL, accessToken: @escaping @Sendable () async throws -> String) {
        self.server = server
        self.accessToken = accessToken
    }

    public func pull(_ request: PullRequest) async throws -> PullResponse {
        try PullPageCodec.decode(try await post("sync/pull", request))
    }

    public func push(_ request: PushRequest) async throws -> PushResponse {
        try HTTPExchange.decode(PushResponse.self, from: try await post("sync/push", request))
    }

    /// The answer's body to a 200.
    private func post<Body: Encodable>(_ path: String, _ body: Body) async throws -> Data {
        var request = URLRequest(url: server.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer " + (try await accessToken()), forHTTPHeaderField: "Authorization")
        request.httpBody = try JSONEncoder().encode(body)
        request.timeoutInterval = 60
        let (data, response) = try await HTTPExchange.send(request)
        guard response.statusCode == 200 else { throw HTTPExchange.failure(status: response.statusCode, body: data) }
        return data
    }
}

/// One HTTP request and the server's refusals as ``SyncFailure``s.
public enum HTTPExchange {
    /// Sends `request`; a connection failure is a temporary ``SyncFailure`` (the replica works offline).
    public static func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                throw SyncFailure("offline", "服务器没有回应 (no HTTP response)", temporary: true)
            }
            return (data, http)
        } catch let failure as SyncFailure {
            throw failure
        } catch {
            throw SyncFailure("offline", "无法连接服务器：\(error.localizedDescription) (cannot reach the server)", temporary: true)
        }
    }

    /// Decodes an answer; one cut short or garbled on the way is a temporary failure (the request is sent again).
    public static func decode<Answer: Decodable>(_ type: Answer.Type, from data: Data) throws -> Answer {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch is DecodingError {
            throw SyncFailure.garbledAnswer
        }
    }

    /// The failure a non-200 answer stands for: the server's own `{error, message}` when it sent one.
    public static func failure(status: Int, body: Data) -> SyncFailure {
        struct Refusal: Decodable { let error: String; let message: String }
        let refusal = try? JSONDecoder().decode(Refusal.self, from: body)
        return SyncFailure(refusal?.error ?? "http_\(status)", refusal?.message ?? "服务器返回 HTTP \(status)",
                           temporary: status == 503 || status >= 500)
    }
}
