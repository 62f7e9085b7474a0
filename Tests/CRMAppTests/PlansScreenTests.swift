import CRMCore
import CRMStore
import GRDB
import TUI
import XCTest
@testable import CRMApp

/// 经营计划 driven by keys on the tiny bank: head office issues a year's deposit-average plan and splits it; the
/// branch head splits the branch's target by hand, leaving a gap the tree flags, and must give a reason to split
/// again; the cockpit shows the plan at its node; a manager may look but not issue.
final class PlansScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testHeadOfficeIssuesTheBranchSplitsByHandAndTheGapIsFlagged() throws {
        let shell = try TinyBankFixture.shell(as: .headOffice)
        let database = shell.services.database
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("P"))
        XCTAssertEqual(shell.current.kind, .plans, session.screen)
        XCTAssertTrue(session.screen.contains("还没有经营计划"), session.screen)

        // Indicators are listed built-in first by code: CUSTOMERS, DEP_AVG_M, DEP_AVG_Q, DEP_AVG_Y.
        session.press(.character("n"), .right, .right, .right, .tab, .tab)
        session.type("600000000")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("已下达"), session.screen)
        XCTAssertTrue(session.screen.contains("存款年日均 2025 (1/1) · 截至 \(TinyBankFixture.lastDate)"), session.screen)
        XCTAssertTrue(session.screen.contains("目标 6.00亿（下达，第 1 版）"), session.screen)
        XCTAssertTrue(session.screen.contains("每日需 "), "a year's average: the balance needed each remaining day\n\(session.screen)")
        session.press(.character("A"), .control("s"))
        XCTAssertTrue(session.screen.contains("已分解到 1 个下级"), session.screen)
        XCTAssertTrue(session.screen.contains("下级合计 6.00亿，与本级一致"), session.screen)
        assertFills(session.grid)

        let branchHead = try XCTUnwrap(try database.writer.read { try StaffDirectory.firstActive($0, role: .branchHead) })
        shell.signIn(branchHead, byPassword: false)
        session.press(.character("P"))
        XCTAssertTrue(session.screen.contains(branchHead.orgName), "the branch head's tree starts at their branch\n\(session.screen)")
        XCTAssertFalse(session.screen.contains("锦程银行总行 "), session.screen)
        // By hand: the method's third choice, then the one sub-branch below gets 5亿 of the 6亿.
        session.press(.character("A"), .right, .right, .tab, .tab)
        session.press(Array(repeating: Key.backspace, count: 12))
        session.type("500000000")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("已分解到 1 个下级"), session.screen)
        XCTAssertTrue(session.screen.contains("下级差 1.00亿"), "the gap is flagged in the tree\n\(session.screen)")
        XCTAssertTrue(session.screen.contains("下级合计 5.00亿，差 1.00亿"), session.screen)
        session.press(.character("A"), .control("s"))
        XCTAssertTrue(session.screen.contains("须说明原因"), "split again: a revision needs its reason\n\(session.screen)")
        session.press(.tab)
        session.type("按网点调整")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("下级合计 6.00亿，与本级一致"), session.screen)

        let planID = try XCTUnwrap(try database.writer.read(PlanTree.plans).first?.id)
        let tree = try XCTUnwrap(try database.writer.read { try PlanTree.load($0, planID: planID, for: nil) })
        let revisions = try database.writer.read { try tree.revisions($0) }
        XCTAssertEqual(revisions.map(\.method), [.issued, .equal, .manual, .equal])
        XCTAssertEqual(revisions.last?.reason, "按网点调整")
        XCTAssertEqual(revisions.last?.changedBy, branchHead.staffID)

        session.press(.escape, .character("d"))
        XCTAssertTrue(session.screen.contains("经营计划 存款年日均 2025"), "the cockpit shows the plan at its node\n\(session.screen)")
        assertFills(session.grid)

        let manager = try XCTUnwrap(try database.writer.read { try StaffDirectory.firstActive($0, role: .relationshipManager) })
        shell.signIn(manager, byPassword: false)
        session.resize(TestSize.small)
        session.press(.character("P"))
        XCTAssertTrue(session.screen.contains("本计划尚未分解到您所在的节点"), session.screen)
        session.press(.character("n"))
        XCTAssertTrue(session.screen.contains("缺少权限：ui.issuePlan"), session.screen)
        assertFills(session.grid)
    }
}
