import ArgumentParser
import CRMBatch
import CRMCore
import CRMStore
import CRMSync
import Foundation

/// `crm bench-sync`: on a copy of a loaded bank, times making it a sync server, a replica's initial download
/// of one user's scope, and, given the next day's extracts, the bytes of that day's incremental sync against
/// the full replica's (for make bench). Requests and answers are JSON-encoded and decoded as on the wire.
struct BenchSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-sync", abstract: "Measure initial and incremental sync of one user's scope (for make bench).",
        shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("as"), help: "Whose scope to sync (default: the team lead whose scope is nearest 500 customers).")
    var staffID: String?
    @Option(help: "The source extracts, to load the next business date on the server for the incremental figure.")
    var source: String?

    func run() throws {
        try AsyncBridge.wait { try await self.work() }
    }

    private func work() async throws {
        let scratch = NSTemporaryDirectory() + "crm-bench-sync-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let copy = scratch + "/server.sqlite"
        try FileManager.default.copyItem(atPath: database.resolvedPath, toPath: copy)
        let serverDatabase = try AppDatabase.open(path: copy)

        var start = ContinuousClock.now
        let ops = try SyncServer.prepare(serverDatabase)
        print("server prepare (every row published once): \(ops) ops in \((ContinuousClock.now - start).millisecondsText) ms")

        let user = try chooseUser(serverDatabase)
        let customers = try await serverDatabase.writer.read { db in
            let scope = DataScope(profile: user).customerCondition("customer_id")
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM base_customer WHERE \(scope.sql)", arguments: scope.arguments) ?? 0
        }
        let server = SyncServer(database: serverDatabase, clock: .system)
        let wire = CountingWire(server: server, user: user)
        let replicaDatabase = try AppDatabase.open(path: scratch + "/replica.sqlite")
        let replica = Replica(database: replicaDatabase, clock: .system)
        try replica.prepare(clientID: MutationID.make(), staffID: user.staffID, server: "bench")
        let client = SyncClient(replica: replica, transport: wire)

        start = ContinuousClock.now
        let initial = try await client.sync()
        let initialTime = ContinuousClock.now - start
        let initialBytes = wire.bytes
        let times = wire.times
        print("initial sync of \(user.staffID) (\(user.role.rawValue), \(customers) customers): \((initialTime).millisecondsText) ms "
              + "(server \(times.server.millisecondsText) ms, JSON \(times.codec.millisecondsText) ms, the rest on the replica), "
              + "\(initial.opsReceived) ops in \(initial.pages) pages, \(initialBytes) bytes answered (goal: 500 customers within 5 s)")

        guard let source else { return }
        let next = try await serverDatabase.writer.read { db in
            try String.fetchOne(db, sql: "SELECT date(max(biz_date), '+1 day') FROM if_batch").flatMap(BusinessDate.init)
        }
        guard let next else { throw CommandFailure("the database has no loaded business date") }
        start = ContinuousClock.now
        _ = try BatchRunner(database: serverDatabase).run(source: source, from: next, to: next)
        let batchTime = ContinuousClock.now - start
        start = ContinuousClock.now
        let published = try server.publishPending()
        print("batch of \(next) on the server: \(batchTime.millisecondsText) ms; publishing it: \(published) ops in \((ContinuousClock.now - start).millisecondsText) ms")
        wire.reset()
        start = ContinuousClock.now
        let daily = try await client.sync()
        let ratio = Double(wire.bytes) / Double(max(1, initialBytes)) * 100
        print("incremental sync for \(next): \((ContinuousClock.now - start).millisecondsText) ms, \(daily.opsReceived) ops, \(wire.bytes) bytes = "
              + String(format: "%.2f", ratio) + "% of the full replica's \(initialBytes) (goal: at most 2%)")
    }

    /// The user given, else the team lead whose scope is nearest 500 customers.
    private func chooseUser(_ database: AppDatabase) throws -> StaffProfile {
        try database.writer.read { db in
            if let staffID {
                guard let profile = try StaffDirectory.profile(db, staffID: staffID) else { throw CommandFailure("no active staff \(staffID)") }
                return profile
            }
            let leads = try StaffDirectory.active(db).filter { $0.role == .teamLead }
            let sized = try leads.map { lead -> (StaffProfile, Int) in
                let scope = DataScope(profile: lead).customerCondition("customer_id")
                return (lead, try Int.fetchOne(db, sql: "SELECT count(*) FROM base_customer WHERE \(scope.sql)", arguments: scope.arguments) ?? 0)
            }
            guard let nearest = sized.min(by: { abs($0.1 - 500) < abs($1.1 - 500) }) else { throw CommandFailure("the bank has no team lead") }
            return nearest.0
        }
    }
}

/// The server called in process, with every request and answer encoded and decoded as JSON, counting the
/// answers' bytes.
private final class CountingWire: SyncTransport, @unchecked Sendable {
    let server: SyncServer
    let user: StaffProfile
    private let lock = NSLock()
    private var counted = 0
    private var serverTime = Duration.zero
    private var codecTime = Duration.zero

    init(server: SyncServer, user: StaffProfile) {
        self.server = server
        self.user = user
    }

    var bytes: Int { lock.withLock { counted } }
    /// Time spent in the server's code, and in JSON encoding and decoding, since the last reset.
    var times: (server: Duration, codec: Duration) { lock.withLock { (serverTime, codecTime) } }
    func reset() { lock.withLock { (counted, serverTime, codecTime) = (0, .zero, .zero) } }

    func pull(_ request: PullRequest) async throws -> PullResponse {
        try exchange(request, encode: PullPageCodec.encode, decode: PullPageCodec.decode) {
            try self.server.pull($0, staff: self.user, deviceID: "bench")
        }
    }

    func push(_ request: PushRequest) async throws -> PushResponse {
        try exchange(request, encode: { try JSONEncoder().encode($0) }, decode: { try JSONDecoder().decode(PushResponse.self, from: $0) }) {
            try self.server.push($0, staff: self.user, deviceID: "bench")
        }
    }

    /// One request and answer, each through its wire encoding, as over HTTP.
    private func exchange<Request: Codable, Answer>(_ request: Request, encode: (Answer) throws -> Data, decode: (Data) throws -> Answer,
                                                    _ send: (Request) throws -> Answer) throws -> Answer {
        let clock = ContinuousClock()
        var request = request
        var reply: Answer?
        var answer = Data()
        var decoded: Answer?
        let codec1 = try clock.measure { request = try JSONDecoder().decode(Request.self, from: JSONEncoder().encode(request)) }
        let served = try clock.measure { reply = try send(request) }
        let codec2 = try clock.measure {
            answer = try encode(reply!)
            decoded = try decode(answer)
        }
        lock.withLock {
            counted += answer.count
            serverTime += served
            codecTime += codec1 + codec2
        }
        return decoded!
    }
}
