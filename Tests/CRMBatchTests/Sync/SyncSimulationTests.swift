import CRMCore
import CRMStore
import CRMSync
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// The seeded simulation of docs/sync.md: several laptops working offline over a faulty network while the
/// bank reassigns customers; after quiescence every replica equals its scope on the server, every change was
/// applied at most once, and none was lost. 500 seeds by default, as docs/sync.md asks; `CRM_SYNC_SEEDS=N` runs N (the longer run).
@Suite struct SyncSimulationTests {
    static let seeds: [UInt64] = Array(1...(ProcessInfo.processInfo.environment["CRM_SYNC_SEEDS"].flatMap(UInt64.init) ?? 500))

    @Test(arguments: seeds)
    func everyReplicaConvergesToItsScopeWithNothingLostOrDoubled(seed: UInt64) async throws {
        try await Self.run(seed: seed)
    }

    private static func run(seed: UInt64) async throws {
        let folder = ScratchFolder()
        let server = try SyncBank.server(in: folder)
        var random = SeededRandom(seed: seed)
        let network = FaultyNetwork(seed: seed)
        let managers = try SyncBank.staff(server, .relationshipManager)
        let leads = try SyncBank.staff(server, .teamLead)
        let people = (0..<(3 + random.below(3))).map { _ in managers[random.below(managers.count)] } + [leads[random.below(leads.count)]]
        var laptops: [Laptop] = []
        for (index, person) in people.enumerated() {
            // Clocks skewed by up to ±48 hours: device time is data, never order.
            let skew = Int64(random.below(97) - 48) * 3600
            let clock = WallClock.fixed(SyncBank.serverClock.now() + skew)
            laptops.append(try Laptop(person, server: server, folder: folder,
                                      network: network.link(server, person, deviceID: "device-\(index)"), clock: clock,
                                      from: try await SyncBank.syncedReplica(of: person)))
        }
        var made: [String] = []
        for _ in 0..<(12 + random.below(12)) {
            let laptop = laptops[random.below(laptops.count)]
            switch random.below(6) {
            case 0, 1:
                _ = try? await laptop.client.sync()
            case 2:
                try reassign(server, managers: managers, random: &random)
            default:
                if let id = try edit(laptop, random: &random) { made.append(id) }
            }
        }
        network.faultPercent = 0
        for _ in 0..<2 {
            for laptop in laptops { try await laptop.syncUntilComplete() }
        }
        try verify(laptops, server: server, made: made, seed: seed)
    }

    /// One offline change on the laptop: a schedule item, a visit or an opportunity on a customer it holds.
    private static func edit(_ laptop: Laptop, random: inout SeededRandom) throws -> String? {
        let customers = try laptop.replica.database.readNow { db in
            try String.fetchAll(db, sql: "SELECT customer_id FROM base_customer ORDER BY customer_id")
        }
        let customer = customers.isEmpty ? nil : customers[random.below(customers.count)]
        let id = MutationID.make()
        switch (random.below(3), customer) {
        case (0, let customer?) where laptop.user.role == .relationshipManager:
            try laptop.log.apply(LogVisit(id: id, draft: VisitDraft(customerID: customer, visitedAt: "2025-01-10 15:00", purpose: "了解资金需求")),
                                 by: laptop.user, id: id)
        case (1, let customer?) where laptop.user.role == .relationshipManager:
            let product = try laptop.replica.database.readNow { db in try String.fetchOne(db, sql: "SELECT min(product_code) FROM base_product") }
            try laptop.log.apply(CreateOpportunity(id: id, draft: OpportunityDraft(
                customerID: customer, productCode: product ?? "", amount: Int64(random.below(1_000_000)) * 100,
                expectedDate: SyncBank.day10.adding(days: 20))), by: laptop.user, id: id)
        default:
            try laptop.log.apply(SaveScheduleItem(.create, id: id, draft: ScheduleDraft(
                title: "回访", startsAt: "2025-01-13 10:00", customerID: customer, remindMinutes: 30, note: "")), by: laptop.user, id: id)
        }
        return id
    }

    /// The bank moves one customer's main manager, as the batch would from the day's extract.
    private static func reassign(_ server: SyncServer, managers: [StaffProfile], random: inout SeededRandom) throws {
        let to = managers[random.below(managers.count)].staffID
        let pick = random.below(1000)
        try server.database.writeNow { db in
            let customers = try String.fetchAll(db, sql: "SELECT customer_id FROM base_customer_manager WHERE role = 'MAIN' AND staff_id <> ? ORDER BY customer_id",
                                                arguments: [to])
            guard !customers.isEmpty else { return }
            let customer = customers[pick % customers.count]
            try db.execute(sql: "DELETE FROM base_customer_manager WHERE customer_id = ? AND staff_id = ?", arguments: [customer, to])
            try db.execute(sql: "UPDATE base_customer_manager SET staff_id = ? WHERE customer_id = ? AND role = 'MAIN'", arguments: [to, customer])
        }
        try server.publishPending()
    }

    private static func verify(_ laptops: [Laptop], server: SyncServer, made: [String], seed: UInt64) throws {
        let context = "seed \(seed)"
        for laptop in laptops {
            let replica = laptop.replica.database
            let book = try ScopeOracle.customers(server, laptop.user)
            #expect(Set(try ScopeOracle.rows("base_customer", replica).keys) == book, "\(context): customers of \(laptop.user.staffID)")
            let inScope = DataScope(profile: laptop.user).customerCondition("customer_id")
            for table in ["base_account", "base_customer_manager", "app_alert"] {
                let expected = try server.database.readNow { db in
                    try Set(String.fetchAll(db, sql: "SELECT customer_id FROM \(table) WHERE \(inScope.sql)", arguments: inScope.arguments))
                }
                let held = try replica.readNow { db in try Set(String.fetchAll(db, sql: "SELECT customer_id FROM \(table)")) }
                #expect(held == expected, "\(context): \(table) of \(laptop.user.staffID)")
            }
            for table in ["work_visit", "work_opportunity", "work_schedule"] {
                #expect(try ScopeOracle.rows(table, replica) == visible(table, laptop.user, server), "\(context): \(table) of \(laptop.user.staffID)")
            }
            #expect(try laptop.replica.pendingCount() == 0, "\(context): pending")
            #expect(try replica.readNow { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        }
        // Every change made was handled exactly once: applied once or rejected with a reason.
        let handled = try server.database.readNow { db in
            try Row.fetchAll(db, sql: "SELECT mutation_id, count(*) AS n FROM sync_mutation GROUP BY mutation_id")
        }
        #expect(handled.count == made.count, "\(context): handled")
        #expect(handled.allSatisfy { ($0["n"] as Int) == 1 }, "\(context): handled once")
        let applied = try server.database.readNow { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sys_audit WHERE action LIKE 'mutation.%' AND target IN (SELECT mutation_id FROM sync_mutation)")
        }
        let appliedResults = try server.database.readNow { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_mutation WHERE status = 'APPLIED'") }
        #expect(applied == appliedResults, "\(context): audited once per applied change")
    }

    /// Work rows `user` should see on the server: those of customers in scope or owned by staff they reach.
    private static func visible(_ table: String, _ user: StaffProfile, _ server: SyncServer) throws -> [String: String] {
        let scope = DataScope(profile: user).customerCondition("customer_id")
        let owner = ["work_visit": "staff_id", "work_opportunity": "owner_id", "work_schedule": "staff_id"][table]!
        let staff = try server.database.readNow { db in try SyncBuckets.names(for: user, db) }
            .filter { $0.hasPrefix("portfolio:") }.map { "'" + $0.dropFirst("portfolio:".count) + "'" }
        let mine = staff.isEmpty ? "0" : "\(owner) IN (\(staff.joined(separator: ",")))"
        guard table != "work_schedule" else { return try ScopeOracle.rows(table, server.database, where: mine) }
        return try ScopeOracle.rows(table, server.database, where: "\(mine) OR (customer_id IS NOT NULL AND \(scope.sql))",
                                    arguments: scope.arguments)
    }
}
