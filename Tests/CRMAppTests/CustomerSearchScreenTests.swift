@testable import CRMApp
import CRMCore
import CRMStore
import GRDB
import TUI
import XCTest

final class CustomerSearchScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    /// A customer of the tiny bank whose pinyin initials begin no other customer's initials, with those initials.
    private func customerWithUniqueInitials() throws -> (id: String, name: String, initials: String) {
        let names = try AppDatabase.open(path: TinyBankFixture.path).writer.read {
            try Row.fetchAll($0, sql: "SELECT customer_id, name FROM base_customer ORDER BY customer_id")
        }.map { (id: $0[0] as String, name: $0[1] as String, initials: Pinyin.initials($0[1])) }
        let unique = names.first { candidate in
            !names.contains { $0.id != candidate.id && $0.initials.hasPrefix(candidate.initials) }
        }
        return try XCTUnwrap(unique)
    }

    func testPinyinInitialsFindACustomerFirstAndEnterOpensIt() throws {
        let customer = try customerWithUniqueInitials()
        let session = HeadlessSession(try TinyBankFixture.shell(as: .headOffice), size: TestSize.large)
        session.press(.character("f"))
        XCTAssertEqual(session.shell.current.kind, .customerSearch)
        session.type(customer.initials)
        let firstRow = session.screen.split(separator: "\n")[5]
        XCTAssertTrue(firstRow.contains(customer.name), "\(customer) first in\n\(session.screen)")
        assertFills(session.grid)
        session.press(.enter)
        XCTAssertEqual(session.shell.current.kind, .customer, session.screen)
        XCTAssertTrue(session.screen.contains(customer.name), session.screen)
        session.press(.escape)
        XCTAssertEqual(session.shell.current.kind, .customerSearch)
        XCTAssertTrue(session.screen.contains("查找 " + customer.initials), "the field keeps what was typed\n\(session.screen)")
    }

    func testChineseTypedCharacterByCharacterNarrowsTheList() throws {
        let customer = try customerWithUniqueInitials()
        let session = HeadlessSession(try TinyBankFixture.shell(as: .headOffice), size: TestSize.large)
        session.press(.character("f"))
        session.type(String(customer.name.prefix(4)))
        XCTAssertTrue(session.screen.contains("查找 " + customer.name.prefix(4)), session.screen)
        XCTAssertTrue(session.screen.contains(customer.name), session.screen)
        // Backspace takes one character back and the list follows.
        session.press(.backspace)
        XCTAssertTrue(session.screen.contains("查找 " + customer.name.prefix(3) + " "), session.screen)
    }

    func testFiltersCycleWithTabAndArrowsAndSortMarksItsColumn() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .headOffice), size: TestSize.large)
        session.press(.character("f"))
        session.press(.tab, .right)
        XCTAssertTrue(session.screen.contains("分层 ◂战略▸"), session.screen)
        session.press(.right, .right)
        XCTAssertTrue(session.screen.contains("分层 ◂一般▸"), session.screen)
        XCTAssertFalse(session.screen.contains("潜在"), "only general customers are listed\n\(session.screen)")
        session.press(.character("s"))
        XCTAssertTrue(session.screen.contains("客户名称▲"), session.screen)
        session.press(.character("S"))
        XCTAssertTrue(session.screen.contains("客户名称▼"), session.screen)
    }

    func testMarkedResultsAreTaggedTogetherAndTheTagFiltersTheList() throws {
        let shell = try TinyBankFixture.shell(as: .headOffice)
        XCTAssertTrue(shell.apply(CreateTagGroup(id: "g", groupName: "活动")))
        XCTAssertTrue(shell.apply(CreateTag(id: "t", groupID: "g", tagName: "重点营销")))
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("f"))
        let screen = try XCTUnwrap(shell.current as? CustomerSearchScreen)
        session.press(.backTab)
        session.press(.character(" "), .character(" "), .character(" "))
        XCTAssertEqual(screen.marked.count, 3, session.screen)
        session.press(.character("t"))
        XCTAssertTrue(session.screen.contains("打标签：3 户客户"), session.screen)
        session.press(.down, .down, .down, .down, .down, .character(" "))
        XCTAssertTrue(session.screen.contains("[x] 活动 / 重点营销"), session.screen)
        session.press(.escape)
        let tagged = try shell.services.database.writer.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM work_customer_tag WHERE tag_id = 't'")
        }
        XCTAssertEqual(tagged, 3)
        session.press(.backTab)
        for _ in 0...RuleTag.allCases.count { session.press(.right) }
        XCTAssertTrue(session.screen.contains("标签 ◂活动/重点营销▸"), session.screen)
        XCTAssertTrue(session.screen.contains("1/3"), "three customers carry the tag:\n\(session.screen)")
    }

    func testGoldenScreens() throws {
        for size in [TestSize.small, TestSize.large] {
            let session = HeadlessSession(try TinyBankFixture.shell(as: .teamLead), size: size)
            session.press(.character("f"))
            session.type("有限")
            assertFills(session.grid)
            try assertMatchesGolden(session.grid, name: "customer-search-lead-\(size.width)x\(size.height)")
        }
    }

    /// The first frame comes before the customers are read; the loop's first idle turn reads them, and a key
    /// that comes first reads them at once.
    func testTheFirstFrameComesBeforeTheCustomersAreRead() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .teamLead), size: TestSize.large)
        session.press(.character("f"))
        XCTAssertTrue(session.screen.contains("正在读取客户"), session.screen)
        _ = session.loop.step(timeoutMilliseconds: 0)
        XCTAssertFalse(session.screen.contains("正在读取客户"), session.screen)
        XCTAssertFalse(session.screen.contains("没有找到客户"), "the team's customers are listed:\n\(session.screen)")
        session.press(.escape, .character("f"), .character("福"))
        XCTAssertFalse(session.screen.contains("正在读取客户"), "a key reads them first:\n\(session.screen)")
    }
}
