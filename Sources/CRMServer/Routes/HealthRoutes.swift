import CRMCore
import CRMStore
import GRDB
import Hummingbird

/// `GET /health` and `GET /metrics`, without authentication, for load balancers and monitoring.
struct HealthRoutes {
    let server: ServerEnvironment

    func register(on router: Router<CRMRequestContext>) {
        router.get("/health") { _, _ in try await health() }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: server.metrics.exposition())))
        }
    }

    /// 200 with the last applied migration when the database answers, else 503.
    private func health() async throws -> Response {
        do {
            let version = try server.read { try Schema.migrator.appliedMigrations($0).last }
            return Response.json(.object([("status", .string("ok")), ("schema_version", version.map(JSONValue.string) ?? .null),
                                          ("db", .string("ok"))]))
        } catch {
            return Response.json(.object([("status", .string("unavailable")), ("schema_version", .null), ("db", .string("error"))]),
                                 status: .serviceUnavailable)
        }
    }
}
