import CRMCore
import CRMStore
import Hummingbird

/// `POST /ingest/movements` (实时大额变动推送), for service tokens only: up to 1,000 movements, all stored or none,
/// answered only after the commit is on disk.
struct IngestRoutes {
    let server: ServerEnvironment

    struct Body: Decodable {
        let movements: [MovementSubmission]
    }

    func register(on router: RouterGroup<CRMRequestContext>) {
        router.post("/ingest/movements") { request, context in try await movements(request, context) }
    }

    private func movements(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let service = try context.requireService()
        let body = try await request.decodeJSON(Body.self, context: context)
        guard body.movements.count <= MovementIngest.maximumBatch else {
            throw APIError.invalid("movements: 一次至多 \(MovementIngest.maximumBatch) 笔 (at most \(MovementIngest.maximumBatch) per request)")
        }
        let server = self.server
        let result: MovementIngestResult
        do {
            result = try await offloaded {
                try MovementIngest(database: server.database, clock: server.clock).ingest(body.movements, source: service)
            }
        } catch let problem as MovementProblem {
            throw APIError.invalid(problem.description)
        }
        server.metrics.recordIngest(accepted: result.accepted, duplicates: result.duplicates, alerts: result.alerts)
        return Response.json(.object([("accepted", .int(Int64(result.accepted))), ("duplicates", .int(Int64(result.duplicates))),
                                      ("alerts", .int(Int64(result.alerts)))]))
    }
}
