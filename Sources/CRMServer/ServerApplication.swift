import Hummingbird
import Logging

/// `crm server`: the HTTP server on `host:port` over the routes of ``ServerRouter``.
public enum ServerApplication {
    /// The application; run it with `runService()` (it stops on SIGINT or SIGTERM) or test it with HummingbirdTesting.
    /// `port` 0 picks a free port.
    public static func make(server: ServerEnvironment, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(router: ServerRouter.make(server: server, logger: logger),
                    configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "crm"),
                    logger: logger)
    }

    /// Runs the server until SIGINT or SIGTERM, flushing the audit of looks every quarter second and once more at the end.
    public static func run(server: ServerEnvironment, host: String, port: Int, logger: Logger) async throws {
        let flusher = Task { await server.looks.run() }
        do {
            try await make(server: server, host: host, port: port, logger: logger).runService()
        } catch {
            flusher.cancel()
            await flusher.value
            throw error
        }
        flusher.cancel()
        await flusher.value
    }
}
