import CRMCore
import CRMStore
import GRDB
import TUI
import XCTest
@testable import CRMApp

/// 机构团队管理 (O): an administrator adds a team, is refused a duplicate name in the form, moves a manager into
/// the new team by picking it in the tree, and closes a team into a successor after confirming.
final class OrgTreeScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testAnAdministratorAddsATeamMovesAManagerInAndClosesATeam() throws {
        let shell = try TinyBankFixture.shell(as: .administrator)
        let database = shell.services.database
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("O"))
        XCTAssertEqual(shell.current.kind, .orgTree, session.screen)
        let (subBranch, teams) = try database.writer.read { db -> (OrgTreeNode, [OrgTreeNode]) in
            let tree = try OrgTree.load(db)
            let subBranch = try XCTUnwrap(tree.nodes.values.filter { $0.level == .subBranch }.min { $0.orgID < $1.orgID })
            return (subBranch, tree.children(of: subBranch.orgID))
        }
        XCTAssertEqual(teams.count, 2, "the tiny bank's first sub-branch has two teams")
        XCTAssertTrue(session.screen.contains("总行 · "), session.screen)

        // Head office is open; open its branch and select the sub-branch (the branch's first child).
        session.press(.down, .right, .down)
        XCTAssertTrue(session.screen.contains("\(subBranch.name) \(subBranch.orgID)"), session.screen)
        session.press(.character("n"))
        XCTAssertTrue(session.screen.contains("之下新建（机构号 C00001）"), session.screen)
        session.press(.tab)
        session.type(teams[0].name)
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("同名"), "a duplicate name is refused beside the form:\n\(session.screen)")
        session.press(.escape)
        session.press(.character("n"), .tab)
        session.type("普惠金融团队")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("普惠金融团队 C00001"), session.screen)
        XCTAssertTrue(session.screen.contains("团队 · 0 人 · 客户 0"), session.screen)

        // The new team is selected under its parent. Open the first team; its second member moves to the new one.
        let members = try database.writer.read { try OrgTree.staff(in: teams[0].orgID, $0) }
        let moved = members[1]
        session.press(.up, .up, .right, .down, .down)
        XCTAssertTrue(session.screen.contains(moved.profile.name), session.screen)
        session.press(.character("m"))
        XCTAssertTrue(session.screen.contains("把 \(moved.profile.name) 调到哪个机构？"), session.screen)
        // Past the rest of the first team and the second team to the new one.
        session.press(Array(repeating: Key.down, count: members.count))
        session.press(.enter)
        XCTAssertTrue(session.screen.contains("已调整"), session.screen)
        XCTAssertEqual(try database.writer.read { try OrgTree.staff(in: "C00001", $0) }.map(\.profile.staffID), [moved.profile.staffID])
        XCTAssertTrue(session.screen.contains("团队 · 1 人 · 客户 \(moved.customers)"), session.screen)

        // Close the first team (the new team stays selected after the move): pick the second as successor, then confirm.
        session.press(Array(repeating: Key.up, count: members.count + 1))
        XCTAssertTrue(session.screen.contains("\(teams[0].name) \(teams[0].orgID)"))
        session.press(.character("x"))
        XCTAssertTrue(session.screen.contains("其人员与客户转入哪个机构？"), session.screen)
        session.press(Array(repeating: Key.down, count: members.count) + [.enter])
        XCTAssertTrue(session.screen.contains("转入 \(teams[1].name)"), session.screen)
        session.press(.enter)
        XCTAssertTrue(session.screen.contains("团队 · 已撤销"), session.screen)
        let after = try database.writer.read(OrgTree.load)
        XCTAssertEqual(after.nodes[teams[1].orgID]?.staff, teams[1].staff + members.count - 1)
        assertFills(session.grid)
    }
}
