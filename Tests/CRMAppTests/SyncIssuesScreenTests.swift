import CRMCore
import CRMStore
import CRMSync
import TUI
import XCTest
@testable import CRMApp

/// 同步问题: the refused change listed with its Chinese name, time and reason, the data as entered beside it;
/// x and Enter dismiss it and the status bar stops counting it.
final class SyncIssuesScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testListsTheRefusedChangeWithItsDataAt80x24() throws {
        let (shell, replica) = try ReplicaFixture.shell()
        try ReplicaFixture.publishTwoAndRefuseOne(shell, replica)
        let session = HeadlessSession(shell, size: TestSize.small)
        session.press(.character("I"))
        XCTAssertEqual(shell.current.kind, .syncIssues, session.screen)
        XCTAssertTrue(session.screen.contains("发布公告"), session.screen)
        XCTAssertTrue(session.screen.contains("无权向该机构发布公告"), session.screen)
        XCTAssertTrue(session.screen.contains("\"title\": \"季度营销启动会\""), session.screen)
        assertFills(session.grid)
        try assertMatchesGolden(session.grid, name: "sync-issues-80x24")
    }

    func testListsTheRefusedChangeAt120x40() throws {
        let (shell, replica) = try ReplicaFixture.shell()
        try ReplicaFixture.publishTwoAndRefuseOne(shell, replica)
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("I"))
        assertFills(session.grid)
        try assertMatchesGolden(session.grid, name: "sync-issues-120x40")
        session.press(.character("L"))
        XCTAssertTrue(session.screen.contains("Publish announcement"), session.screen)
        XCTAssertTrue(session.screen.contains("Your data (x dismisses the issue)"), session.screen)
        assertFills(session.grid)
    }

    func testDismissRemovesTheIssueAndItsCount() throws {
        let (shell, replica) = try ReplicaFixture.shell()
        try ReplicaFixture.publishTwoAndRefuseOne(shell, replica)
        let session = HeadlessSession(shell, size: TestSize.small)
        session.press(.character("I"))
        XCTAssertTrue(session.screen.contains("同步问题 1"), session.screen)
        session.press(.character("x"))
        XCTAssertTrue(session.screen.contains("不再显示这条被拒绝的修改"), session.screen)
        session.press(.enter)
        XCTAssertTrue(session.screen.contains("没有同步问题"), session.screen)
        XCTAssertFalse(session.screen.contains("同步问题 1"), session.screen)
        XCTAssertEqual(try replica.openIssues(), [])
        assertFills(session.grid)
    }

    func testEveryRoleMayOpenIt() {
        for role in AccessRole.allCases {
            XCTAssertTrue(RolePermissions.defaults(role).contains("ui.syncIssues"), "\(role)")
            XCTAssertTrue(RolePermissions.defaults(role).contains("ui.dismissIssue"), "\(role)")
        }
    }
}
