import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

@Suite struct TagTests {
    let clock = WallClock.fixed(date: BusinessDate("2025-03-02")!, hour: 10)

    @Test func tagsAreMadeByTheRightPeopleAndPutOnCustomersInScope() throws {
        let database = try ScopeFixture.orgTree()
        let log = MutationLog(database: database, clock: clock)
        let rm = try ScopeFixture.profile(database, "R1"), hq = try ScopeFixture.profile(database, "H1")
        #expect(throws: MutationError.self, "relationship managers do not make tag groups") {
            try log.apply(CreateTagGroup(id: "g0", groupName: "行业"), by: rm)
        }
        try log.apply(CreateTagGroup(id: "g1", groupName: "营销活动"), by: hq)
        #expect(throws: MutationError.self, "names are unique") { try log.apply(CreateTagGroup(id: "g2", groupName: " 营销活动 "), by: hq) }
        try log.apply(CreateTag(id: "t1", groupID: "g1", tagName: "开门红目标客户"), by: rm)
        #expect(throws: MutationError.self, "C3 is not R1's") {
            try log.apply(TagCustomers(.add, tagID: "t1", customerIDs: ["C1", "C3"]), by: rm)
        }
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM work_customer_tag") } == 0,
                "a refused bulk change changes nothing")
        try log.apply(TagCustomers(.add, tagID: "t1", customerIDs: ["C1", "C2", "C3"]), by: hq)
        let forRM = try database.writer.read { try TagQuery.groups($0, scope: DataScope(profile: rm)) }
        #expect(forRM.map(\.name) == ["营销活动"])
        #expect(forRM[0].tags.map(\.customers) == [1], "R1 counts only C1")
        let forHQ = try database.writer.read { try TagQuery.groups($0, scope: DataScope(profile: hq)) }
        #expect(forHQ[0].tags.map(\.customers) == [3])
        try log.apply(TagCustomers(.remove, tagID: "t1", customerIDs: ["C1"]), by: rm)
        #expect(try database.writer.read { try TagQuery.of($0, customerID: "C1") }.manual.isEmpty)
        #expect(try database.writer.read { try TagQuery.of($0, customerID: "C2") }.manual.map(\.name) == ["开门红目标客户"])
    }

    @Test func ruleTagsComeFromTheBatchStatus() throws {
        let database = try ScopeFixture.orgTree()
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO app_customer_status(customer_id, tier, tier_rule, effective, dormant, low_efficiency, last_active_date)
                VALUES ('C1', 'STRATEGIC', '总行认定', 1, 0, 0, '2025-03-01'), ('C2', 'POTENTIAL', '', 0, 1, 0, NULL),
                       ('C3', 'GENERAL', '', 0, 0, 1, '2025-02-01')
                """)
        }
        #expect(try database.writer.read { try TagQuery.of($0, customerID: "C1") }.rule == [.strategic, .effective])
        #expect(try database.writer.read { try TagQuery.of($0, customerID: "C2") }.rule == [.dormant, .potential])
        let scope = DataScope(profile: try ScopeFixture.profile(database, "R2"))
        let counts = try database.writer.read { try TagQuery.ruleCounts($0, scope: scope) }
        #expect(counts[.lowEfficiency] == 0, "C3 is not R2's")
        #expect(counts[.dormant] == 1)
    }

    @Test func onlyHeadOfficeMarksStrategicCustomers() throws {
        let database = try ScopeFixture.orgTree()
        let log = MutationLog(database: database, clock: clock)
        #expect(throws: MutationError.self) {
            try log.apply(MarkStrategic(customerID: "C1", strategic: true), by: try ScopeFixture.profile(database, "BH"))
        }
        try log.apply(MarkStrategic(customerID: "C1", strategic: true), by: try ScopeFixture.profile(database, "H1"))
        #expect(try database.writer.read { try String.fetchAll($0, sql: "SELECT customer_id FROM work_strategic_customer") } == ["C1"])
        try log.apply(MarkStrategic(customerID: "C1", strategic: false), by: try ScopeFixture.profile(database, "H1"))
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM work_strategic_customer") } == 0)
    }
}
