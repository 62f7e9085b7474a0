import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

/// A hand-made org tree: head office HQ -> branch B1 -> team T1 (lead L1, managers R1, R2) and team T2 (R3).
/// Customers C1 (R1 main, R2 assisting), C2 (R2), C3 (R3).
enum ScopeFixture {
    static func orgTree() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try database.writer.write { db in
            for (id, parent, level) in [("HQ", nil, "HQ"), ("B1", "HQ", "BRANCH"), ("T1", "B1", "TEAM"), ("T2", "B1", "TEAM")] {
                try db.execute(sql: """
                    INSERT INTO base_org(org_id, parent_id, level, name, status, batch_date, source_line)
                    VALUES (?, ?, ?, ?, 'ACTIVE', '2025-01-01', 1)
                    """, arguments: [id, parent, level, "机构" + id])
            }
            for (id, org, position) in [("H1", "HQ", "HQ_ANALYST"), ("BH", "B1", "BRANCH_HEAD"), ("L1", "T1", "TEAM_LEAD"),
                                        ("R1", "T1", "RM"), ("R2", "T1", "RM"), ("R3", "T2", "RM"), ("A1", "HQ", "ADMIN")] {
                try db.execute(sql: """
                    INSERT INTO base_staff(staff_id, name, org_id, position, status, batch_date, source_line)
                    VALUES (?, ?, ?, ?, 'ACTIVE', '2025-01-01', 1)
                    """, arguments: [id, "员工" + id, org, position])
            }
            for id in ["C1", "C2", "C3"] {
                try db.execute(sql: """
                    INSERT INTO base_customer(customer_id, name, uscc, line, industry_code, status, batch_date, source_line, first_batch_date)
                    VALUES (?, ?, '', 'LARGE_MID', 'C3911', 'ACTIVE', '2025-01-01', 1, '2025-01-01')
                    """, arguments: [id, "客户" + id])
            }
            for (customer, staff, role, share) in [("C1", "R1", "MAIN", 6000), ("C1", "R2", "ASSIST", 4000), ("C2", "R2", "MAIN", 10000),
                                                   ("C3", "R3", "MAIN", 10000)] {
                try db.execute(sql: """
                    INSERT INTO base_customer_manager(customer_id, staff_id, role, share_bp, batch_date, source_line)
                    VALUES (?, ?, ?, ?, '2025-01-01', 1)
                    """, arguments: [customer, staff, role, share])
            }
        }
        return database
    }

    static func profile(_ database: AppDatabase, _ staffID: String) throws -> StaffProfile {
        try database.writer.read { try StaffDirectory.profile($0, staffID: staffID) }!
    }
}

private func orgTree() throws -> AppDatabase { try ScopeFixture.orgTree() }

private func profile(_ database: AppDatabase, _ staffID: String) throws -> StaffProfile {
    try ScopeFixture.profile(database, staffID)
}

private func visibleCustomers(_ database: AppDatabase, _ scope: DataScope) throws -> [String] {
    let condition = scope.customerCondition("customer_id")
    return try database.writer.read {
        try String.fetchAll($0, sql: "SELECT customer_id FROM base_customer WHERE \(condition.sql) ORDER BY 1",
                            arguments: condition.arguments)
    }
}

@Suite struct ScopeTests {
    @Test func eachRoleSeesItsOwnBook() throws {
        let database = try orgTree()
        #expect(try visibleCustomers(database, DataScope(profile: profile(database, "R1"))) == ["C1"])
        #expect(try visibleCustomers(database, DataScope(profile: profile(database, "R2"))) == ["C1", "C2"], "main or assisting")
        #expect(try visibleCustomers(database, DataScope(profile: profile(database, "L1"))) == ["C1", "C2"], "the team's")
        #expect(try visibleCustomers(database, DataScope(profile: profile(database, "BH"))) == ["C1", "C2", "C3"], "the branch subtree")
        #expect(try visibleCustomers(database, DataScope(profile: profile(database, "H1"))) == ["C1", "C2", "C3"])
        #expect(try visibleCustomers(database, DataScope(profile: profile(database, "A1"))) == [], "administrators see no customers")
    }

    @Test func aCustomerOutsideTheScopeReadsAsUnknown() throws {
        let database = try orgTree()
        let scope = DataScope(profile: try profile(database, "R1"))
        #expect(throws: QueryError.unknownCustomer("C3")) {
            try database.writer.read {
                try Customer360Query.overview($0, customerID: "C3", scope: scope, asOf: BusinessDate("2025-01-01")!)
            }
        }
    }
}

@Suite struct MutationTests {
    let clock = WallClock.fixed(date: BusinessDate("2025-03-02")!, hour: 9, minute: 15)

    @Test func aMutationIsAppliedOnceWithItsOutboxRow() throws {
        let database = try orgTree()
        let log = MutationLog(database: database, clock: clock)
        let draft = ScheduleDraft(title: "拜访客户C1", startsAt: "2025-03-02 14:30", customerID: "C1", remindMinutes: 30, note: "")
        let mutation = SaveScheduleItem(.create, id: "item-1", draft: draft)
        #expect(try log.apply(mutation, by: profile(database, "R1"), id: "m-1"))
        #expect(try !log.apply(mutation, by: profile(database, "R1"), id: "m-1"), "the same mutation id again changes nothing")
        let counts = try database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM work_schedule")!,
             try Row.fetchOne(db, sql: "SELECT name, actor, created_at FROM sys_outbox")!)
        }
        #expect(counts.0 == 1)
        #expect(counts.1[0] as String == "schedule.create")
        #expect(counts.1[1] as String == "R1")
        #expect(counts.1[2] as String == "2025-03-02 09:15:00")
    }

    @Test func aRejectedMutationLeavesNothingBehind() throws {
        let database = try orgTree()
        let log = MutationLog(database: database, clock: clock)
        let bad = ScheduleDraft(title: "x", startsAt: "2025-02-30 09:00", customerID: nil, remindMinutes: 15, note: "")
        #expect(throws: MutationError.self) { try log.apply(SaveScheduleItem(.create, id: "i", draft: bad), by: profile(database, "R1")) }
        let unknown = ScheduleDraft(title: "x", startsAt: "2025-03-02 09:00", customerID: "NOPE", remindMinutes: 15, note: "")
        #expect(throws: MutationError.self) { try log.apply(SaveScheduleItem(.create, id: "i", draft: unknown), by: profile(database, "R1")) }
        let outOfScope = ScheduleDraft(title: "x", startsAt: "2025-03-02 09:00", customerID: "C3", remindMinutes: 15, note: "")
        #expect(throws: MutationError.self, "C3 is not R1's customer") {
            try log.apply(SaveScheduleItem(.create, id: "i", draft: outOfScope), by: profile(database, "R1"))
        }
        let rows = try database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM work_schedule) + (SELECT COUNT(*) FROM sys_outbox)")!
        }
        #expect(rows == 0)
    }

    @Test func onlyTheOwnerEditsAScheduleItem() throws {
        let database = try orgTree()
        let log = MutationLog(database: database, clock: clock)
        let draft = ScheduleDraft(title: "例会", startsAt: "2025-03-03 15:00", customerID: nil, remindMinutes: 15, note: "")
        try log.apply(SaveScheduleItem(.create, id: "item", draft: draft), by: profile(database, "R1"))
        #expect(throws: MutationError.self) {
            try log.apply(SaveScheduleItem(.edit, id: "item", draft: draft), by: profile(database, "R2"))
        }
        #expect(throws: MutationError.self) { try log.apply(CompleteScheduleItem(id: "item", done: true), by: profile(database, "R2")) }
    }

    @Test func announcementsReachTheSubtreeOfThePublisher() throws {
        let database = try orgTree()
        let log = MutationLog(database: database, clock: clock)
        #expect(throws: MutationError.self, "relationship managers do not publish") {
            try log.apply(PublishAnnouncement(id: "a0", title: "t", body: "b", pinned: false), by: profile(database, "R1"))
        }
        try log.apply(PublishAnnouncement(id: "a1", title: "分行通知", body: "正文", pinned: false), by: profile(database, "BH"))
        try log.apply(PublishAnnouncement(id: "a2", title: "总行通知", body: "正文", pinned: true), by: profile(database, "H1"))
        let rm = try profile(database, "R3"), hq = try profile(database, "H1")
        let forRM = try database.writer.read { try AnnouncementQuery.visible($0, to: rm) }
        #expect(forRM.map(\.title) == ["总行通知", "分行通知"], "pinned first")
        #expect(forRM.allSatisfy { !$0.read })
        let forHQ = try database.writer.read { try AnnouncementQuery.visible($0, to: hq) }
        #expect(forHQ.map(\.title) == ["总行通知"], "a branch's announcement does not go up")
        try log.apply(MarkAnnouncementRead(announcementID: "a1"), by: profile(database, "R3"))
        try log.apply(MarkAnnouncementRead(announcementID: "a1"), by: profile(database, "R3"))
        let after = try database.writer.read { try AnnouncementQuery.visible($0, to: rm) }
        #expect(after.first { $0.id == "a1" }?.read == true)
    }

    @Test func remindersComeDueAtStartMinusLeadTime() throws {
        let database = try orgTree()
        let log = MutationLog(database: database, clock: clock)
        for (id, start, lead) in [("soon", "2025-03-02 09:40", 30), ("later", "2025-03-02 11:00", 15), ("past", "2025-03-01 10:00", 15)] {
            try log.apply(SaveScheduleItem(.create, id: id, draft: ScheduleDraft(title: id, startsAt: start, customerID: nil,
                                                                                    remindMinutes: lead, note: "")),
                          by: profile(database, "R1"))
        }
        let due = try database.writer.read { try ScheduleQuery.dueReminders($0, staffID: "R1", now: "2025-03-02 09:15:00") }
        #expect(due.map(\.id) == ["soon"])
    }
}

@Suite struct JSONCommandScopeTests {
    @Test func alertsOfADateKeepToTheScope() throws {
        let database = try ScopeFixture.orgTree()
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO if_batch(biz_date, source_dir, manifest_sha256, rows_loaded, rows_rejected, loaded_at)
                VALUES ('2025-01-01', '/x/2025-01-01', '', 0, 0, '2025-01-02 01:00:00');
                INSERT INTO app_alert(biz_date, customer_id, rule, amount, direction, status)
                VALUES ('2025-01-01', 'C1', 'A', 200000000, 'C', 'ACTIVE'), ('2025-01-01', 'C3', 'A', 300000000, 'D', 'ACTIVE');
                """)
        }
        let day = BusinessDate("2025-01-01")!
        let r1 = DataScope(profile: try ScopeFixture.profile(database, "R1"))
        #expect(try database.writer.read { try AlertQuery.raised($0, on: day, scope: r1) }.map(\.customerID) == ["C1"])
        #expect(try database.writer.read { try AlertQuery.raised($0, on: day) }.map(\.customerID) == ["C1", "C3"])
        #expect(try database.writer.read { try r1.contains(customerID: "C3", $0) } == false)
        #expect(try database.writer.read { try r1.contains(customerID: "C1", $0) } == true)
    }
}
