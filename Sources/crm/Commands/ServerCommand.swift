import ArgumentParser
import CRMApp
import CRMCore
import CRMServer
import CRMStore
import CRMSync
import Logging

/// `crm server`: the central server (HTTP, JSON) over a database opened for durable commits.
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server", abstract: "Run the central server: sign-in, the query API, real-time ingest, sync, health and metrics.",
        discussion: """
            Runs until SIGINT or SIGTERM, logging one line per request on standard error. Every commit is flushed to \
            disk (synchronous=FULL) before a 2xx answer. Routes: docs/openapi.json; running it: "The server" in docs/user-guide.md.
            """)

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The TCP port (0 picks a free one).") var port: Int
    @Flag(help: "After restoring the database from a backup: start a new sync epoch, so every laptop downloads its scope again (keeping its unsent changes).")
    var newEpoch = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if !(0...65_535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() throws {
        try AsyncBridge.wait { try await self.work() }
    }

    private func work() async throws {
        let db = try AppDatabase.open(path: database.resolvedPath, durability: .full)
        let logger = Logger(label: "crm.server", factory: { StreamLogHandler.standardError(label: $0) })
        let published = try SyncServer.prepare(db)
        logger.info("sync: \(published) ops published on start")
        if newEpoch {
            try SyncServer(database: db, clock: .system).startNewEpoch()
            logger.info("sync: a new epoch; every replica downloads again")
        }
        let server = try ServerEnvironment(database: db, clock: .system, permissions: Self.applicationPermissions)
        logger.info("crm server on \(host):\(port), database \(db.path)")
        try await ServerApplication.run(server: server, host: host, port: port, logger: logger)
    }

    /// The permissions of the application's roles with administrators' changes, as the terminal UI grants them.
    static let applicationPermissions = PermissionSource { db, profile in
        RolePermissions.effective(try AccessControl.roles(db, of: profile), changes: try AccessControl.changes(db))
    }
}
