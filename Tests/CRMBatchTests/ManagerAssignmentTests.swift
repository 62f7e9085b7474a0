import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// Reassignments made in the CRM take effect at once for scopes, are dated the next business date, reach that
/// date's history and roll-ups when it loads, and survive a rollback and reload.
@Suite struct ManagerAssignmentTests {
    @Test func aReassignmentIsAppliedReplayedAndKeptThroughARollback() throws {
        let scratch = ScratchFolder()
        let database = try AppDatabase.open(path: scratch.path + "/bank.sqlite")
        let runner = BatchRunner(database: database)
        let day10 = TinyBank.start.adding(days: 9), day11 = day10.adding(days: 1), day12 = day11.adding(days: 1)
        _ = try runner.run(source: TinyBank.source, to: day10)
        let (head, customer, oldManager, newManager) = try database.writer.read { db -> (StaffProfile, String, String, String) in
            let head = try StaffDirectory.firstActive(db, role: .branchHead)!
            let row = try Row.fetchOne(db, sql: """
                SELECT m.customer_id, m.staff_id FROM base_customer_manager m
                WHERE m.customer_id IN (SELECT customer_id FROM base_customer_manager GROUP BY customer_id HAVING COUNT(*) = 1)
                ORDER BY m.customer_id LIMIT 1
                """)!
            let other = try String.fetchOne(db, sql: """
                SELECT staff_id FROM base_staff WHERE position = 'RM' AND status = 'ACTIVE' AND staff_id <> ? ORDER BY staff_id LIMIT 1
                """, arguments: [row[1] as String])!
            return (head, row[0], row[1], other)
        }
        let managers = [ManagerShareDraft(staffID: newManager, role: "MAIN", shareBP: 6_000),
                        ManagerShareDraft(staffID: oldManager, role: "ASSIST", shareBP: 4_000)]
        let log = MutationLog(database: database, clock: .fixed(date: day10.adding(days: 1), hour: 9))
        #expect(throws: MutationError.self, "shares must sum to 100%") {
            try log.apply(AssignManagers(id: "bad", customerID: customer, managers: [ManagerShareDraft(staffID: newManager, role: "MAIN", shareBP: 9_000)]),
                          by: head)
        }
        try log.apply(AssignManagers(id: "a1", customerID: customer, managers: managers), by: head)

        func managerSet() throws -> [String] {
            try database.writer.read {
                try String.fetchAll($0, sql: "SELECT staff_id || ':' || role || ':' || share_bp FROM base_customer_manager WHERE customer_id = ? ORDER BY staff_id",
                                    arguments: [customer])
            }
        }
        let expected = ["\(newManager):MAIN:6000", "\(oldManager):ASSIST:4000"].sorted()
        #expect(try managerSet() == expected, "scopes follow at once")
        let newScope = DataScope(reach: .managedBy(staffID: newManager)).customerCondition("customer_id")
        #expect(try database.writer.read {
            try Bool.fetchOne($0, sql: "SELECT 1 FROM base_customer WHERE customer_id = ? AND \(newScope.sql)", arguments: [customer] + newScope.arguments)
        } == true)

        _ = try runner.run(source: TinyBank.source, to: day11)
        #expect(try managerSet() == expected)
        let history = try database.writer.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM base_customer_manager_history WHERE customer_id = ? AND batch_date = ? AND source_line = 0",
                             arguments: [customer, day11.description])
        }
        #expect(history == 2, "the effective date records the set")
        let weight = try database.writer.read {
            try Int64.fetchOne($0, sql: "SELECT share_bp FROM sum_customer_weight WHERE dimension = 'STAFF' AND member_id = ? AND customer_id = ?",
                               arguments: [newManager, customer])
        }
        #expect(weight == 6_000, "roll-ups credit the new manager from the effective date")

        _ = try runner.run(source: TinyBank.source, from: day11, to: day12)
        #expect(try managerSet() == expected, "a rollback and reload keeps the reassignment")
    }
}
