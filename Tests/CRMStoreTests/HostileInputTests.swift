import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

/// SQL-injection and control-character strings in every text input and search: they are data, never SQL, and
/// text with control characters is refused with the field named.
@Suite struct HostileInputTests {
    static let injections = ["' OR '1'='1", "'; DROP TABLE base_customer; --", "\" OR \"\"=\"", "%", "_", "\\", "C1' --", "1; SELECT *"]

    @Test func searchAndAuditQueriesTreatInjectionsAsText() throws {
        let database = try ScopeFixture.orgTree()
        let scope = DataScope(profile: try ScopeFixture.profile(database, "R1"))
        for text in Self.injections {
            let found = try database.writer.read { try CustomerSearchQuery.search($0, text: text, scope: scope, limit: 50) }
            #expect(found.allSatisfy { $0.customerID == "C1" }, "\(text) never reaches another team's customer")
            let entries = try database.writer.read { try AuditLog.query($0, actor: text, action: text, target: text) }
            #expect(entries.isEmpty)
        }
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM base_customer") } == 3, "nothing was dropped")
    }

    @Test func injectionsAreStoredAsTheyWereTyped() throws {
        let database = try ScopeFixture.orgTree()
        let log = MutationLog(database: database, clock: .fixed(date: BusinessDate("2025-03-02")!, hour: 9))
        let hq = try ScopeFixture.profile(database, "H1")
        for (index, text) in Self.injections.enumerated() {
            try log.apply(CreateTagGroup(id: "g\(index)", groupName: String(text.prefix(20))), by: hq)
            try log.apply(PublishAnnouncement(id: "a\(index)", title: text, body: text, pinned: false), by: hq)
        }
        let names = try database.writer.read { try TagQuery.groups($0, scope: DataScope(profile: hq)) }.map(\.name)
        #expect(Set(names) == Set(Self.injections.map { String($0.prefix(20)).trimmingCharacters(in: .whitespaces) }))
        #expect(try database.writer.read(AuditLog.verify) == Self.injections.count * 2)
    }

    @Test func controlCharactersAreRefusedWithTheFieldNamed() throws {
        let database = try ScopeFixture.orgTree()
        let log = MutationLog(database: database, clock: .fixed(date: BusinessDate("2025-03-02")!, hour: 9))
        let hq = try ScopeFixture.profile(database, "H1"), rm = try ScopeFixture.profile(database, "R1")
        for hostile in ["a\u{0}b", "a\u{1B}[2Jb", "a\rb", "a\u{7F}", "a\u{85}b"] {
            #expect(throws: MutationError.self) { try log.apply(CreateTagGroup(id: "g", groupName: hostile), by: hq) }
            #expect(throws: MutationError.self) {
                try log.apply(PublishAnnouncement(id: "a", title: hostile, body: "ok", pinned: false), by: hq)
            }
            #expect(throws: MutationError.self) {
                try log.apply(SaveScheduleItem(.create, id: "s", draft: ScheduleDraft(title: hostile, startsAt: "2025-03-02 10:00",
                                                                                       customerID: nil, remindMinutes: 15, note: "")), by: rm)
            }
        }
        try log.apply(PublishAnnouncement(id: "ok", title: "通知", body: "第一行\n第二行", pinned: false), by: hq)
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM work_announcement") } == 1,
                "a line break is fine in a body")
    }
}
