import ArgumentParser
import CRMBatch
import CRMCore
import CRMStore
import CRMSync
import Foundation

/// `crm bench-sync`: on a copy of a loaded bank, times making it a sync server, a replica's initial download
/// of one user's scope, and, given the next day's extracts, the bytes of that day's incremental sync against
/// the full replica's; then the first sync of a 500-customer portfolio (for make bench). Requests and answers
/// are encoded and decoded as on the wire.
struct BenchSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-sync", abstract: "Measure initial and incremental sync of one user's scope (for make bench).",
        shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("as"), help: "Whose scope to sync (default: the team lead or branch head whose scope is nearest 500 customers).")
    var staffID: String?
    @Option(help: "The source extracts, to load the next business date on the server for the incremental figure.")
    var source: String?
    @Option(help: "The size of the portfolio whose first sync is timed against the goal.")
    var portfolio = 500

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
        let server = SyncServer(database: serverDatabase, clock: .system)

        let user = try chooseUser(serverDatabase)
        let (client, wire) = try laptop(of: user, server, path: scratch + "/replica.sqlite")
        let initial = try await firstSync(client, wire, of: user, serverDatabase, goal: "")
        if let source {
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
            let time = ContinuousClock.now - start
            let replicaSize = try await client.replica.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size") ?? 0
            }
            func share(_ whole: Int) -> String { String(format: "%.2f%%", Double(wire.bytes) / Double(max(1, whole)) * 100) }
            print("incremental sync for \(next): \(time.millisecondsText) ms, \(daily.opsReceived) ops, \(wire.bytes) bytes = "
                  + "\(share(replicaSize)) of the full replica's database (\(replicaSize) bytes; goal: at most 2%), "
                  + "\(share(initial)) of its first download (\(initial) bytes)")
            print("  its ops by table, with the bytes of their rows: " + wire.tally)
        }

        let manager = try await widenedPortfolio(to: portfolio, serverDatabase)
        try server.publishPending()
        let (managerClient, managerWire) = try laptop(of: manager, server, path: scratch + "/portfolio.sqlite")
        _ = try await firstSync(managerClient, managerWire, of: manager, serverDatabase, goal: " (goal: a 500-customer portfolio within 5 s)")
    }

    /// A new replica of `user`'s scope, syncing through a counting wire.
    private func laptop(of user: StaffProfile, _ server: SyncServer, path: String) throws -> (SyncClient, CountingWire) {
        let wire = CountingWire(server: server, user: user)
        let replica = Replica(database: try AppDatabase.open(path: path), clock: .system)
        try replica.prepare(clientID: MutationID.make(), staffID: user.staffID, server: "bench")
        return (SyncClient(replica: replica, transport: wire), wire)
    }

    /// Times a replica's first sync and prints it; returns the bytes answered.
    private func firstSync(_ client: SyncClient, _ wire: CountingWire, of user: StaffProfile, _ database: AppDatabase,
                           goal: String) async throws -> Int {
        let customers = try await database.writer.read { db in
            let scope = DataScope(profile: user).customerCondition("customer_id")
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM base_customer WHERE \(scope.sql)", arguments: scope.arguments) ?? 0
        }
        let start = ContinuousClock.now
        let report = try await client.sync()
        let time = ContinuousClock.now - start
        let times = wire.times
        print("initial sync of \(user.staffID) (\(user.role.rawValue), \(customers) customers): \(time.millisecondsText) ms "
              + "(server \(times.server.millisecondsText) ms, JSON \(times.codec.millisecondsText) ms, the rest on the replica), "
              + "\(report.opsReceived) ops in \(report.pages) pages, \(wire.bytes) bytes answered" + goal)
        return wire.bytes
    }

    /// The relationship manager with the largest book, given assisting roles on further customers (in customer
    /// order) until they manage `size`: a portfolio of the goal's size made of the bank's own customers.
    private func widenedPortfolio(to size: Int, _ database: AppDatabase) async throws -> StaffProfile {
        try await database.writer.write { db in
            guard let staffID = try String.fetchOne(db, sql: """
                SELECT m.staff_id FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
                WHERE s.position = 'RM' AND s.status = 'ACTIVE' GROUP BY m.staff_id ORDER BY count(*) DESC, m.staff_id LIMIT 1
                """), let profile = try StaffDirectory.profile(db, staffID: staffID) else {
                throw CommandFailure("the bank has no relationship manager")
            }
            try db.execute(sql: """
                INSERT INTO base_customer_manager(customer_id, staff_id, role, share_bp, batch_date, source_line)
                SELECT customer_id, :staff, 'ASSIST', 0, (SELECT max(biz_date) FROM if_batch), 0 FROM base_customer
                WHERE customer_id NOT IN (SELECT customer_id FROM base_customer_manager WHERE staff_id = :staff)
                ORDER BY customer_id
                LIMIT max(0, :size - (SELECT count(*) FROM base_customer_manager WHERE staff_id = :staff))
                """, arguments: ["staff": staffID, "size": size])
            return profile
        }
    }

    /// The user given, else the team lead or branch head whose scope is nearest 500 customers.
    private func chooseUser(_ database: AppDatabase) throws -> StaffProfile {
        try database.writer.read { db in
            if let staffID {
                guard let profile = try StaffDirectory.profile(db, staffID: staffID) else { throw CommandFailure("no active staff \(staffID)") }
                return profile
            }
            let leads = try StaffDirectory.active(db).filter { $0.role == .teamLead || $0.role == .branchHead }
            let sized = try leads.map { lead -> (StaffProfile, Int) in
                let scope = DataScope(profile: lead).customerCondition("customer_id")
                return (lead, try Int.fetchOne(db, sql: "SELECT count(*) FROM base_customer WHERE \(scope.sql)", arguments: scope.arguments) ?? 0)
            }
            guard let nearest = sized.min(by: { abs($0.1 - 500) < abs($1.1 - 500) }) else { throw CommandFailure("the bank has no team lead or branch head") }
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
    private var opsByTable: [String: (ops: Int, bytes: Int)] = [:]
    private var serverTime = Duration.zero
    private var codecTime = Duration.zero

    init(server: SyncServer, user: StaffProfile) {
        self.server = server
        self.user = user
    }

    var bytes: Int { lock.withLock { counted } }
    /// Time spent in the server's code, and in JSON encoding and decoding, since the last reset.
    var times: (server: Duration, codec: Duration) { lock.withLock { (serverTime, codecTime) } }
    func reset() { lock.withLock { (counted, serverTime, codecTime, opsByTable) = (0, .zero, .zero, [:]) } }

    /// Ops received since the last reset by table and kind, with the bytes of their row data or key, largest first.
    var tally: String {
        lock.withLock {
            opsByTable.sorted { $0.value.bytes > $1.value.bytes }
                .map { "\($0.key) \($0.value.ops) (\($0.value.bytes / 1024) KB)" }.joined(separator: ", ")
        }
    }

    func pull(_ request: PullRequest) async throws -> PullResponse {
        let page = try exchange(request, encode: PullPageCodec.encode, decode: PullPageCodec.decode) {
            try self.server.pull($0, staff: self.user, deviceID: "bench")
        }
        lock.withLock {
            for op in page.ops {
                let counted = opsByTable["\(op.table) \(op.op)", default: (0, 0)]
                opsByTable["\(op.table) \(op.op)"] = (counted.ops + 1, counted.bytes + (op.data ?? op.rowKey).utf8.count)
            }
        }
        return page
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
