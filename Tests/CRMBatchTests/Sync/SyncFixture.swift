import CRMCore
import CRMStore
import CRMSync
import Foundation
import GRDB
@testable import CRMBatch

/// The tiny bank as a sync server: loaded for ten days and prepared (every row published) once per test
/// process; each test works on its own copy of the file.
enum SyncBank {
    static let day10 = TinyBank.start.adding(days: 9)
    static let scratch = ScratchFolder(keptForProcess: true)
    static let prepared: String = {
        let path = scratch.path + "/server.sqlite"
        let database = try! AppDatabase.open(path: path)
        _ = try! BatchRunner(database: database).run(source: TinyBank.source, to: day10)
        try! SyncServer.prepare(database)
        try! database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return path
    }()

    /// A fresh copy of the prepared server in `folder`.
    static func server(in folder: ScratchFolder, clock: WallClock = serverClock) throws -> SyncServer {
        let path = folder.path + "/server-\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(atPath: prepared, toPath: path)
        return SyncServer(database: try AppDatabase.open(path: path), clock: clock, pageSize: 200)
    }

    static let serverClock = WallClock.fixed(date: day10.adding(days: 1), hour: 10)

    private static let templates = TemplateShelf()

    /// A replica file of `user`'s scope synced with the prepared server, made once per user and test process.
    static func syncedReplica(of user: StaffProfile) async throws -> String {
        if let path = templates.path(for: user.staffID) { return path }
        let folder = ScratchFolder()
        let server = try server(in: folder)
        let laptop = try Laptop(user, server: server, folder: scratch, network: DirectLink(server: server, user: user, deviceID: "template"))
        try await laptop.syncUntilComplete()
        try await laptop.replica.database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        templates.keep(laptop.replica.database.path, for: user.staffID)
        return laptop.replica.database.path
    }

    /// Active staff with `role`, in id order.
    static func staff(_ server: SyncServer, _ role: StaffRole) throws -> [StaffProfile] {
        try server.database.writer.read { db in try StaffDirectory.active(db).filter { $0.role == role } }
    }
}

/// Replica files already synced, by staff id.
final class TemplateShelf: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String: String] = [:]

    func path(for staffID: String) -> String? { lock.withLock { paths[staffID] } }
    func keep(_ path: String, for staffID: String) { lock.withLock { paths[staffID] = path } }
}

/// One field laptop: its own database file, its user, and the network it syncs over.
struct Laptop {
    let user: StaffProfile
    let replica: Replica
    let client: SyncClient
    let log: MutationLog

    /// A new laptop; with `from`, a copy of that replica file (already synced), under a client id of its own.
    init(_ user: StaffProfile, server: SyncServer, folder: ScratchFolder, network: any SyncTransport,
         clock: WallClock = SyncBank.serverClock, from template: String? = nil) throws {
        self.user = user
        let path = folder.path + "/replica-\(UUID().uuidString).sqlite"
        if let template { try FileManager.default.copyItem(atPath: template, toPath: path) }
        let database = try AppDatabase.open(path: path)
        replica = Replica(database: database, clock: clock)
        try replica.prepare(clientID: MutationID.make(), staffID: user.staffID, server: "test")
        client = SyncClient(replica: replica, transport: network)
        log = MutationLog(database: database, clock: clock)
    }

    /// Syncs until a checkpoint is shown, retrying what the network lost, up to `attempts` tries.
    @discardableResult
    func syncUntilComplete(attempts: Int = 200) async throws -> SyncClient.Report {
        var lastError: (any Error)?
        for _ in 0..<attempts {
            do {
                let report = try await client.sync()
                if report.complete, try replica.pendingCount() == 0 { return report }
            } catch let failure as SyncFailure where failure.temporary {
                lastError = failure
            }
        }
        throw lastError ?? SyncFailure("stuck", "sync did not complete in \(attempts) attempts")
    }
}

/// The server called in process, as the signed-in user of one device.
struct DirectLink: SyncTransport {
    let server: SyncServer
    let user: StaffProfile
    let deviceID: String

    func pull(_ request: PullRequest) async throws -> PullResponse {
        try server.pull(request, staff: user, deviceID: deviceID)
    }

    func push(_ request: PushRequest) async throws -> PushResponse {
        try server.push(request, staff: user, deviceID: deviceID)
    }
}

/// What a replica should hold, computed on the server without the sync machinery: every replicated table's
/// rows whose customer is in the user's scope (`DataScope`) or that the user owns, or reference rows.
enum ScopeOracle {
    /// The customers `user` may see, on the server.
    static func customers(_ server: SyncServer, _ user: StaffProfile) throws -> Set<String> {
        try server.database.writer.read { db in
            let scope = DataScope(profile: user).customerCondition("customer_id")
            return Set(try String.fetchAll(db, sql: "SELECT customer_id FROM base_customer WHERE \(scope.sql)", arguments: scope.arguments))
        }
    }

    /// A table's rows as JSON text, keyed by primary key, on one database: the columns that travel, lineage left out.
    static func rows(_ table: String, _ database: AppDatabase, where condition: String = "1",
                     arguments: StatementArguments = []) throws -> [String: String] {
        try database.writer.read { db in
            let travelling = try SyncCatalog.table(named: table)?.replicatedColumns(db) ?? db.columns(in: table).map(\.name)
            let columns = travelling.filter { $0 != "batch_date" && $0 != "source_line" }
            let key = try db.primaryKey(table).columns.map { "CAST(\"\($0)\" AS TEXT)" }.joined(separator: " || '|' || ")
            let object = "json_object(" + columns.map { "'\($0)', \"\($0)\"" }.joined(separator: ", ") + ")"
            return Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT \(key) AS k, \(object) AS v FROM \(table) WHERE \(condition)", arguments: arguments)
                .map { ($0["k"] as String, $0["v"] as String) })
        }
    }
}

extension AppDatabase {
    /// A synchronous read, for async tests (where GRDB would otherwise pick its async overload).
    func readNow<T>(_ body: (Database) throws -> T) throws -> T { try writer.read(body) }
    /// A synchronous write, for async tests.
    func writeNow<T>(_ body: (Database) throws -> T) throws -> T { try writer.write(body) }
}
