import CRMCore
import CRMStore
import CRMSync
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// Replica sync against the tiny bank (docs/sync.md): what a laptop holds, exactly-once pushes, reassignment,
/// conflicts, resets and wipes.
@Suite struct SyncTests {
    private let folder = ScratchFolder()

    private func laptop(_ user: StaffProfile, _ server: SyncServer, device: String = "laptop-1",
                        clock: WallClock = SyncBank.serverClock) throws -> Laptop {
        try Laptop(user, server: server, folder: folder, network: DirectLink(server: server, user: user, deviceID: device), clock: clock)
    }

    private func schedule(_ title: String, customer: String? = nil) -> SaveScheduleItem {
        SaveScheduleItem(.create, id: MutationID.make(),
                         draft: ScheduleDraft(title: title, startsAt: "2025-01-12 09:30", customerID: customer, remindMinutes: 15, note: "带合同"))
    }

    @Test func aManagersLaptopHoldsExactlyTheirBook() async throws {
        let server = try SyncBank.server(in: folder)
        let rm = try SyncBank.staff(server, .relationshipManager)[0]
        let laptop = try laptop(rm, server)
        let report = try await laptop.syncUntilComplete()
        #expect(report.complete && report.opsReceived > 0)

        let book = try ScopeOracle.customers(server, rm)
        #expect(!book.isEmpty)
        #expect(Set(try ScopeOracle.rows("base_customer", laptop.replica.database).keys) == book)
        let inBook = "customer_id IN (SELECT customer_id FROM base_customer_manager WHERE staff_id = '\(rm.staffID)')"
        for table in ["base_account", "sum_account_balance", "app_customer_status", "app_alert", "base_customer_manager"] {
            #expect(try ScopeOracle.rows(table, laptop.replica.database) == ScopeOracle.rows(table, server.database, where: inBook), "\(table)")
        }
        for table in ["base_org", "base_staff", "base_product"] {
            #expect(try ScopeOracle.rows(table, laptop.replica.database) == ScopeOracle.rows(table, server.database), "\(table)")
        }
        // Nothing outside the book, in any customer table.
        for table in SyncCatalog.tables {
            guard case .customer(let column) = table.rule else { continue }
            let ids = try laptop.replica.database.readNow { db in try String.fetchAll(db, sql: "SELECT DISTINCT \(column) FROM \(table.name)") }
            #expect(Set(ids).isSubset(of: book), "\(table.name)")
        }
        #expect(try laptop.replica.database.readNow { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }

    @Test func anOfflineChangeReachesTheServerOnceAndTheTeamLead() async throws {
        let server = try SyncBank.server(in: folder)
        let rm = try SyncBank.staff(server, .relationshipManager)[0]
        let lead = try server.database.readNow { db in
            try StaffDirectory.active(db).first { $0.role == .teamLead && $0.orgID == rm.orgID }
        }
        let laptop = try laptop(rm, server)
        try await laptop.syncUntilComplete()
        let customer = try #require(try ScopeOracle.customers(server, rm).sorted().first)
        let item = schedule("拜访前准备", customer: customer)
        try laptop.log.apply(item, by: rm)
        #expect(try laptop.replica.pendingCount() == 1)

        try await laptop.syncUntilComplete()
        try await laptop.syncUntilComplete()
        #expect(try laptop.replica.pendingCount() == 0)
        let onServer = try server.database.readNow { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM work_schedule WHERE id = ?", arguments: [item.id])
        }
        #expect(onServer == 1)
        let audited = try server.database.readNow { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sys_audit WHERE action = 'mutation.schedule.create' AND target = (SELECT mutation_id FROM sync_mutation LIMIT 1)")
        }
        #expect(audited == 1)
        if let lead {
            let leadLaptop = try self.laptop(lead, server, device: "lead-desk")
            try await leadLaptop.syncUntilComplete()
            #expect(try ScopeOracle.rows("work_schedule", leadLaptop.replica.database)[item.id] != nil)
        }
    }

    @Test func aCustomerMovedAwayLeavesTheOldLaptopAndItsOfflineEditComesBackRejected() async throws {
        let server = try SyncBank.server(in: folder)
        let managers = try SyncBank.staff(server, .relationshipManager)
        let (old, new) = (managers[0], managers[1])
        let hq = try SyncBank.staff(server, .headOffice)[0]
        let serverLog = MutationLog(database: server.database, clock: SyncBank.serverClock)
        let group = CreateTagGroup(id: MutationID.make(), groupName: "经营特征")
        let tag = CreateTag(id: MutationID.make(), groupID: group.id, tagName: "出口型")
        try serverLog.apply(group, by: hq)
        try serverLog.apply(tag, by: hq)

        let laptop = try laptop(old, server)
        try await laptop.syncUntilComplete()
        #expect(try ScopeOracle.rows("work_tag", laptop.replica.database)[tag.id] != nil)
        let customer = try #require(try server.database.readNow { db in
            try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? AND role = 'MAIN' AND customer_id NOT IN (SELECT customer_id FROM base_customer_manager WHERE staff_id <> ?) ORDER BY customer_id",
                                arguments: [old.staffID, old.staffID])
        })
        // Offline, the old manager tags the customer; meanwhile the bank moves it to another manager.
        try laptop.log.apply(TagCustomers(.add, tagID: tag.id, customerIDs: [customer]), by: old)
        #expect(try ScopeOracle.rows("work_customer_tag", laptop.replica.database).count == 1)
        try server.database.writeNow { db in
            try db.execute(sql: "UPDATE base_customer_manager SET staff_id = ? WHERE customer_id = ? AND staff_id = ?",
                           arguments: [new.staffID, customer, old.staffID])
        }
        try server.publishPending()

        try await laptop.syncUntilComplete()
        #expect(try ScopeOracle.rows("base_customer", laptop.replica.database)[customer] == nil)
        #expect(try ScopeOracle.rows("base_account", laptop.replica.database, where: "customer_id = '\(customer)'").isEmpty)
        #expect(try ScopeOracle.rows("work_customer_tag", laptop.replica.database).isEmpty)
        let issue = try laptop.replica.database.readNow { db in try Row.fetchOne(db, sql: "SELECT name, reason, payload FROM sync_issue") }
        #expect(issue?["name"] == "tag.add")
        #expect((issue?["payload"] as String?)?.contains(customer) == true)
        let reason: String = issue?["reason"] ?? ""
        #expect(reason.contains(customer))

        let newLaptop = try self.laptop(new, server, device: "laptop-2")
        try await newLaptop.syncUntilComplete()
        #expect(try ScopeOracle.rows("base_customer", newLaptop.replica.database)[customer] != nil)
    }

    @Test func anOpportunityChangedOnTheServerSinceTheEditIsAConflict() async throws {
        let server = try SyncBank.server(in: folder)
        let rm = try SyncBank.staff(server, .relationshipManager)[0]
        let customer = try #require(try ScopeOracle.customers(server, rm).sorted().first)
        let opportunity = CreateOpportunity(id: MutationID.make(), draft: OpportunityDraft(
            customerID: customer, productCode: try productCode(server), amount: 5_000_000_00, expectedDate: SyncBank.day10.adding(days: 30)))
        try MutationLog(database: server.database, clock: SyncBank.serverClock).apply(opportunity, by: rm)

        let laptop = try laptop(rm, server)
        try await laptop.syncUntilComplete()
        // Offline on the laptop: to 接洽. On the server meanwhile (the same manager at the desk): to 方案.
        try laptop.log.apply(MoveOpportunity(id: opportunity.id, stage: .contact), by: rm)
        try MutationLog(database: server.database, clock: SyncBank.serverClock).apply(MoveOpportunity(id: opportunity.id, stage: .proposal), by: rm)

        try await laptop.syncUntilComplete()
        let issue = try laptop.replica.database.readNow { db in try String.fetchOne(db, sql: "SELECT reason FROM sync_issue") }
        #expect(issue?.contains("冲突") == true)
        let stage = try laptop.replica.database.readNow { db in
            try String.fetchOne(db, sql: "SELECT stage FROM work_opportunity WHERE id = ?", arguments: [opportunity.id])
        }
        #expect(stage == OpportunityStage.proposal.rawValue)
    }

    @Test func twoChangesInARowFromOneLaptopAreNoConflict() async throws {
        let server = try SyncBank.server(in: folder)
        let rm = try SyncBank.staff(server, .relationshipManager)[0]
        let customer = try #require(try ScopeOracle.customers(server, rm).sorted().first)
        let laptop = try laptop(rm, server)
        try await laptop.syncUntilComplete()
        let opportunity = CreateOpportunity(id: MutationID.make(), draft: OpportunityDraft(
            customerID: customer, productCode: try productCode(server), amount: 1_000_000_00, expectedDate: SyncBank.day10.adding(days: 30)))
        try laptop.log.apply(opportunity, by: rm)
        try laptop.log.apply(MoveOpportunity(id: opportunity.id, stage: .contact), by: rm)
        try laptop.log.apply(MoveOpportunity(id: opportunity.id, stage: .proposal), by: rm)
        try await laptop.syncUntilComplete()
        #expect(try laptop.replica.database.readNow { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_issue") } == 0)
        let stage = try server.database.readNow { db in
            try String.fetchOne(db, sql: "SELECT stage FROM work_opportunity WHERE id = ?", arguments: [opportunity.id])
        }
        #expect(stage == OpportunityStage.proposal.rawValue)
    }

    @Test func aForgedCheckpointNamingAnotherPortfolioGetsNothingOfIt() async throws {
        let server = try SyncBank.server(in: folder)
        let managers = try SyncBank.staff(server, .relationshipManager)
        let (rm, other) = (managers[0], managers[1])
        let theirs = try server.database.readNow { db in
            try Row.fetchOne(db, sql: "SELECT last_op_id, checksum FROM sync_bucket WHERE bucket = ?", arguments: ["portfolio:" + other.staffID])!
        }
        let forged = SyncCheckpoint(epoch: try server.database.readNow { db in try SyncMeta.value("epoch", db)! },
                                    buckets: [BucketPosition(bucket: "portfolio:" + other.staffID, opID: theirs["last_op_id"], checksum: theirs["checksum"])],
                                    lastMutationSeq: 0)
        let page = try server.pull(PullRequest(clientID: "forger", schemaVersion: SchemaVersions.current, positions: [], target: forged),
                                   staff: rm, deviceID: "laptop")
        #expect(!page.checkpoint.buckets.contains { $0.bucket == "portfolio:" + other.staffID })
        #expect(page.bucket != "portfolio:" + other.staffID)
        #expect(page.checkpoint.buckets.contains { $0.bucket == "portfolio:" + rm.staffID })
    }

    @Test func aRevokedDeviceWipesItsReplica() async throws {
        let server = try SyncBank.server(in: folder)
        let rm = try SyncBank.staff(server, .relationshipManager)[0]
        let laptop = try laptop(rm, server)
        try await laptop.syncUntilComplete()
        try laptop.log.apply(schedule("离线笔记"), by: rm)
        let revoked = SyncClient(replica: laptop.replica, transport: RevokedLink())
        await #expect(throws: SyncFailure.self) { try await revoked.sync() }
        #expect(try ScopeOracle.rows("base_customer", laptop.replica.database).isEmpty)
        #expect(try laptop.replica.pendingCount() == 0)
    }

    @Test func aNewServerEpochDownloadsAgainAndKeepsPendingChanges() async throws {
        let server = try SyncBank.server(in: folder)
        let rm = try SyncBank.staff(server, .relationshipManager)[0]
        let laptop = try laptop(rm, server)
        try await laptop.syncUntilComplete()
        let before = try ScopeOracle.rows("base_account", laptop.replica.database)
        let item = schedule("恢复后仍在")
        try laptop.log.apply(item, by: rm)
        try server.startNewEpoch()
        let report = try await laptop.syncUntilComplete()
        #expect(report.opsReceived > 0)
        #expect(try ScopeOracle.rows("base_account", laptop.replica.database) == before)
        #expect(try ScopeOracle.rows("work_schedule", server.database)[item.id] != nil)
    }

    @Test func aFailureWhileShowingACheckpointLeavesTheReplicaAsItWas() async throws {
        let server = try SyncBank.server(in: folder)
        let rm = try SyncBank.staff(server, .relationshipManager)[0]
        let laptop = try laptop(rm, server)
        try laptop.log.apply(schedule("未推送"), by: rm)
        // A trigger that fails half-way through writing rows stands in for the process dying there:
        // SQLite rolls the transaction back either way.
        try laptop.replica.database.writeNow { db in
            try db.execute(sql: "CREATE TRIGGER die_midway AFTER INSERT ON base_account BEGIN SELECT RAISE(ABORT, 'killed'); END")
        }
        await #expect(throws: (any Error).self) { try await laptop.client.sync() }
        let db = laptop.replica.database
        #expect(try db.readNow { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try ScopeOracle.rows("base_customer", db).isEmpty)
        #expect(try db.readNow { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sys_outbox") } == 1)
        try db.writeNow { db in try db.execute(sql: "DROP TRIGGER die_midway") }
        try await laptop.syncUntilComplete()
        #expect(Set(try ScopeOracle.rows("base_customer", db).keys) == (try ScopeOracle.customers(server, rm)))
    }

    private func productCode(_ server: SyncServer) throws -> String {
        try server.database.readNow { db in try String.fetchOne(db, sql: "SELECT product_code FROM base_product ORDER BY product_code")! }
    }
}

/// A server that answers every request as for a revoked device.
private struct RevokedLink: SyncTransport {
    func pull(_ request: PullRequest) async throws -> PullResponse { throw revoked }
    func push(_ request: PushRequest) async throws -> PushResponse { throw revoked }
    private var revoked: SyncFailure { SyncFailure("device_revoked", "此设备已被停用 (this device was revoked)") }
}
