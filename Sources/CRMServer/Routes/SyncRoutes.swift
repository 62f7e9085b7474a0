import CRMStore
import CRMSync
import Foundation
import Hummingbird

/// `POST /sync/pull` and `POST /sync/push` for a signed-in member of staff's replica (docs/sync.md). The
/// user's scope comes from the server, never from the request; a push is answered after its durable commit.
struct SyncRoutes {
    let server: ServerEnvironment
    let sync: SyncServer

    func register(on router: RouterGroup<CRMRequestContext>) {
        router.post("/sync/pull") { request, context in try await pull(request, context) }
        router.post("/sync/push") { request, context in try await push(request, context) }
    }

    private func pull(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let staff = try context.requireStaff(permission: nil)
        let body = try await request.decodeJSON(PullRequest.self, context: context)
        let sync = self.sync
        let start = ContinuousClock.now
        let page = try await refusals { try await offloaded { try sync.pull(body, staff: staff.profile, deviceID: staff.deviceID) } }
        server.metrics.incrementSync("ops_sent", by: page.ops.count, labels: [])
        server.metrics.recordSyncDuration("pull", ContinuousClock.now - start)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: try PullPageCodec.encode(page))))
    }

    private func push(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let staff = try context.requireStaff(permission: nil)
        let body = try await request.decodeJSON(PushRequest.self, context: context)
        let sync = self.sync
        let start = ContinuousClock.now
        let answer = try await refusals { try await offloaded { try sync.push(body, staff: staff.profile, deviceID: staff.deviceID) } }
        server.metrics.incrementSync("mutations_applied", by: answer.results.filter { $0.status == .applied }.count, labels: [])
        server.metrics.incrementSync("mutations_rejected", by: answer.results.filter { $0.status == .rejected }.count, labels: [])
        server.metrics.recordSyncDuration("push", ContinuousClock.now - start)
        return try Response.encoded(answer)
    }

    /// A sync refusal as its HTTP answer: 503 when retrying may help, 409 for another schema or client.
    private func refusals<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let failure as SyncFailure {
            throw APIError(failure.temporary ? .serviceUnavailable : .conflict, code: failure.error, message: failure.message)
        }
    }
}

extension Response {
    /// A JSON response from a Codable value (the sync wire types).
    static func encoded<T: Encodable>(_ value: T) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(value))))
    }
}
