import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// 营销过程管理 on the tiny bank: a task handed down the org tree to the managers with its progress rolling up,
/// a visit with photos logged offline and replayed once, and an opportunity through the pipeline.
@Suite struct MarketingTests {
    /// The tiny bank loaded for ten days, in a database of the test's own.
    private static func bank() throws -> (AppDatabase, BusinessDate) {
        let scratch = ScratchFolder()
        let database = try AppDatabase.open(path: scratch.path + "/bank.sqlite")
        let day10 = TinyBank.start.adding(days: 9)
        _ = try BatchRunner(database: database).run(source: TinyBank.source, to: day10)
        return (database, day10)
    }

    private static func profile(_ database: AppDatabase, _ role: StaffRole, index: Int = 0) throws -> StaffProfile {
        try database.writer.read { db in try StaffDirectory.active(db).filter { $0.role == role }[index] }
    }

    @Test func aTaskGoesDownTheTreeAndItsProgressRollsUp() throws {
        let (database, day10) = try Self.bank()
        let log = MutationLog(database: database, clock: .fixed(date: day10.adding(days: 1), hour: 9))
        let hq = try Self.profile(database, .headOffice)
        let teams = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT org_id FROM base_org WHERE level = 'TEAM' ORDER BY org_id") }
        // Six customers from each of the first two teams, by main manager.
        let customers = try database.writer.read { db in
            try teams.prefix(2).flatMap { team in
                try String.fetchAll(db, sql: """
                    SELECT m.customer_id FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
                    WHERE m.role = 'MAIN' AND s.org_id = ? ORDER BY m.customer_id LIMIT 6
                    """, arguments: [team])
            }
        }
        #expect(customers.count == 12)
        let rm = try Self.profile(database, .relationshipManager)
        #expect(throws: MutationError.self, "a relationship manager does not set tasks") {
            try log.apply(CreateTask(id: "t0", kind: .visit, title: "走访", dueDate: day10, customerIDs: customers), by: rm)
        }
        #expect(throws: MutationError.self, "the target cannot exceed the customers") {
            try log.apply(CreateTask(id: "t0", kind: .visit, title: "走访", dueDate: day10, target: 13, customerIDs: customers), by: hq)
        }
        try log.apply(CreateTask(id: "root", kind: .visit, title: "一季度战略客户走访", dueDate: day10.adding(days: 20), target: 7,
                                 customerIDs: customers), by: hq)

        // Hand it down level by level until every node is with a manager.
        var counter = 0
        func handDown(_ id: String, by actor: StaffProfile) throws -> [TaskNode] {
            counter += 1
            let ids = (0..<10).map { "t\(counter)-\($0)" }
            try log.apply(AssignTask(taskID: id, childIDs: ids), by: actor)
            return try database.writer.read { try TaskTree.load($0, for: hq) }.children(of: id)
        }
        var frontier = [try database.writer.read { try TaskTree.load($0, for: hq) }.nodes["root"]!]
        var leaves: [TaskNode] = []
        while let node = frontier.popLast() {
            if node.assigneeKind == "STAFF" { leaves.append(node); continue }
            let children = try handDown(node.id, by: hq)
            #expect(children.reduce(0) { $0 + $1.target } == node.target, "the targets of \(node.id)'s children sum to its own")
            frontier += children
        }
        #expect(throws: MutationError.self, "a task is handed down once") { try log.apply(AssignTask(taskID: "root", childIDs: ["x"]), by: hq) }
        let tree = try database.writer.read { try TaskTree.load($0, for: hq) }
        #expect(tree.rootIDs == ["root"])
        #expect(leaves.reduce(0) { $0 + $1.customers } == 12, "every customer ends with a manager")
        #expect(leaves.reduce(0) { $0 + $1.target } == 7)
        #expect(tree.nodes["root"]?.customers == 12 && tree.nodes["root"]?.done == 0)

        // A manager records two customers done; the root shows 2 of 7, and the manager sees only their own node.
        let leaf = try #require(leaves.sorted { $0.customers > $1.customers }.first)
        let manager = try database.writer.read { try StaffDirectory.profile($0, staffID: leaf.assigneeID)! }
        let held = try database.writer.read { try TaskTree.customers(of: leaf.id, scope: DataScope(profile: manager), $0) }
        #expect(held.count == leaf.customers)
        for customer in held.prefix(2) {
            try log.apply(RecordTaskProgress(taskID: leaf.id, customerID: customer.customerID, done: true, result: "已走访，意向开立代发"), by: manager)
        }
        let after = try database.writer.read { try TaskTree.load($0, for: hq) }
        #expect(after.nodes["root"]?.done == 2)
        #expect(after.nodes["root"]?.completionBP == 2 * 10_000 / 7)
        #expect(after.nodes["root"]?.isOverdue(today: day10.adding(days: 21)) == true)
        #expect(after.nodes["root"]?.isOverdue(today: day10.adding(days: 20)) == false, "due today is not overdue")
        let own = try database.writer.read { try TaskTree.load($0, for: manager) }
        #expect(own.rootIDs == [leaf.id], "a manager sees their own part as the root")
        let other = try database.writer.read { try TaskTree.load($0, for: rm) }
        if rm.staffID != manager.staffID { #expect(other.nodes[leaf.id] == nil) }
    }

    @Test func aVisitWithPhotosIsLoggedOfflineAndReplayedOnce() throws {
        let (database, day10) = try Self.bank()
        let log = MutationLog(database: database, clock: .fixed(date: day10.adding(days: 1), hour: 15))
        let rm = try Self.profile(database, .relationshipManager)
        let customer = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? ORDER BY customer_id", arguments: [rm.staffID])!
        }
        let scratch = ScratchFolder()
        let photo = scratch.path + "/门头照片.jpg"
        try Data((0..<5_000).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: photo))
        let store = AttachmentStore(directory: scratch.path + "/attachments")
        let stored = try store.add(file: photo)
        #expect(stored.fileName == "门头照片.jpg" && stored.size == 5_000 && stored.sha256.count == 64)
        #expect(try store.add(file: photo) == stored, "the same file is stored once")
        #expect(store.verify(stored))
        #expect(throws: MutationError.self) { try store.add(file: scratch.path + "/missing.jpg") }

        let draft = VisitDraft(customerID: customer, visitedAt: "\(day10.adding(days: 1)) 14:30", contacts: "财务总监 王女士",
                               purpose: "了解代发工资需求", notes: "对方每月 10 日发薪，约 300 人", nextStep: "下周送方案",
                               latitudeE6: 26_074_500, longitudeE6: 119_296_500, address: "福州市鼓楼区五四路 100 号",
                               attachments: [stored])
        let visit = LogVisit(id: "visit-1", draft: draft)
        #expect(try log.apply(visit, by: rm, id: "m-visit-1"))
        #expect(try log.apply(visit, by: rm, id: "m-visit-1") == false, "the replay changes nothing")
        let visits = try database.writer.read { try VisitQuery.list($0, scope: DataScope(profile: rm)) }
        #expect(visits.count == 1)
        #expect(visits.first?.attachments == [stored])
        #expect(visits.first?.latitudeE6 == 26_074_500)

        var bad = draft
        bad.longitudeE6 = nil
        #expect(throws: MutationError.self, "latitude without longitude") { try log.apply(LogVisit(id: "v2", draft: bad), by: rm) }
        bad = draft
        bad.latitudeE6 = 91_000_000
        #expect(throws: MutationError.self, "latitude out of range") { try log.apply(LogVisit(id: "v2", draft: bad), by: rm) }
        bad = draft
        bad.purpose = "  "
        #expect(throws: MutationError.self, "no purpose") { try log.apply(LogVisit(id: "v2", draft: bad), by: rm) }
        let outsider = try database.writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT customer_id FROM base_customer WHERE customer_id NOT IN (SELECT customer_id FROM base_customer_manager WHERE staff_id = ?)
                ORDER BY customer_id
                """, arguments: [rm.staffID])!
        }
        bad = draft
        bad.customerID = outsider
        #expect(throws: MutationError.self, "a customer outside the scope") { try log.apply(LogVisit(id: "v2", draft: bad), by: rm) }

        // Tampering with the stored photo shows.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: store.location(of: stored.sha256)))
        #expect(store.verify(stored) == false)
    }

    @Test func aVisitClosesTheCustomersPartOfATask() throws {
        let (database, day10) = try Self.bank()
        let log = MutationLog(database: database, clock: .fixed(date: day10.adding(days: 1), hour: 9))
        let lead = try Self.profile(database, .teamLead)
        let (customer, manager) = try database.writer.read { db -> (String, StaffProfile) in
            let row = try Row.fetchOne(db, sql: """
                SELECT m.customer_id, m.staff_id FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
                WHERE m.role = 'MAIN' AND s.org_id = ? AND s.position = 'RM' ORDER BY m.customer_id LIMIT 1
                """, arguments: [lead.orgID])!
            return (row[0], try StaffDirectory.profile(db, staffID: row[1])!)
        }
        try log.apply(CreateTask(id: "call", kind: .call, title: "电话回访", dueDate: day10.adding(days: 5), customerIDs: [customer]), by: lead)
        try log.apply(AssignTask(taskID: "call", childIDs: ["call-rm"]), by: lead)
        let draft = VisitDraft(customerID: customer, visitedAt: "\(day10.adding(days: 1)) 10:00", purpose: "回访", taskID: "call-rm")
        try log.apply(LogVisit(id: "visit-task", draft: draft), by: manager)
        let held = try database.writer.read { try TaskTree.customers(of: "call-rm", scope: DataScope(profile: manager), $0) }
        #expect(held.first?.doneAt != nil && held.first?.result == "回访")
        #expect(try database.writer.read { try TaskTree.load($0, for: lead) }.nodes["call"]?.done == 1)

        // The marketing reports count the visit and the customer done, for the manager and up their org tree.
        let day = day10.adding(days: 1)
        func run(_ name: String, _ scope: DataScope, from: BusinessDate? = nil) throws -> ReportTable {
            try database.writer.read { try ReportRegistry.named(name)!.run($0, scope: scope, request: ReportRequest(from: from)) }
        }
        let byStaff = try run("marketing-by-staff", DataScope(profile: lead))
        let row = try #require(byStaff.rows.first { $0.first == .text(manager.staffID) })
        #expect(Array(row.dropFirst(3).prefix(5)) == [.integer(1), .integer(1), .integer(0), .integer(0), .integer(1)])
        #expect(try run("marketing-by-staff", DataScope(profile: lead), from: day.adding(days: 1)).rows.isEmpty, "nothing after the period")
        let byOrg = try run("marketing-by-org", DataScope(reach: .everything))
        #expect(byOrg.rows.first { $0.first == .text(manager.orgID) }?[3] == .integer(1))
        #expect(byOrg.rows.first?[3] == .integer(1), "head office counts it too")
        let otherTeam = try database.writer.read { db in
            try StaffDirectory.active(db).first { $0.role == .teamLead && $0.orgID != lead.orgID }!
        }
        #expect(try run("marketing-by-staff", DataScope(profile: otherTeam)).rows.isEmpty, "another team sees none of it")
        let progress = try run("task-progress", DataScope(profile: lead))
        #expect(progress.rows.map { $0[5] } == [.integer(1), .integer(1)], "the task and its manager's part, each one done")
    }

    @Test func anOpportunityMovesThroughThePipelineWithItsHistory() throws {
        let (database, day10) = try Self.bank()
        let log = MutationLog(database: database, clock: .fixed(date: day10.adding(days: 1), hour: 9))
        let rm = try Self.profile(database, .relationshipManager)
        let (customer, product) = try database.writer.read { db in
            (try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? ORDER BY customer_id", arguments: [rm.staffID])!,
             try String.fetchOne(db, sql: "SELECT product_code FROM base_product ORDER BY product_code")!)
        }
        let expected = day10.adding(days: 40)
        try log.apply(CreateOpportunity(id: "o1", draft: OpportunityDraft(customerID: customer, productCode: product, amount: 5_000_000_00,
                                                                          expectedDate: expected)), by: rm)
        try log.apply(CreateOpportunity(id: "o2", draft: OpportunityDraft(prospectName: " 福州华信贸易有限公司 ", productCode: product,
                                                                          amount: 1_000_000_00, expectedDate: expected)), by: rm)
        try log.apply(CreateOpportunity(id: "o3", draft: OpportunityDraft(customerID: customer, productCode: product, amount: 333_33,
                                                                          probability: 33, expectedDate: day10.adding(days: 70))), by: rm)
        #expect(throws: MutationError.self, "customer and prospect together") {
            try log.apply(CreateOpportunity(id: "o4", draft: OpportunityDraft(customerID: customer, prospectName: "x", productCode: product,
                                                                              amount: 1, expectedDate: expected)), by: rm)
        }
        #expect(throws: MutationError.self, "an unknown product") {
            try log.apply(CreateOpportunity(id: "o4", draft: OpportunityDraft(customerID: customer, productCode: "NOPE", amount: 1,
                                                                              expectedDate: expected)), by: rm)
        }
        for stage: OpportunityStage in [.contact, .proposal, .approval] { try log.apply(MoveOpportunity(id: "o1", stage: stage), by: rm) }
        try log.apply(MoveOpportunity(id: "o2", stage: .contact), by: rm)
        #expect(throws: MutationError.self, "lost needs a reason") { try log.apply(MoveOpportunity(id: "o2", stage: .lost), by: rm) }
        try log.apply(MoveOpportunity(id: "o2", stage: .lost, note: "他行利率更低"), by: rm)
        let other = try Self.profile(database, .relationshipManager, index: 1)
        #expect(throws: MutationError.self, "another manager's opportunity") { try log.apply(MoveOpportunity(id: "o1", stage: .signed), by: other) }

        let list = try database.writer.read { try OpportunityQuery.list($0, viewer: rm) }
        #expect(list.map(\.id) == ["o1", "o2", "o3"])
        #expect(list[1].subjectName == "福州华信贸易有限公司" && list[1].lostReason == "他行利率更低")
        #expect(list[2].weightedAmount == 110_00, "333.33 x 33% = 110.0^ rounds to 110.00")
        let board = OpportunityQuery.pipeline(list)
        #expect(board.first { $0.stage == .approval }?.amount == 5_000_000_00)
        #expect(board.first { $0.stage == .approval }?.weightedAmount == 3_000_000_00)
        #expect(board.first { $0.stage == .lost }?.count == 1)
        let conversion = try database.writer.read { try OpportunityQuery.conversion($0, of: list) }
        #expect(conversion.first?.reachedFrom == 3 && conversion.first?.reachedTo == 2, "all three were leads, two got to contact")
        #expect(conversion.first { $0.from == .contact }?.rateBP == 5_000)
        let forecast = OpportunityQuery.forecast(list)
        #expect(forecast.map(\.weightedAmount) == [3_000_000_00, 110_00], "lost ones are left out")
        let history = try database.writer.read { try OpportunityQuery.history($0, id: "o1") }
        #expect(history.map(\.stage) == [.lead, .contact, .proposal, .approval])
        #expect(history.map(\.probability) == [10, 20, 40, 60])
        #expect(try database.writer.read { try OpportunityQuery.list($0, viewer: other) }.isEmpty, "another manager sees none of them")
    }

    @Test func aProspectBecomesAPotentialCustomerWithALeadAndAContactItemOnce() throws {
        let (database, day10) = try Self.bank()
        let log = MutationLog(database: database, clock: .fixed(date: day10.adding(days: 1), hour: 9))
        let head = try Self.profile(database, .branchHead)
        let (key, name, owner) = try database.writer.read { db -> (String, String, String) in
            let row = try Row.fetchOne(db, sql: "SELECT counterparty_key, name, top_staff_id FROM app_prospect WHERE top_staff_id IS NOT NULL ORDER BY rank")!
            return (row[0], row[1], row[2])
        }
        let someoneElse = try database.writer.read { db in
            try StaffDirectory.active(db).first { $0.role == .relationshipManager && $0.staffID != owner }!
        }
        let today = day10.adding(days: 1)
        #expect(throws: MutationError.self, "a manager cannot hand another manager's prospect to them") {
            try log.apply(AdoptProspect(id: "p0", opportunityID: "o0", scheduleID: "s0", prospectKey: key, today: today), by: someoneElse)
        }
        try log.apply(AdoptProspect(id: "p1", opportunityID: "o1", scheduleID: "s1", prospectKey: key, today: today), by: head)
        #expect(throws: MutationError.self, "adopted once") {
            try log.apply(AdoptProspect(id: "p2", opportunityID: "o2", scheduleID: "s2", prospectKey: key, today: today), by: head)
        }
        let ownerProfile = try database.writer.read { try StaffDirectory.profile($0, staffID: owner)! }
        let lead = try #require(try database.writer.read { try OpportunityQuery.list($0, viewer: ownerProfile) }.first { $0.id == "o1" })
        #expect(lead.subjectName == name && lead.customerID == nil && lead.stage == .lead && lead.ownerID == owner)
        let contact = try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT staff_id, title, starts_at FROM work_schedule WHERE id = 's1'")
        }
        #expect(contact?["staff_id"] == owner)
        #expect(contact?["title"] == "接洽潜在客户：\(name)")
        #expect(contact?["starts_at"] == "\(today.adding(days: 3)) 10:00")
        #expect(try database.writer.read { try PotentialCustomerQuery.adopted($0) }[key]?.hasSuffix(owner) == true)
    }
}
