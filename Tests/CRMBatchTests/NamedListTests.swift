import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// 名单制客户管理 on the tiny bank: a list by rule, a list by import with every kind of bad row reported by line,
/// members and figures within the viewer's scope.
@Suite struct NamedListTests {
    @Test func listsByRuleAndByImportWithRejectsWithinTheScope() throws {
        let scratch = ScratchFolder()
        let database = try AppDatabase.open(path: scratch.path + "/bank.sqlite")
        let day10 = TinyBank.start.adding(days: 9)
        _ = try BatchRunner(database: database).run(source: TinyBank.source, to: day10)
        let log = MutationLog(database: database, clock: .fixed(date: day10.adding(days: 1), hour: 9))
        let (head, rm) = try database.writer.read { db in
            (try StaffDirectory.firstActive(db, role: .branchHead)!, try StaffDirectory.firstActive(db, role: .relationshipManager)!)
        }
        #expect(throws: MutationError.self, "a manager does not make lists") {
            try log.apply(CreateNamedList(id: "x", listName: "实体"), by: rm)
        }
        #expect(throws: MutationError.self, "an unknown field in the rule") {
            try log.apply(CreateNamedList(id: "x", listName: "实体", rule: "size:big"), by: head)
        }
        let section = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT substr(industry_code, 1, 1) FROM base_customer GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1")!
        }
        try log.apply(CreateNamedList(id: "rule", listName: "重点行业", rule: "industry:\(section)"), by: head)
        let expected = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT customer_id FROM base_customer WHERE industry_code LIKE ? || '%' ORDER BY customer_id",
                                arguments: [section])
        }
        let byRule = try database.writer.read { try NamedListQuery.members($0, listID: "rule", scope: DataScope(reach: .everything)) }
        #expect(byRule.map(\.id) == expected)

        // An import: one good row by id, one by USCC, a duplicate, a bad USCC, an unknown customer, an empty row.
        try log.apply(CreateNamedList(id: "import", listName: "平台"), by: head)
        let (first, second, uscc, outsider) = try database.writer.read { db -> (String, String, String, String) in
            let mine = try String.fetchAll(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? ORDER BY customer_id",
                                           arguments: [rm.staffID])
            let uscc = try String.fetchOne(db, sql: "SELECT uscc FROM base_customer WHERE customer_id = ?", arguments: [mine[1]])!
            let other = try String.fetchOne(db, sql: """
                SELECT customer_id FROM base_customer WHERE customer_id NOT IN (SELECT customer_id FROM base_customer_manager WHERE staff_id = ?)
                ORDER BY customer_id
                """, arguments: [rm.staffID])!
            return (mine[0], mine[1], uscc, other)
        }
        let csv = "\u{FEFF}customer_id,uscc,note\n\(first),,a\n,\(uscc),b\n\(first),,again\n,91350100MA2XXXXX12,bad\n\(outsider),,theirs\n,,\n"
        let result = try database.writer.read {
            try NamedListImport.read(Array(csv.utf8), scope: DataScope(profile: rm), $0)
        }
        #expect(result.accepted == [first, second])
        #expect(result.rejected.map(\.line) == [4, 5, 6], "by line: the duplicate, the bad USCC, the customer out of scope")
        #expect(result.rejected[1].reason.contains("统一社会信用代码无效"))
        #expect(throws: MutationError.self, "no id column") {
            try database.writer.read { try NamedListImport.read(Array("name\nx\n".utf8), scope: DataScope(profile: rm), $0) }
        }
        try log.apply(ChangeNamedListMembers(listID: "import", customerIDs: result.accepted, adding: true), by: rm)
        #expect(throws: MutationError.self, "a customer out of scope cannot be added") {
            try log.apply(ChangeNamedListMembers(listID: "import", customerIDs: [outsider], adding: true), by: rm)
        }
        let sets = try database.writer.read { try CustomerSetQuery.sets($0, scope: DataScope(profile: rm), owner: rm.staffID) }
        #expect(sets.first { $0.id == "import" }?.members == 2)
        let view = try database.writer.read { db in
            try CustomerSetQuery.view(db, set: sets.first { $0.id == "import" }!, scope: DataScope(profile: rm), asOf: day10)
        }
        #expect(Set(view.members.map(\.customerID)) == [first, second])
        let otherTeam = try database.writer.read { db in
            try StaffDirectory.active(db).first { $0.role == .relationshipManager && $0.orgID != rm.orgID }!
        }
        #expect(try database.writer.read { try NamedListQuery.members($0, listID: "import", scope: DataScope(profile: otherTeam)) }.isEmpty)
    }
}
