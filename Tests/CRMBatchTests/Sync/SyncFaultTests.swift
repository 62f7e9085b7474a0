import CRMCore
import CRMStore
import CRMSync
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// The fault cases of docs/sync.md, each on its own: a server that dies after any commit of a push, a pull
/// cut at any byte, and device clocks that are wrong or run backwards.
@Suite struct SyncFaultTests {
    private let folder = ScratchFolder()

    private func item(_ number: Int, customer: String?) -> SaveScheduleItem {
        SaveScheduleItem(.create, id: MutationID.text(high: 0x5EED, low: UInt64(number)),
                         draft: ScheduleDraft(title: "离线记录 \(number)", startsAt: "2025-01-12 09:30", customerID: customer,
                                              remindMinutes: 15, note: ""))
    }

    @Test func aServerDyingAfterAnyCommitOfAPushLosesAndDoublesNothing() async throws {
        let changes = 4
        for diesAfter in 0...changes {
            let server = try SyncBank.server(in: folder)
            let rm = try SyncBank.staff(server, .relationshipManager)[0]
            let link = DyingServer(server: DirectLink(server: server, user: rm, deviceID: "laptop"), diesAfter: diesAfter)
            let laptop = try Laptop(rm, server: server, folder: folder, network: link, from: try await SyncBank.syncedReplica(of: rm))
            for number in 1...changes { try laptop.log.apply(item(number, customer: nil), by: rm) }
            try await laptop.syncUntilComplete()
            let rows = try server.database.readNow { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM work_schedule WHERE staff_id = ? AND title LIKE '离线记录 %'", arguments: [rm.staffID])
            }
            #expect(rows == changes, "dies after \(diesAfter)")
            let audited = try server.database.readNow { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sys_audit WHERE action = 'mutation.schedule.create'")
            }
            #expect(audited == changes, "dies after \(diesAfter)")
            #expect(link.died, "dies after \(diesAfter)")
        }
    }

    @Test func aPullCutAtAnyByteResumesAndDownloadsAtMostThePageInFlightAgain() async throws {
        let server = try SyncBank.server(in: folder)
        let lead = try SyncBank.staff(server, .teamLead)[0]
        let clean = CuttingWire(server: DirectLink(server: server, user: lead, deviceID: "clean"), seed: 0, cutPercent: 0)
        try await Laptop(lead, server: server, folder: folder, network: clean).syncUntilComplete()
        let cutting = CuttingWire(server: DirectLink(server: server, user: lead, deviceID: "cut"), seed: 7, cutPercent: 30)
        let laptop = try Laptop(lead, server: server, folder: folder, network: cutting)
        try await laptop.syncUntilComplete(attempts: 1000)
        #expect(cutting.cuts > 0)
        #expect(cutting.pagesServed <= clean.pagesServed + cutting.cuts)
        #expect(Set(try ScopeOracle.rows("base_customer", laptop.replica.database).keys) == (try ScopeOracle.customers(server, lead)))
        let reference = try Laptop(lead, server: server, folder: folder, network: DirectLink(server: server, user: lead, deviceID: "again"))
        try await reference.syncUntilComplete()
        for table in ["base_account", "app_alert", "base_customer_manager", "work_tag"] {
            #expect(try ScopeOracle.rows(table, laptop.replica.database) == ScopeOracle.rows(table, reference.replica.database), "\(table)")
        }
        #expect(try laptop.replica.database.readNow { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }

    @Test func skewedOrBackwardDeviceClocksGiveTheSameServerState() async throws {
        var outcomes: [[String: String]] = []
        let base = SyncBank.serverClock.now()
        let clocks: [WallClock] = [.fixed(base), .fixed(base + 48 * 3600), .fixed(base - 48 * 3600), BackwardClock(start: base).clock]
        for clock in clocks {
            let server = try SyncBank.server(in: folder)
            let rm = try SyncBank.staff(server, .relationshipManager)[0]
            let customer = try ScopeOracle.customers(server, rm).sorted().first
            let laptop = try Laptop(rm, server: server, folder: folder, network: DirectLink(server: server, user: rm, deviceID: "laptop"),
                                    clock: clock, from: try await SyncBank.syncedReplica(of: rm))
            for number in 1...3 { try laptop.log.apply(item(number, customer: customer), by: rm, id: "m-\(number)") }
            try await laptop.syncUntilComplete()
            outcomes.append(try ScopeOracle.rows("work_schedule", server.database))
        }
        #expect(outcomes.allSatisfy { $0 == outcomes[0] })
        #expect(outcomes[0].count == 3)
    }
}

/// A server that dies once, right after committing the first `diesAfter` changes of a push: the laptop never
/// hears the answer.
private final class DyingServer: SyncTransport, @unchecked Sendable {
    let server: DirectLink
    let diesAfter: Int
    private let lock = NSLock()
    private var hasDied = false

    init(server: DirectLink, diesAfter: Int) {
        self.server = server
        self.diesAfter = diesAfter
    }

    var died: Bool { lock.withLock { hasDied } }

    func pull(_ request: PullRequest) async throws -> PullResponse { try await server.pull(request) }

    func push(_ request: PushRequest) async throws -> PushResponse {
        let dies = lock.withLock { () -> Bool in
            defer { hasDied = true }
            return !hasDied
        }
        guard dies else { return try await server.push(request) }
        var partial = request
        partial.mutations = Array(request.mutations.prefix(diesAfter))
        _ = try await server.push(partial)
        throw SyncFailure("offline", "the server died", temporary: true)
    }
}

/// Pull answers cut at a random byte now and then, as a dropped connection leaves them.
private final class CuttingWire: SyncTransport, @unchecked Sendable {
    let server: DirectLink
    let cutPercent: Int
    private let lock = NSLock()
    private var random: SeededRandom
    private(set) var pagesServed = 0
    private(set) var cuts = 0

    init(server: DirectLink, seed: UInt64, cutPercent: Int) {
        self.server = server
        self.cutPercent = cutPercent
        random = SeededRandom(seed: seed)
    }

    func pull(_ request: PullRequest) async throws -> PullResponse {
        let bytes = try PullPageCodec.encode(try await server.pull(request))
        let cut: Int? = lock.withLock {
            pagesServed += 1
            guard random.below(100) < cutPercent else { return nil }
            cuts += 1
            return random.below(bytes.count)
        }
        return try PullPageCodec.decode(cut.map { bytes.prefix($0) } ?? bytes)
    }

    func push(_ request: PushRequest) async throws -> PushResponse { try await server.push(request) }
}

/// A device clock that goes back a minute every time it is read.
private final class BackwardClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Int64

    init(start: Int64) { seconds = start }

    var clock: WallClock {
        WallClock { [self] in lock.withLock { seconds -= 60; return seconds } }
    }
}
