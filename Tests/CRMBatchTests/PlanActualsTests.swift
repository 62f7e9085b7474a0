import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// The plan measures that do not come straight from a roll-up row, on the tiny bank loaded through 1 March:
/// new customers, fee income and 新增存贷比, each against a sum worked out here from the base and indicator tables.
@Suite struct PlanActualsTests {
    @Test func newCustomersFeeIncomeAndTheIncrementalRatioAddUpFromTheBaseTables() throws {
        let scratch = ScratchFolder()
        let database = try AppDatabase.open(path: scratch.path + "/bank.sqlite")
        let last = TinyBank.start.adding(days: GeneratorScale.tiny.defaultDays - 1)
        _ = try BatchRunner(database: database).run(source: TinyBank.source, to: last)
        let quarter = PlanPeriod(.quarter, containing: last)
        try database.writer.read { db in
            let root = try #require(try String.fetchOne(db, sql: "SELECT org_id FROM base_org WHERE parent_id IS NULL"))
            let staff = try String.fetchAll(db, sql: "SELECT DISTINCT staff_id FROM base_customer_manager ORDER BY 1")
            func measure(_ measure: KPIMeasure, _ kind: PlanNodeKind, _ ids: [String]) throws -> [String: Int64?] {
                try KPIActuals.values(db, measure, kind: kind, ids: ids, period: quarter, on: last).mapValues(\.value)
            }

            // New customers: first received after the first loaded date, counted at their main manager.
            var newCustomers: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT m.staff_id FROM base_customer c JOIN base_customer_manager m ON m.customer_id = c.customer_id AND m.role = 'MAIN'
                WHERE c.first_batch_date > ?
                """, arguments: [TinyBank.start.description]) {
                newCustomers[row[0], default: 0] += 1
            }
            #expect(newCustomers.values.reduce(0, +) > 0, "the generator adds customers after the first day")
            #expect(try measure(.newCustomers, .staff, staff) == staff.reduce(into: [:]) { $0[$1] = newCustomers[$1] ?? 0 })
            #expect(try measure(.newCustomers, .org, [root]) == [root: newCustomers.values.reduce(0, +)])

            // Fee income: each manager's share of each customer's months in the quarter, rounded per customer.
            var fees: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT m.staff_id, m.share_bp, SUM(p.fee_income) FROM base_customer_manager m JOIN base_profit p ON p.customer_id = m.customer_id
                WHERE p.month BETWEEN ? AND ? GROUP BY m.staff_id, m.customer_id
                """, arguments: [quarter.start.monthKey, last.monthKey]) {
                fees[row[0], default: 0] += Money.divideRounded((row[2] as Int64) * (row[1] as Int64), by: 10_000)
            }
            #expect(try measure(.feeIncome, .staff, staff) == staff.reduce(into: [:]) { $0[$1] = fees[$1] ?? 0 })
            let bankFees = try Int64.fetchOne(db, sql: "SELECT SUM(fee_income) FROM base_profit WHERE month BETWEEN ? AND ?",
                                              arguments: [quarter.start.monthKey, last.monthKey])
            #expect(try measure(.feeIncome, .org, [root]) == [root: bankFees], "the bank counts every customer whole")

            // 新增存贷比: loans and deposits grown since the first loaded date (the data begins within the year).
            let sums = { (date: BusinessDate) in
                try Row.fetchOne(db, sql: "SELECT SUM(deposit_balance), SUM(loan_balance) FROM ind_customer_day WHERE biz_date = ?",
                                 arguments: [date.description])!
            }
            let start = try sums(TinyBank.start), end = try sums(last)
            let depositGrowth = (end[0] as Int64) - (start[0] as Int64), loanGrowth = (end[1] as Int64) - (start[1] as Int64)
            let expected = depositGrowth > 0 ? PlanPace.basisPoints(loanGrowth, of: depositGrowth) : nil
            #expect(try measure(.incrementalLoanToDeposit, .org, [root]) == [root: expected])
        }
    }
}
