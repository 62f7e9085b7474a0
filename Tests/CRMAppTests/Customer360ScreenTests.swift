import CRMCore
import CRMStore
import TUI
import XCTest
@testable import CRMApp

final class Customer360ScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    /// The tiny bank's largest depositor, as head office sees it.
    private func largestDepositor(_ shell: AppShell) throws -> String {
        try shell.services.database.writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT customer_id FROM ind_customer_day WHERE biz_date = ? ORDER BY deposit_balance DESC, customer_id LIMIT 1
                """, arguments: [TinyBankFixture.lastDate.description])!
        }
    }

    func testEveryTabFillsTheScreenAtBothSizes() throws {
        for size in [TestSize.small, TestSize.large] {
            let shell = try TinyBankFixture.shell(as: .headOffice)
            let session = HeadlessSession(shell, size: size)
            shell.openCustomer(try largestDepositor(shell))
            session.loop.draw()
            let screen = try XCTUnwrap(shell.current as? Customer360Screen)
            try assertMatchesGolden(session.grid, name: "customer360-overview-\(size.width)x\(size.height)")
            for tab in Customer360Screen.Tab.allCases.dropFirst() {
                session.press(.character("]"))
                XCTAssertEqual(screen.tab, tab)
                assertFills(session.grid)
                XCTAssertFalse(session.screen.contains("无法读取"), "\(tab) failed:\n\(session.screen)")
            }
        }
    }

    func testTabsShowTheCustomersFigures() throws {
        let shell = try TinyBankFixture.shell(as: .headOffice)
        let session = HeadlessSession(shell, size: TestSize.large)
        let id = try largestDepositor(shell)
        shell.openCustomer(id)
        session.loop.draw()
        let screen = try XCTUnwrap(shell.current as? Customer360Screen)
        XCTAssertTrue(session.screen.contains(screen.overview.identity.name))
        XCTAssertTrue(session.screen.contains(Money.chineseShortText(screen.overview.balances.deposit.balance)), session.screen)
        session.press(.character("3"))
        XCTAssertTrue(session.screen.contains("活期存款"), "products by category name:\n\(session.screen)")
        session.press(.character("5"))
        XCTAssertTrue(session.screen.contains("行外来款"), session.screen)
        session.press(.character("7"))
        XCTAssertTrue(session.screen.contains("股东"), session.screen)
        session.press(.down, .right)
        assertFills(session.grid)
        session.press(.character("u"))
        XCTAssertEqual(shell.current.kind, .home, "u goes back from the customer")
    }

    func testOnALaptopTheTabsSayWhatStaysOnTheServer() throws {
        let shell = try TinyBankFixture.shell(as: .headOffice)
        // A replica: the server's rows without the transactions, which stay on the server.
        try shell.services.database.writer.write { db in
            try SyncMeta.set("role", SyncRole.replica.rawValue, db)
            try db.execute(sql: "DELETE FROM base_transaction")
        }
        let session = HeadlessSession(shell, size: TestSize.large)
        shell.openCustomer(try largestDepositor(shell))
        session.loop.draw()
        session.press(.character("3"))
        XCTAssertTrue(session.screen.contains("同业同行业渗透率（本机名下"), session.screen)
        session.press(.character("5"))
        XCTAssertTrue(session.screen.contains("交易明细只保存在服务器上"), session.screen)
        assertFills(session.grid)
    }

    func testTaggingFromThe360View() throws {
        let shell = try TinyBankFixture.shell(as: .headOffice)
        XCTAssertTrue(shell.apply(CreateTagGroup(id: "group-1", groupName: "营销活动")))
        XCTAssertTrue(shell.apply(CreateTag(id: "tag-1", groupID: "group-1", tagName: "开门红目标")))
        let session = HeadlessSession(shell, size: TestSize.large)
        shell.openCustomer(try largestDepositor(shell))
        session.press(.character("t"))
        XCTAssertEqual(shell.current.kind, .customerTags)
        XCTAssertTrue(session.screen.contains("[ ] 营销活动 / 开门红目标"), session.screen)
        session.press(.character(" "))
        XCTAssertTrue(session.screen.contains("[x] 营销活动 / 开门红目标"), session.screen)
        session.press(.escape)
        XCTAssertEqual(shell.current.kind, .customer)
        XCTAssertTrue(session.screen.contains("开门红目标"), "the overview lists the new tag:\n\(session.screen)")
        session.press(.character("T"))
        XCTAssertEqual(shell.current.kind, .tags)
        XCTAssertTrue(session.screen.contains("开门红目标"), session.screen)
    }

    func testAddingACustomerToANewGroupAndOpeningTheGroup() throws {
        let shell = try TinyBankFixture.shell(as: .headOffice)
        let session = HeadlessSession(shell, size: TestSize.large)
        let id = try largestDepositor(shell)
        shell.openCustomer(id)
        let name = try XCTUnwrap(shell.current as? Customer360Screen).overview.identity.name
        session.press(.character("+"), .tab)
        session.type("资金回流客户群")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("已加入客户群"), session.screen)
        session.press(.character("G"))
        XCTAssertTrue(session.screen.contains("客户群  资金回流客户群"), session.screen)
        session.press(.enter)
        let set = try XCTUnwrap(shell.current as? CustomerSetScreen)
        XCTAssertEqual(set.view.members.map(\.customerID), [id])
        XCTAssertTrue(session.screen.contains(name), session.screen)
        assertFills(session.grid)
    }

    func testAManagerCannotOpenAnotherTeamsCustomer() throws {
        let shell = try TinyBankFixture.shell(as: .relationshipManager)
        let session = HeadlessSession(shell, size: TestSize.large)
        let staffID = shell.session.profile.staffID
        let outsider = try shell.services.database.writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT customer_id FROM base_customer
                WHERE customer_id NOT IN (SELECT customer_id FROM base_customer_manager WHERE staff_id = ?) ORDER BY customer_id LIMIT 1
                """, arguments: [staffID])!
        }
        shell.openCustomer(outsider)
        session.loop.draw()
        XCTAssertEqual(shell.current.kind, .home)
        XCTAssertTrue(session.screen.contains("no customer '\(outsider)'"), session.screen)
    }
}

final class AssignmentFormTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testABranchHeadReassignsAndTheOverviewShowsTheNewManagers() throws {
        let shell = try TinyBankFixture.shell(as: .branchHead)
        let session = HeadlessSession(shell, size: TestSize.large)
        let customer = try shell.services.database.writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT customer_id FROM base_customer_manager GROUP BY customer_id HAVING COUNT(*) = 1 ORDER BY customer_id LIMIT 1
                """)!
        }
        shell.openCustomer(customer)
        session.press(.character("A"))
        XCTAssertTrue(session.screen.contains("营销关系分配"), session.screen)
        session.press(.tab, .right, .tab)
        session.type("30")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("营销关系已调整"), session.screen)
        let screen = try XCTUnwrap(shell.current as? Customer360Screen)
        XCTAssertEqual(screen.overview.managers.map(\.shareBP), [7_000, 3_000])
        XCTAssertTrue(session.screen.contains("协办客户经理"), session.screen)
    }

    func testARelationshipManagerIsToldWhoMayReassign() throws {
        let shell = try TinyBankFixture.shell(as: .relationshipManager)
        let session = HeadlessSession(shell, size: TestSize.large)
        let customer = try shell.services.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? LIMIT 1",
                                arguments: [shell.session.profile.staffID])!
        }
        shell.openCustomer(customer)
        session.press(.character("A"))
        XCTAssertTrue(session.screen.contains("缺少权限：ui.assignManagers"), "the missing permission is named:\n\(session.screen)")
    }
}
