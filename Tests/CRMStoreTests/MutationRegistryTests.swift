import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

/// Every named mutation comes back from its outbox text as the same mutation, and replays to the same rows.
@Suite struct MutationRegistryTests {
    /// One or more of every mutation, with Chinese text, large amounts in fen, and optional fields both set and nil.
    static let samples: [any Mutation] = {
        let uuid = { (n: UInt64) in MutationID.text(high: 0x5EED_0000 + n, low: n) }
        let today = BusinessDate("2025-03-03")!
        let manual: [PlanNodeID: Int64] = [PlanNodeID(.org, "B1"): 600_000_000_000_00, PlanNodeID(.org, "B2"): 400_000_000_000_00,
                                           PlanNodeID(.staff, "R1"): 1]
        let attachments = [StoredAttachment(fileName: "现场照片 1.jpg", size: 3_145_728, sha256: String(repeating: "ab", count: 32)),
                           StoredAttachment(fileName: "授信方案.pdf", size: 0, sha256: String(repeating: "0f", count: 32))]
        return [
            PublishAnnouncement(id: uuid(1), title: "关于“开门红”营销活动的通知",
                                body: "各分支行：\n请于 3 月 31 日前完成报送。\t\"引号\" \\ 反斜杠 😀 \u{1}", pinned: true),
            PublishAnnouncement(id: uuid(2), title: "Notice", body: "", pinned: false),
            MarkAnnouncementRead(announcementID: uuid(1)),
            AssignManagers(id: uuid(3), customerID: "C0001", managers: [ManagerShareDraft(staffID: "R1", role: "MAIN", shareBP: 6_050),
                                                                      ManagerShareDraft(staffID: "R2", role: "ASSIST", shareBP: 3_950)]),
            MarkStrategic(customerID: "C0001", strategic: true),
            MarkStrategic(customerID: "C0002", strategic: false),
            CreateCustomerGroup(id: uuid(4), groupName: "长三角供应链", customerIDs: ["C0001", "C0002"]),
            CreateCustomerGroup(id: uuid(5), groupName: "空群", customerIDs: []),
            ChangeGroupMembers(.add, groupID: uuid(4), customerIDs: ["C0003"]),
            ChangeGroupMembers(.remove, groupID: uuid(4), customerIDs: ["C0001", "C0003"]),
            SaveHomeLayout(panels: ["tasks", "alerts", "schedule"]),
            DefineKPI(KPIIndicator(code: "DEP_AVG_M2", nameZh: "存款月日均（新口径）", nameEn: "Deposit MTD average (new)", unit: .yuan,
                                   direction: .higher, measure: .depositAverageMonth, builtIn: false)),
            CreateNamedList(id: uuid(6), listName: "重点制造业", rule: "line:LARGE_MID; industry:C39|C38"),
            CreateNamedList(id: uuid(7), listName: "白名单"),
            ChangeNamedListMembers(listID: uuid(6), customerIDs: ["C0001"], adding: true),
            ChangeNamedListMembers(listID: uuid(6), customerIDs: ["C0001", "C0002"], adding: false),
            CreateOpportunity(id: uuid(8), draft: OpportunityDraft(customerID: "C0001", productCode: "L1001", amount: 9_007_199_254_740_993,
                                                                   probability: 60, expectedDate: today.adding(days: 90), ownerID: "R2"),
                              stage: .proposal),
            CreateOpportunity(id: uuid(9), draft: OpportunityDraft(prospectName: "苏州工业园区某某精密制造有限公司", productCode: "D2001",
                                                                   amount: Int64.max, expectedDate: today)),
            MoveOpportunity(id: uuid(8), stage: .lost, note: "客户选择了他行的报价"),
            MoveOpportunity(id: uuid(8), stage: .signed, probability: 95),
            SaveOpportunityScenario(
                id: uuid(10), opportunityID: uuid(8), calculator: "LOAN",
                inputs: .object([("principal", .money(500_000_000_00)), ("rate_pct", .decimal(34_500, decimals: 4)), ("term_months", .int(36)),
                                 ("purpose", .string("流动资金贷款"))]),
                figures: .object([("profit_after_tax", .money(123_456_789_012)), ("eva", .money(-5)), ("breakeven", .null),
                                  ("months", .array([.int(1), .decimal(-15, decimals: 1)]))]),
                headline: (profitAfterTax: 123_456_789_012, rarocAfterTaxBP: 1_534, eva: -5, depositValue: nil)),
            SaveOpportunityScenario(id: uuid(11), opportunityID: uuid(8), calculator: "DEPOSIT", inputs: .object([]), figures: .array([]),
                                    headline: (profitAfterTax: nil, rarocAfterTaxBP: nil, eva: nil, depositValue: 987_654_321_000)),
            OrgTreeMutation(id: uuid(12), change: OrgChange(kind: .create, targetID: "T9", name: "浦东科创团队", parentID: "B1", level: .team)),
            OrgTreeMutation(id: uuid(13), change: OrgChange(kind: .rename, targetID: "T9", name: "浦东科技金融团队")),
            OrgTreeMutation(id: uuid(14), change: OrgChange(kind: .move, targetID: "T9", parentID: "B2")),
            OrgTreeMutation(id: uuid(15), change: OrgChange(kind: .close, targetID: "T9", successorID: "T1")),
            OrgTreeMutation(id: uuid(16), change: OrgChange(kind: .staffMove, targetID: "R1", parentID: "T2")),
            IssuePlan(id: uuid(17), kpiCode: "DEP_AVG_Q", period: PlanPeriod("2025-Q2")!, target: 1_200_000_000_000_00, note: "全行二季度存款日均"),
            IssuePlan(id: uuid(18), kpiCode: "NEW_CUST", period: PlanPeriod("2025")!, target: 1_500),
            SplitPlanTarget(planID: uuid(17), orgID: "HQ", method: .manual, manualTargets: manual, reason: "按存量占比"),
            SplitPlanTarget(planID: uuid(17), orgID: "B1", method: .lastYear),
            RevisePlanTarget(planID: uuid(17), node: PlanNodeID(.staff, "R1"), target: 0, reason: "客户经理调岗"),
            AdoptProspect(id: uuid(19), opportunityID: uuid(20), scheduleID: uuid(21), prospectKey: "6222:上海某某贸易有限公司", ownerID: "R1",
                          today: today),
            AdoptProspect(id: uuid(22), opportunityID: uuid(23), scheduleID: uuid(24), prospectKey: "6222:杭州某某科技", today: today),
            SetReminderState(key: "maturity:A1:2025-03-28", change: .done(true)),
            SetReminderState(key: "birthday:C1", change: .done(false)),
            SetReminderState(key: "birthday:C1", change: .snooze(until: BusinessDate("2025-03-10")!)),
            SaveScheduleItem(.create, id: uuid(25), draft: ScheduleDraft(title: "拜访华东精密机械", startsAt: "2025-03-05 09:30",
                                                                        customerID: "C0001", remindMinutes: 10_080, note: "带上授信方案\n及报价")),
            SaveScheduleItem(.edit, id: uuid(25), draft: ScheduleDraft(title: "部门例会", startsAt: "2025-03-06 14:00", customerID: nil,
                                                                      remindMinutes: 0, note: "")),
            CompleteScheduleItem(id: uuid(25), done: true),
            CompleteScheduleItem(id: uuid(25), done: false),
            CreateTagGroup(id: uuid(26), groupName: "营销活动"),
            CreateTag(id: uuid(27), groupID: uuid(26), tagName: "开门红目标客户"),
            TagCustomers(.add, tagID: uuid(27), customerIDs: ["C0001", "C0002", "C0003"]),
            TagCustomers(.remove, tagID: uuid(27), customerIDs: ["C0002"]),
            CreateTask(id: uuid(28), kind: .visit, title: "一季度走访存量客户", note: "重点了解代发需求", dueDate: today.adding(days: 28), target: 2,
                       customerIDs: ["C0001", "C0002", "C0003"]),
            CreateTask(id: uuid(29), kind: .documents, title: "补充年报", dueDate: today, customerIDs: ["C0001"]),
            AssignTask(taskID: uuid(28), childIDs: [uuid(30), uuid(31)]),
            RecordTaskProgress(taskID: uuid(30), customerID: "C0001", done: true, result: "已签约代发", visitID: uuid(32)),
            RecordTaskProgress(taskID: uuid(30), customerID: "C0002", done: false),
            LogVisit(id: uuid(32), draft: VisitDraft(customerID: "C0001", visitedAt: "2025-03-03 10:15", contacts: "王总（财务总监）",
                                                      purpose: "代发工资营销", notes: "对方有意向\n下周提交方案", nextStep: "报价",
                                                      latitudeE6: -31_230_416, longitudeE6: 121_473_701, address: "上海市浦东新区世纪大道 100 号",
                                                      attachments: attachments, taskID: uuid(30))),
            LogVisit(id: uuid(33), draft: VisitDraft(customerID: "C0002", visitedAt: "2025-03-04 16:00", purpose: "电话回访")),
        ]
    }()

    @Test func everyMutationComesBackFromItsOutboxText() throws {
        for original in Self.samples {
            let text = original.payload.rendered()
            let rebuilt = try MutationRegistry.decode(name: original.name, payloadText: text)
            #expect(rebuilt.name == original.name)
            #expect(rebuilt.payload.rendered() == text, "\(original.name)")
            #expect(ObjectIdentifier(type(of: rebuilt)) == ObjectIdentifier(type(of: original)), "\(original.name)")
        }
    }

    @Test func theRegistryKnowsExactlyTheNamesTheSamplesUse() {
        let used = Set(Self.samples.map(\.name))
        #expect(used.subtracting(MutationRegistry.names).isEmpty, "a mutation without a registry entry")
        #expect(Set(MutationRegistry.names).subtracting(used).isEmpty, "a registry entry without a sample here")
    }

    @Test func rebuiltFieldsAreTheOriginalOnes() throws {
        let visit = try #require(try MutationRegistry.decode(name: "visit.log", payload: Self.sample("visit.log").payload) as? LogVisit)
        #expect(visit.draft == (Self.sample("visit.log") as? LogVisit)?.draft)
        let opportunity = try #require(try MutationRegistry.decode(name: "opportunity.create",
                                                                   payloadText: Self.sample("opportunity.create").payload.rendered())
                                       as? CreateOpportunity)
        #expect(opportunity.draft.amount == 9_007_199_254_740_993, "2^53 + 1 fen, where a Double would round")
        let split = try #require(try MutationRegistry.decode(name: "plan.split", payloadText: Self.sample("plan.split").payload.rendered())
                                 as? SplitPlanTarget)
        #expect(split.manualTargets == (Self.sample("plan.split") as? SplitPlanTarget)?.manualTargets)
    }

    @Test func anUnknownNameIsRefused() {
        #expect(throws: MutationError("未知的变更 task.delete (unknown mutation task.delete)")) {
            try MutationRegistry.decode(name: "task.delete", payload: .object([]))
        }
    }

    @Test func aMissingOrIllTypedFieldIsNamed() throws {
        let opportunity = try Self.sample("opportunity.create").payload.objectValue()
        #expect(throws: MutationError("变更 opportunity.create 的字段 product_code 缺失 (mutation opportunity.create: field product_code is missing)")) {
            try MutationRegistry.decode(name: "opportunity.create", payload: .object(opportunity.filter { $0.0 != "product_code" }))
        }
        #expect(throws: MutationError("""
            变更 opportunity.create 的字段 amount 应为最多 2 位小数的数 \
            (mutation opportunity.create: field amount should be a number with at most 2 decimals)
            """)) {
            try MutationRegistry.decode(name: "opportunity.create", payload: .object(opportunity.map {
                $0.0 == "amount" ? ("amount", .decimal(1_005, decimals: 3)) : $0
            }))
        }
        #expect(throws: MutationError("""
            变更 opportunity.stage 的字段 stage 应为以下之一：LEAD、CONTACT、PROPOSAL、APPROVAL、SIGNED、LANDED、LOST \
            (mutation opportunity.stage: field stage should be one of LEAD, CONTACT, PROPOSAL, APPROVAL, SIGNED, LANDED, LOST)
            """)) {
            try MutationRegistry.decode(name: "opportunity.stage", payloadText: #"{"id":"o1","stage":"WON","probability_pct":null,"note":""}"#)
        }
        #expect(throws: MutationError("""
            变更 customer.assign 的字段 managers[1].share_pct 应为最多 2 位小数的数 \
            (mutation customer.assign: field managers[1].share_pct should be a number with at most 2 decimals)
            """)) {
            try MutationRegistry.decode(name: "customer.assign", payloadText: """
                {"id":"a1","customer_id":"C1","managers":[{"staff_id":"R1","role":"MAIN","share_pct":60.00},
                {"staff_id":"R2","role":"ASSIST","share_pct":"40%"}]}
                """)
        }
        #expect(throws: MutationError("""
            变更 plan.split 的字段 targets.B1 应为形如 ORG:… | STAFF:… 的文本 \
            (mutation plan.split: field targets.B1 should be text of the form ORG:… | STAFF:…)
            """)) {
            try MutationRegistry.decode(name: "plan.split", payloadText: #"{"plan_id":"p","org_id":"HQ","method":"MANUAL","targets":{"B1":5}}"#)
        }
        #expect(throws: MutationError("""
            变更 reminder.snooze 的字段 until 应为形如 YYYY-MM-DD 的文本 \
            (mutation reminder.snooze: field until should be text of the form YYYY-MM-DD)
            """)) {
            try MutationRegistry.decode(name: "reminder.snooze", payloadText: #"{"key":"k","until":"2025-02-30"}"#)
        }
        #expect(throws: MutationError("变更 tag.add 的值应为对象 (mutation tag.add: the value should be an object)")) {
            try MutationRegistry.decode(name: "tag.add", payloadText: #"["t1"]"#)
        }
        #expect(throws: MutationError("""
            变更 tag.add 的内容不是有效的 JSON，第 2 行第 22 列 \
            (mutation tag.add: the payload is not valid JSON at line 2, column 22: expected , or ])
            """)) {
            try MutationRegistry.decode(name: "tag.add", payloadText: "{\"tag_id\":\"t1\",\n\"customer_ids\":[\"C1\" \"C2\"]}")
        }
    }

    /// A day's changes made on one database, replayed from its outbox on another under the same ids, leave the
    /// same rows; replaying again changes nothing.
    @Test func outboxRowsReplayToTheSameRows() throws {
        let clock = WallClock.fixed(date: BusinessDate("2025-03-03")!, hour: 10)
        let (origin, replica) = (try Self.replayFixture(), try Self.replayFixture())
        let log = MutationLog(database: origin, clock: clock)
        let (hq, rm) = (try ScopeFixture.profile(origin, "H1"), try ScopeFixture.profile(origin, "R1"))
        let ids = (0..<8).map { MutationID.text(high: 0xCAFE, low: UInt64($0)) }
        try log.apply(CreateTagGroup(id: ids[0], groupName: "营销活动"), by: hq)
        try log.apply(CreateTag(id: ids[1], groupID: ids[0], tagName: "开门红目标客户"), by: rm)
        try log.apply(TagCustomers(.add, tagID: ids[1], customerIDs: ["C1", "C2", "C3"]), by: hq)
        try log.apply(CreateTask(id: ids[2], kind: .visit, title: "一季度走访", dueDate: BusinessDate("2025-03-31")!, customerIDs: ["C1", "C2"]),
                      by: hq)
        try log.apply(LogVisit(id: ids[6], draft: VisitDraft(customerID: "C1", visitedAt: "2025-03-03 09:00", contacts: "王总（财务总监）",
                                                             purpose: "代发工资营销", notes: "有意向\n下周提交方案", latitudeE6: 31_230_416,
                                                             longitudeE6: 121_473_701, address: "上海市浦东新区世纪大道 100 号",
                                                             attachments: [StoredAttachment(fileName: "现场照片.jpg", size: 3_145_728,
                                                                                            sha256: String(repeating: "ab", count: 32))],
                                                             taskID: ids[2])), by: rm)
        try log.apply(CreateOpportunity(id: ids[3], draft: OpportunityDraft(customerID: "C1", productCode: "D2001", amount: 9_007_199_254_740_993,
                                                                            expectedDate: BusinessDate("2025-06-30")!)), by: rm)
        try log.apply(MoveOpportunity(id: ids[3], stage: .proposal, probability: 55, note: "已提交方案"), by: rm)
        try log.apply(SaveScheduleItem(.create, id: ids[4], draft: ScheduleDraft(title: "回访王总", startsAt: "2025-03-05 09:30", customerID: "C1",
                                                                                remindMinutes: 30, note: "")), by: rm)
        try log.apply(PublishAnnouncement(id: ids[5], title: "关于“开门红”的通知", body: "各分支行：\n请按时报送。", pinned: true), by: hq)

        let outbox = try origin.writer.read {
            try Row.fetchAll($0, sql: "SELECT mutation_id, name, actor, payload FROM sys_outbox ORDER BY rowid")
        }
        #expect(outbox.count == 9)
        let replay = MutationLog(database: replica, clock: clock)
        for row in outbox {
            let mutation = try MutationRegistry.decode(name: row["name"], payloadText: row["payload"])
            let actor = try ScopeFixture.profile(replica, row["actor"])
            #expect(try replay.apply(mutation, by: actor, id: row["mutation_id"]))
            #expect(try !replay.apply(mutation, by: actor, id: row["mutation_id"]), "the same id again changes nothing")
        }
        for table in ["sys_outbox", "work_tag_group", "work_tag", "work_customer_tag", "work_task", "work_task_customer", "work_visit",
                      "work_visit_attachment", "work_opportunity", "work_opportunity_stage", "work_schedule", "work_announcement"] {
            let rows = try Self.rows(origin, table)
            #expect(!rows.isEmpty, "\(table) was written")
            #expect(try Self.rows(replica, table) == rows, "\(table)")
        }
    }

    private static func sample(_ name: String) -> any Mutation { samples.first { $0.name == name }! }

    /// The hand-made org tree with the product the opportunity names.
    private static func replayFixture() throws -> AppDatabase {
        let database = try ScopeFixture.orgTree()
        try database.writer.write {
            try $0.execute(sql: """
                INSERT INTO base_product(product_code, name, category, on_balance, batch_date, source_line)
                VALUES ('D2001', '单位活期存款', 'DEMAND_DEPOSIT', 1, '2025-01-01', 1)
                """)
        }
        return database
    }

    /// A table's rows as text, in a fixed order.
    private static func rows(_ database: AppDatabase, _ table: String) throws -> [String] {
        try database.writer.read { try Row.fetchAll($0, sql: "SELECT * FROM \(table)").map(\.description).sorted() }
    }
}
