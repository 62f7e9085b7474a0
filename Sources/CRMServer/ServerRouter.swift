import Hummingbird
import Logging

/// The server's routes, all in one place: this is the list docs/openapi.json must match (a test checks both ways).
///
/// To add routes: write a `...Routes` struct with `register(on:)` and call it below, on `router` for routes
/// without authentication or on `authenticated` for routes behind ``BearerAuthenticator`` (whose handlers read
/// the ``Principal`` with `context.requireStaff(permission:)` or `context.requireService()`).
public enum ServerRouter {
    /// The router with the request log (and JSON errors) outermost and every route registered.
    public static func make(server: ServerEnvironment, logger: Logger) -> Router<CRMRequestContext> {
        let router = Router(context: CRMRequestContext.self)
        router.add(middleware: RequestLogMiddleware(metrics: server.metrics, logger: logger))
        HealthRoutes(server: server).register(on: router)
        AuthRoutes(server: server).register(on: router)
        let authenticated = router.group().add(middleware: BearerAuthenticator(server: server))
        CustomerRoutes(server: server).register(on: authenticated)
        BalanceRoutes(server: server).register(on: authenticated)
        IngestRoutes(server: server).register(on: authenticated)
        SyncRoutes(server: server, sync: server.sync).register(on: authenticated)
        return router
    }

    /// Every route of `router` as `METHOD /path/{parameter}`, sorted.
    public static func routes(of router: Router<CRMRequestContext>) -> [String] {
        router.routes.map { "\($0.method.rawValue) \($0.path)" }.sorted()
    }
}
