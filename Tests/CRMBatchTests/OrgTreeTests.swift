import CRMCore
import CRMStore
import GRDB
import Testing
@testable import CRMBatch

/// 机构团队管理: administrators create, rename, move and close org nodes and move staff; scopes and the
/// batch's roll-ups follow, and the batch keeps each change when it loads the change's date.
@Suite struct OrgTreeTests {
    @Test func changesToTheTreeApplyAtOnceAndSurviveTheNextLoad() throws {
        let scratch = ScratchFolder()
        let database = try AppDatabase.open(path: scratch.path + "/bank.sqlite")
        let runner = BatchRunner(database: database)
        let day10 = TinyBank.start.adding(days: 9), day11 = day10.adding(days: 1)
        _ = try runner.run(source: TinyBank.source, to: day10)
        let log = MutationLog(database: database, clock: .fixed(date: day11, hour: 9))
        let (admin, head, manager, team, subBranch) = try database.writer.read { db in
            let manager = try String.fetchOne(db, sql: """
                SELECT s.staff_id FROM base_staff s JOIN base_customer_manager m ON m.staff_id = s.staff_id AND m.role = 'MAIN'
                WHERE s.position = 'RM' AND s.status = 'ACTIVE' GROUP BY s.staff_id ORDER BY s.staff_id LIMIT 1
                """)!
            let team = try String.fetchOne(db, sql: "SELECT org_id FROM base_staff WHERE staff_id = ?", arguments: [manager])!
            let subBranch = try String.fetchOne(db, sql: "SELECT parent_id FROM base_org WHERE org_id = ?", arguments: [team])!
            return (try StaffDirectory.firstActive(db, role: .administrator)!, try StaffDirectory.firstActive(db, role: .branchHead)!,
                    manager, team, subBranch)
        }
        func tree() throws -> OrgTree { try database.writer.read(OrgTree.load) }
        func refusal(_ change: OrgChange, by actor: StaffProfile? = nil) -> String {
            do {
                try log.apply(OrgTreeMutation(id: MutationID.make(), change: change), by: actor ?? admin)
                return "accepted"
            } catch {
                return String(describing: error)
            }
        }
        let newTeam = try database.writer.read(OrgTree.nextCreatedID)
        #expect(newTeam == "C00001")

        // Refusals, each naming what is wrong.
        #expect(refusal(OrgChange(kind: .create, targetID: newTeam, name: "公司业务三部", parentID: subBranch, level: .team), by: head)
            .contains("只有系统管理员"))
        #expect(refusal(OrgChange(kind: .create, targetID: newTeam, name: "公司业务三部", parentID: team, level: .team))
            .contains("团队不能设在团队之下"))
        #expect(refusal(OrgChange(kind: .create, targetID: newTeam, name: "  ", parentID: subBranch, level: .team)).contains("不能为空"))
        #expect(refusal(OrgChange(kind: .create, targetID: newTeam, name: "三部\u{1B}[2J", parentID: subBranch, level: .team))
            .contains("控制字符"))
        let sibling = try #require(try tree().nodes[team]?.name)
        #expect(refusal(OrgChange(kind: .create, targetID: newTeam, name: sibling, parentID: subBranch, level: .team)).contains("同名"))

        // Create, then move the manager in: their customers go with them.
        #expect(refusal(OrgChange(kind: .create, targetID: newTeam, name: " 公司业务三部 ", parentID: subBranch, level: .team)) == "accepted")
        #expect(try tree().nodes[newTeam]?.name == "公司业务三部", "the name is trimmed")
        #expect(refusal(OrgChange(kind: .staffMove, targetID: manager, parentID: subBranch)).contains("客户经理不能在支行任职"))
        #expect(refusal(OrgChange(kind: .staffMove, targetID: manager, parentID: newTeam)) == "accepted")
        let customers = try database.writer.read { db -> (Int, Int) in
            let scope = DataScope(reach: .orgSubtree(orgID: newTeam)).customerCondition("customer_id")
            let inNewTeam = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM base_customer WHERE \(scope.sql)", arguments: scope.arguments)!
            let managed = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT customer_id) FROM base_customer_manager WHERE staff_id = ?",
                                           arguments: [manager])!
            return (inNewTeam, managed)
        }
        #expect(customers.0 > 0 && customers.0 == customers.1, "the new team's scope is the moved manager's book")
        #expect(try tree().nodes[newTeam]?.staff == 1)

        // Rename and move; a node cannot go under itself.
        let injection = "x'); DROP TABLE base_org; --"
        #expect(refusal(OrgChange(kind: .rename, targetID: team, name: injection)) == "accepted")
        #expect(try tree().nodes[team]?.name == injection, "stored as typed")
        #expect(refusal(OrgChange(kind: .rename, targetID: team, name: "公司业务一部（旧）")) == "accepted")
        #expect(refusal(OrgChange(kind: .move, targetID: subBranch, parentID: newTeam)).contains("不能移到自身或其下级之下"))
        let otherParent = try #require(try tree().nodes.values.filter { $0.level > .headOffice && $0.level < .team && $0.orgID != subBranch }
            .map(\.orgID).sorted().first)
        #expect(refusal(OrgChange(kind: .move, targetID: newTeam, parentID: otherParent)) == "accepted")
        #expect(try tree().isWithin(newTeam, otherParent))

        // Close: not while it has staff and no successor, not while it has open children.
        let people = try database.writer.read { try OrgTree.staff(in: team, $0).filter(\.isActive).count }
        if people > 0 {
            #expect(refusal(OrgChange(kind: .close, targetID: team)).contains("请选择承接机构"))
        }
        #expect(refusal(OrgChange(kind: .close, targetID: subBranch, successorID: otherParent)).contains("请先移走或撤销下级机构"))
        #expect(refusal(OrgChange(kind: .close, targetID: team, successorID: newTeam)) == "accepted")
        let closed = try tree()
        #expect(closed.nodes[team]?.isActive == false && closed.nodes[team]?.staff == 0)
        #expect(closed.nodes[newTeam]?.staff == people + 1, "the closed team's people joined the successor")
        #expect(refusal(OrgChange(kind: .staffMove, targetID: manager, parentID: team)).contains("已撤销"))

        // The next business date keeps every change and rolls figures up the new tree.
        _ = try runner.run(source: TinyBank.source, to: day11)
        let after = try tree()
        #expect(after.nodes[team]?.name == "公司业务一部（旧）" && after.nodes[team]?.isActive == false)
        #expect(after.nodes[newTeam]?.parentID == otherParent)
        let rolledUp = try database.writer.read {
            try Int.fetchOne($0, sql: "SELECT customers FROM ind_rollup_day WHERE biz_date = ? AND dimension = 'ORG' AND member_id = ?",
                             arguments: [day11.description, newTeam])
        }
        #expect(rolledUp == after.nodes[newTeam]?.customers, "the day's roll-up counts the new team's customers")
        let audited = try database.writer.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sys_audit WHERE action LIKE 'mutation.org.%' OR action = 'mutation.staff.move'")
        }
        #expect(audited == 6)
    }
}
