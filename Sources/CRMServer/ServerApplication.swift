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

    /// Runs the server until SIGINT or SIGTERM, flushing the audit of looks every quarter second and once more at
    /// the end, and publishing every second what other processes (the batch, administrators' commands) wrote.
    public static func run(server: ServerEnvironment, host: String, port: Int, logger: Logger) async throws {
        let flusher = Task { await server.looks.run() }
        let publisher = Task { await publishLoop(server, logger: logger) }
        defer {
            flusher.cancel()
            publisher.cancel()
        }
        try await make(server: server, host: host, port: port, logger: logger).runService()
        flusher.cancel()
        publisher.cancel()
        // The last looks are written before the process ends.
        await flusher.value
    }

    private static func publishLoop(_ server: ServerEnvironment, logger: Logger) async {
        let sync = server.sync
        while !Task.isCancelled {
            do {
                let ops = try await offloaded { try sync.publishPending() }
                if ops > 0 { logger.info("published \(ops) sync ops written by other processes") }
            } catch {
                logger.error("publishing sync ops failed: \(error)")
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
