import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

@Suite struct AuditLogTests {
    /// Five entries; tampering works on the file below the application (the triggers are dropped first, as
    /// someone with the file would).
    private func logWithFiveEntries() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        for index in 1...5 {
            try database.audit(actor: "E0\(index)", action: "customer.view", target: "C\(index)", clock: .fixed(Int64(index) * 60),
                               machine: "desk-1")
        }
        return database
    }

    private func tamper(_ database: AppDatabase, _ sql: String) throws {
        try database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER sys_audit_no_update; DROP TRIGGER sys_audit_no_delete")
            try db.execute(sql: sql)
        }
    }

    private func verify(_ database: AppDatabase) throws -> Int { try database.writer.read(AuditLog.verify) }

    @Test func anIntactLogVerifiesAndTheApplicationCannotChangeIt() throws {
        let database = try logWithFiveEntries()
        #expect(try verify(database) == 5)
        #expect(throws: DatabaseError.self) { try database.writer.write { try $0.execute(sql: "UPDATE sys_audit SET actor = 'x'") } }
        #expect(throws: DatabaseError.self) { try database.writer.write { try $0.execute(sql: "DELETE FROM sys_audit WHERE seq = 2") } }
    }

    @Test func anEditedEntryIsNamed() throws {
        let database = try logWithFiveEntries()
        try tamper(database, "UPDATE sys_audit SET target = 'C9' WHERE seq = 3")
        #expect(throws: AuditBreak.edited(seq: 3)) { try verify(database) }
    }

    @Test func aDeletedEntryIsNamedByTheOneAfterIt() throws {
        let database = try logWithFiveEntries()
        try tamper(database, "DELETE FROM sys_audit WHERE seq = 2")
        #expect(throws: AuditBreak.unchained(seq: 3, expectedPrevious: 1)) { try verify(database) }
    }

    @Test func swappedEntriesAreNamed() throws {
        let database = try logWithFiveEntries()
        try tamper(database, """
            UPDATE sys_audit SET seq = -1 WHERE seq = 2; UPDATE sys_audit SET seq = 2 WHERE seq = 4; UPDATE sys_audit SET seq = 4 WHERE seq = -1
            """)
        #expect(throws: AuditBreak.edited(seq: 2)) { try verify(database) }
    }

    /// The known limit of a hash chain on its own: cutting off the newest entries leaves a valid shorter chain.
    /// Comparing the newest hash with a copy kept elsewhere (an archive, a report to the auditor) finds it.
    @Test func cuttingOffTheNewestEntriesLeavesAShorterValidChain() throws {
        let database = try logWithFiveEntries()
        let newest = try database.writer.read { try AuditLog.query($0, limit: 1) }.first!.hash
        try tamper(database, "DELETE FROM sys_audit WHERE seq >= 4")
        #expect(try verify(database) == 3)
        #expect(try database.writer.read { try AuditLog.query($0, limit: 1) }.first!.hash != newest, "the newest hash gives it away")
    }

    @Test func archivingKeepsTheRestVerifiable() throws {
        let database = try logWithFiveEntries()
        let file = NSTemporaryDirectory() + "audit-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let moved = try database.writer.write { try AuditLog.archive($0, through: 3, to: file, at: "2026-01-01 00:00:00") }
        #expect(moved == 3)
        #expect(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count == 3)
        #expect(try verify(database) == 2)
        try database.audit(actor: "E06", action: "report", target: "loan-rates", clock: .fixed(600), machine: "desk-1")
        #expect(try verify(database) == 3)
        try tamper(database, "UPDATE sys_audit SET detail = 'x' WHERE seq = 4")
        #expect(throws: AuditBreak.edited(seq: 4)) { try verify(database) }
    }

    @Test func everyMutationIsAudited() throws {
        let database = try ScopeFixture.orgTree()
        let log = MutationLog(database: database, clock: .fixed(date: BusinessDate("2025-03-02")!, hour: 9), machine: "laptop-7")
        try log.apply(CreateTagGroup(id: "g", groupName: "活动"), by: try ScopeFixture.profile(database, "H1"), id: "m-1")
        let entries = try database.writer.read { try AuditLog.query($0, action: "mutation") }
        #expect(entries.map(\.action) == ["mutation.tag.group.create"])
        #expect(entries.first?.actor == "H1")
        #expect(entries.first?.machine == "laptop-7")
        #expect(entries.first?.target == "m-1")
        #expect(try database.writer.read { try AuditLog.query($0, action: "mut%") }.isEmpty, "a % in the filter is a character")
    }
}
