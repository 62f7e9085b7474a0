import CRMCore
import CRMStore
import GRDB
import TUI
import XCTest
@testable import CRMApp

/// The marketing screens driven by keys: a team lead sets a task and hands it down, a manager marks a customer
/// done; an opportunity goes on and is lost on the board; a visit is recorded from the customer 360 with a
/// photo; a reminder is marked done.
final class MarketingScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testALeadSetsATaskHandsItDownAndAManagerMarksACustomerDone() throws {
        let shell = try TinyBankFixture.shell(as: .teamLead)
        let database = shell.services.database
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("M"))
        XCTAssertEqual(shell.current.kind, .tasks, session.screen)
        XCTAssertTrue(session.screen.contains("没有任务"), session.screen)
        session.press(.character("n"), .tab)
        session.type("一季度走访")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("请选择任务的客户"), "the team has no strategic customers:\n\(session.screen)")
        session.press(.tab, .right)
        XCTAssertTrue(session.screen.contains("规则标签：有效"), session.screen)
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("任务已下达"), session.screen)
        XCTAssertTrue(session.screen.contains("[走访] 一季度走访"), session.screen)
        let root = try XCTUnwrap(try database.writer.read { try TaskTree.load($0, for: shell.session.profile) }.rootIDs.first)
        session.press(.character("A"))
        XCTAssertTrue(session.screen.contains("已分派到下级"), session.screen)
        let tree = try database.writer.read { try TaskTree.load($0, for: shell.session.profile) }
        let leaves = tree.children(of: root)
        XCTAssertFalse(leaves.isEmpty)
        XCTAssertTrue(leaves.allSatisfy { $0.assigneeKind == "STAFF" }, "a team's task goes to its managers")
        assertFills(session.grid)

        // The first manager's part: Tab to the customers, x with a result.
        let leaf = leaves[0]
        let manager = try database.writer.read { try StaffDirectory.profile($0, staffID: leaf.assigneeID)! }
        shell.signIn(manager, byPassword: false)
        session.press(.character("M"))
        XCTAssertTrue(session.screen.contains("0/\(leaf.target)"), session.screen)
        session.press(.tab, .character("x"))
        session.type("已走访")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("[走访] 一季度走访 · \(manager.name)"), "the manager's part stands as a root:\n\(session.screen)")
        XCTAssertTrue(session.screen.contains("1/\(leaf.target)"), session.screen)
        let results = try database.writer.read { try TaskTree.customers(of: leaf.id, scope: DataScope(profile: manager), $0) }
        XCTAssertEqual(results.filter { $0.doneAt != nil }.map(\.result), ["已走访"])
        XCTAssertEqual(try database.writer.read { try TaskTree.load($0, for: nil) }.nodes[root]?.done, 1)
    }

    func testAnOpportunityMovesOnTheBoardAndIsLostWithAReason() throws {
        let shell = try TinyBankFixture.shell(as: .relationshipManager)
        let session = HeadlessSession(shell, size: TestSize.small)
        let customer = try shell.services.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? ORDER BY customer_id",
                                arguments: [shell.session.profile.staffID])!
        }
        session.press(.character("o"))
        XCTAssertEqual(shell.current.kind, .opportunities, session.screen)
        session.press(.character("n"))
        session.type(customer)
        session.press(.tab, .tab, .tab)
        session.type("5000000")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("线索 1"), session.screen)
        session.press(.character(">"), .character(">"))
        XCTAssertTrue(session.screen.contains("方案 1"), session.screen)
        XCTAssertTrue(session.screen.contains("线索→接洽 100%"), session.screen)
        session.press(.character("X"), .control("s"))
        XCTAssertTrue(session.screen.contains("必填"), "lost needs a reason:\n\(session.screen)")
        session.type("他行利率更低")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("丢失 1"), session.screen)
        XCTAssertTrue(session.screen.contains("丢失原因：他行利率更低"), session.screen)
        assertFills(session.grid)
    }

    func testAVisitWithAPhotoIsRecordedFromTheCustomer360() throws {
        let shell = try TinyBankFixture.shell(as: .relationshipManager)
        let session = HeadlessSession(shell, size: TestSize.large)
        let customer = try shell.services.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? ORDER BY customer_id",
                                arguments: [shell.session.profile.staffID])!
        }
        let photo = NSTemporaryDirectory() + "crm-visit-\(UUID().uuidString).jpg"
        try Data("门头照片".utf8).write(to: URL(fileURLWithPath: photo))
        defer { try? FileManager.default.removeItem(atPath: photo) }
        shell.openCustomer(customer)
        session.press(.character("V"))
        XCTAssertTrue(session.screen.contains("记录拜访"), session.screen)
        session.press(.tab, .tab, .tab)
        session.type("了解代发需求")
        session.press(.tab, .tab, .tab)
        session.type("26.0745")
        session.press(.tab)
        session.type("119.2965")
        session.press(.tab, .tab)
        session.type(photo)
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("拜访已记录，附件 1 个"), session.screen)
        session.press(.escape, .character("V"))
        XCTAssertEqual(shell.current.kind, .visits, session.screen)
        XCTAssertTrue(session.screen.contains("了解代发需求"), session.screen)
        XCTAssertTrue(session.screen.contains("校验通过"), session.screen)
        XCTAssertTrue(session.screen.contains("26.074500, 119.296500"), session.screen)
        assertFills(session.grid)
    }

    func testAReminderIsMarkedDone() throws {
        let shell = try TinyBankFixture.shell(as: .relationshipManager)
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("!"))
        XCTAssertEqual(shell.current.kind, .reminders, session.screen)
        let before = try shell.services.database.writer.read { db in
            try ReminderQuery.due(db, viewer: shell.session.profile, today: shell.services.reminderDay, lead: ReminderLeadDays())
        }
        let first = try XCTUnwrap(before.first, "the demo manager has something coming up")
        XCTAssertTrue(session.screen.contains(first.customerName), session.screen)
        session.press(.character("x"))
        XCTAssertTrue(session.screen.contains("已办"), session.screen)
        let after = try shell.services.database.writer.read { db in
            try ReminderQuery.due(db, viewer: shell.session.profile, today: shell.services.reminderDay, lead: ReminderLeadDays())
        }
        XCTAssertEqual(after.map(\.key), Array(before.dropFirst()).map(\.key))
    }

    func testPrecisionMarketingShowsChurnProspectsAndUsageAndAdoptsAProspect() throws {
        let shell = try TinyBankFixture.shell(as: .branchHead)
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("J"))
        XCTAssertEqual(shell.current.kind, .precision, session.screen)
        let warnings = try shell.services.database.writer.read {
            try ChurnQuery.warnings($0, asOf: shell.services.businessDate!, scope: shell.session.scope)
        }
        if let first = warnings.first { XCTAssertTrue(session.screen.contains(first.customerName), session.screen) }
        session.press(.character("2"))
        XCTAssertTrue(session.screen.contains("资金链潜在客户 1/"), session.screen)
        let first = try XCTUnwrap(try shell.services.database.writer.read { try ProspectQuery.top($0, scope: shell.session.scope, limit: 1) }.first)
        XCTAssertTrue(session.screen.contains(first.name), session.screen)
        XCTAssertTrue(session.screen.contains("百分位"), "the reasons of the selected prospect:\n\(session.screen)")
        session.press(.character("+"))
        XCTAssertTrue(session.screen.contains("转为潜在客户"), session.screen)
        session.press(.enter)
        XCTAssertTrue(session.screen.contains("已转化"), session.screen)
        XCTAssertEqual(try shell.services.database.writer.read { try PotentialCustomerQuery.adopted($0) }.count, 1)
        session.press(.character("3"))
        XCTAssertTrue(session.screen.contains("产品渗透率"), session.screen)
        XCTAssertTrue(session.screen.contains("大中型") || session.screen.contains("小微"), "lines in words:\n\(session.screen)")
        session.press(.character("v"))
        XCTAssertTrue(session.screen.contains("按行业门类"), session.screen)
        session.press(.character("4"))
        XCTAssertTrue(session.screen.contains("资金链交易对手"), session.screen)
        XCTAssertTrue(session.screen.contains("四项资金流（按月）"), session.screen)
        assertFills(session.grid)
    }
}

final class ReportsScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    /// Every report runs from the screen within the user's scope; x exports the shown one as CSV; both are audited.
    func testEveryReportRunsAndOneIsExported() throws {
        let home = NSTemporaryDirectory() + "crm-reports-\(UUID().uuidString)"
        setenv("CRM_EXPORT_DIR", home + "/crm-exports", 1)
        defer {
            unsetenv("CRM_EXPORT_DIR")
            try? FileManager.default.removeItem(atPath: home)
        }
        let shell = try TinyBankFixture.shell(as: .teamLead)
        let session = HeadlessSession(shell, size: TestSize.small)
        session.press(.character("E"))
        XCTAssertEqual(shell.current.kind, .reports, session.screen)
        for (index, report) in ReportRegistry.all.enumerated() {
            if index > 0 { session.press(.down) }
            session.press(.enter)
            XCTAssertTrue(session.screen.contains(report.chineseTitle), "\(report.name):\n\(session.screen)")
            XCTAssertFalse(session.screen.contains("无法") || session.screen.contains("error"), "\(report.name):\n\(session.screen)")
            assertFills(session.grid)
        }
        session.press(.character("x"))
        XCTAssertTrue(session.screen.contains("已导出"), session.screen)
        let files = try FileManager.default.contentsOfDirectory(atPath: home + "/crm-exports")
        XCTAssertEqual(files.count, 1)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: home + "/crm-exports/" + files[0]))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "a byte-order mark, as crm report writes")
        XCTAssertTrue(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("排名,客户号"))
        let actions = try shell.services.database.writer.read { try AuditLog.query($0, action: "export") }.map(\.action)
        XCTAssertEqual(actions, ["export"])
        let looks = try shell.services.database.writer.read { try AuditLog.query($0, action: "report") }
        XCTAssertEqual(looks.count, ReportRegistry.all.count)
    }
}
