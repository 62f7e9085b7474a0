import Foundation
import Hummingbird
import Logging

/// The outermost middleware: answers every error as JSON (``APIError``'s shape), then logs one line per request
/// (method, path, status, milliseconds, principal) and counts it in the metrics by route pattern.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = CRMRequestContext

    let metrics: ServerMetrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = answer(error, request: request, context: context)
        }
        let duration = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.recordRequest(method: request.method.rawValue, route: route, status: response.status.code, duration: duration)
        let milliseconds = Double(duration.components.attoseconds / 1_000_000_000_000) / 1_000 + Double(duration.components.seconds) * 1_000
        logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", milliseconds)) ms \(context.logNote.principal)")
        return response
    }

    /// The JSON answer to an error: an ``APIError`` as it is, another HTTP error with its status, anything else a 500.
    private func answer(_ error: any Error, request: Request, context: Context) -> Response {
        if let error = error as? APIError { return Response.json(error.json, status: error.status) }
        if let error = error as? any HTTPResponseError {
            let code = error.status == .notFound ? "not_found" : "http_\(error.status.code)"
            return Response.json(APIError(error.status, code: code, message: error.status.reasonPhrase).json, status: error.status)
        }
        logger.error("\(request.method) \(request.uri.path): \(String(describing: error))")
        return Response.json(APIError(.internalServerError, code: "internal", message: "服务器内部错误 (internal server error)").json,
                             status: .internalServerError)
    }
}
