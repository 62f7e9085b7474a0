import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

@Suite struct CustomerSetTests {
    let clock = WallClock.fixed(date: BusinessDate("2025-03-02")!, hour: 10)

    @Test func groupsBelongToTheirOwnerAndHoldOnlyCustomersInScope() throws {
        let database = try ScopeFixture.orgTree()
        let log = MutationLog(database: database, clock: clock)
        let r2 = try ScopeFixture.profile(database, "R2"), r1 = try ScopeFixture.profile(database, "R1")
        #expect(throws: MutationError.self, "C3 is not R2's") {
            try log.apply(CreateCustomerGroup(id: "g", groupName: "链上客户", customerIDs: ["C1", "C3"]), by: r2)
        }
        try log.apply(CreateCustomerGroup(id: "g", groupName: "链上客户", customerIDs: ["C1", "C2"]), by: r2)
        #expect(throws: MutationError.self, "only the owner changes a group") {
            try log.apply(ChangeGroupMembers(.remove, groupID: "g", customerIDs: ["C1"]), by: r1)
        }
        let mine = try database.writer.read { try CustomerSetQuery.sets($0, scope: DataScope(profile: r2), owner: "R2") }
        #expect(mine.map(\.name) == ["链上客户"])
        #expect(mine[0].members == 2)
        #expect(try database.writer.read { try CustomerSetQuery.sets($0, scope: DataScope(profile: r1), owner: "R1") }.isEmpty)
        try log.apply(ChangeGroupMembers(.remove, groupID: "g", customerIDs: ["C2"]), by: r2)
        let after = try database.writer.read { try CustomerSetQuery.sets($0, scope: DataScope(profile: r2), owner: "R2") }
        #expect(after[0].members == 1)
    }

    @Test func aConglomerateShowsOnlyTheMembersInScope() throws {
        let database = try ScopeFixture.orgTree()
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO base_conglomerate(group_id, name, core_customer_id, status, batch_date, source_line)
                VALUES ('JT1', '测试集团', 'C1', 'ACTIVE', '2025-01-01', 1);
                INSERT INTO base_conglomerate_member(group_id, customer_id, relation, holding_bp, batch_date, source_line)
                VALUES ('JT1', 'C1', 'PARENT', NULL, '2025-01-01', 1), ('JT1', 'C3', 'SUBSIDIARY', 6000, '2025-01-01', 2);
                """)
        }
        let r1 = DataScope(profile: try ScopeFixture.profile(database, "R1"))
        let sets = try database.writer.read { try CustomerSetQuery.sets($0, scope: r1, owner: "R1") }
        #expect(sets.map(\.name) == ["测试集团"])
        #expect((sets[0].members, sets[0].allMembers) == (1, 2), "R1 sees C1 of the two")
        let r2 = DataScope(profile: try ScopeFixture.profile(database, "R2"))
        #expect(try database.writer.read { try CustomerSetQuery.sets($0, scope: r2, owner: "R2") }.map(\.name) == ["测试集团"], "C1 is R2's too")
    }
}
