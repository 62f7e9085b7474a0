import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

@Suite struct FundFlowTests {
    static let header = "txn_id,account_no,txn_time,direction,amount,counterparty_name,counterparty_account,counterparty_bank_code,channel,purpose,kind,reversal_of\n"

    /// C1 pays an out-of-bank supplier in three months, trades with C2 in-bank, moves money to its own name,
    /// and has interest, a loan draw, and a payment that is reversed two days later.
    static func load(until loadUntil: BusinessDate?) throws -> (AppDatabase, ScratchFolder) {
        let scratch = ScratchFolder()
        let source = SourceWriter(root: scratch.path)
        var first = FixtureBank.dimensions
        first["balances.csv"] = "account_no,balance\nA1,50000000.00\nA2,50000000.00\nA3,20000000.00\n"
        first["transactions.csv"] = header + """
            T0101,A1,2025-01-10 10:00:00,D,300000.00,深圳华达电子（科技）有限公司,6222000011112222,102584000016,EBANK,材料款,NORMAL,
            T0102,A1,2025-01-10 11:00:00,C,200000.00,厦门海峡物流有限公司,A2,\(FixtureBank.branchBankCode),EBANK,货款,NORMAL,
            T0103,A2,2025-01-10 11:00:00,D,200000.00,福州鑫源鞋业有限公司,A1,\(FixtureBank.branchBankCode),EBANK,货款,NORMAL,
            T0104,A1,2025-01-10 12:00:00,D,1500000.00,福州鑫源鞋业有限公司,9558001234567890,104391000123,EBANK,资金归集,NORMAL,
            T0105,A1,2025-01-10 13:00:00,C,88.00,,,,BATCH,结息,INTEREST,
            T0106,A1,2025-01-10 14:00:00,C,2000000.00,福州鑫源鞋业有限公司,A9L,,COUNTER,贷款发放,LOAN_DRAW,
            T0107,A1,2025-01-10 15:00:00,D,1200000.00,泉州刺桐贸易有限公司,6217001111,105397000019,EBANK,货款,NORMAL,
            T0108,A3,2025-01-10 15:00:00,D,1100000.00,泉州刺桐贸易有限公司,6217001111,105397000019,EBANK,货款,NORMAL,

            """
        source.write("2025-01-10", text: first)
        source.write("2025-01-12", text: ["transactions.csv": header + """
            T0301,A1,2025-01-12 09:00:00,C,1200000.00,泉州刺桐贸易有限公司,6217001111,105397000019,COUNTER,冲正,REVERSAL,T0107
            T0302,A3,2025-01-12 09:00:00,C,1100000.00,泉州刺桐贸易有限公司,6217001111,105397000019,COUNTER,冲正,REVERSAL,T0108

            """])
        source.write("2025-02-10", text: ["transactions.csv": header + """
            T0201,A1,2025-02-10 10:00:00,D,300000.00,深圳华达电子(科技)有限公司,6222000011112222,102584000016,EBANK,采购款,NORMAL,

            """])
        source.write("2025-03-10", text: ["transactions.csv": header + """
            T0301X,A1,2025-03-10 10:00:00,D,300000.00,深圳华达电子（科技） 有限公司,6222000011112222,102584000016,EBANK,货款,NORMAL,
            T0302X,A1,2025-03-10 10:30:00,D,50000.00,国家金库福州中心支库,,011391000011,EBANK,增值税税款,NORMAL,

            """])
        source.fillDays(from: "2025-01-10", to: "2025-03-31")
        let db = try FixtureBank.open()
        _ = try FixtureBank.load(db, scratch.path, to: loadUntil)
        return (db, scratch)
    }

    static func load() throws -> (AppDatabase, ScratchFolder) { try load(until: nil) }

    @Test func fourTotalsLeaveOutSameNameInterestLoansAndReversals() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        let flow = try db.writer.read {
            try FundFlowQuery.customer($0, id: "C1", from: BusinessDate("2025-01-01")!, to: BusinessDate("2025-03-31")!)
        }
        #expect(flow.inBankIn == 200_000_00)
        #expect(flow.outBankIn == 0)
        #expect(flow.inBankOut == 0)
        #expect(flow.outBankOut == 950_000_00)
        #expect(flow.sameNameOut == 1_500_000_00)
        #expect(flow.sameNameIn == 0)
    }

    @Test func counterpartiesAreGroupedByNormalisedNameWithRoles() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        let flow = try db.writer.read {
            try FundFlowQuery.customer($0, id: "C1", from: BusinessDate("2025-01-01")!, to: BusinessDate("2025-03-31")!)
        }
        let supplier = try #require(flow.counterparties.first)
        #expect(supplier.name.hasPrefix("深圳华达电子"))
        #expect(supplier.outflow == 900_000_00)
        #expect(supplier.monthsActive == 3)
        #expect(supplier.role == .upstream)
        #expect(!supplier.inBank)
        let buyer = try #require(flow.counterparties.first { $0.name == "厦门海峡物流有限公司" })
        #expect(buyer.inBank && buyer.inflow == 200_000_00 && buyer.role == nil)
        let tax = try #require(flow.counterparties.first { $0.name == "国家金库福州中心支库" })
        #expect(tax.role == nil)
        #expect(!flow.counterparties.contains { $0.name == "泉州刺桐贸易有限公司" })
        // Only two months in the window: no longer a supplier by the 3-month rule.
        let short = try db.writer.read {
            try FundFlowQuery.customer($0, id: "C1", from: BusinessDate("2025-01-01")!, to: BusinessDate("2025-02-28")!)
        }
        #expect(short.counterparties.first?.role == nil)
    }

    @Test func aReversalCancelsTheAlertOfTheTransactionItReverses() throws {
        let (db, scratch) = try Self.load(until: BusinessDate("2025-01-11")!)
        let tenth = BusinessDate("2025-01-10")!
        let before = try db.writer.read { try AlertQuery.raised($0, on: tenth) }
        #expect(before.filter { $0.rule == "A" }.map(\.customerID) == ["C1", "C3"])
        let flowBefore = try db.writer.read { try FundFlowQuery.customer($0, id: "C1", from: tenth, to: tenth) }
        #expect(flowBefore.outBankOut == 1_500_000_00)
        _ = try FixtureBank.load(db, scratch.path)
        let after = try db.writer.read { try AlertQuery.raised($0, on: tenth) }
        // C3's only large payment was reversed: its alert is gone. C1 keeps the loan draw, its largest remaining.
        #expect(after.filter { $0.rule == "A" }.map(\.customerID) == ["C1"])
        #expect(after.first { $0.rule == "A" }?.amount == 2_000_000_00)
        let flowAfter = try db.writer.read { try FundFlowQuery.customer($0, id: "C1", from: tenth, to: tenth) }
        #expect(flowAfter.outBankOut == 300_000_00)
    }
}

@Suite struct ScopeFundFlowTests {
    /// A scope's fund chain adds up its customers' months, and counts each counterparty's customers in scope.
    @Test func aTeamsFundChainAddsUpItsCustomers() throws {
        let scratch = ScratchFolder()
        let database = try AppDatabase.open(path: scratch.path + "/bank.sqlite")
        let day = TinyBank.start.adding(days: 40)
        _ = try BatchRunner(database: database).run(source: TinyBank.source, to: day)
        let lead = try database.writer.read { try StaffDirectory.firstActive($0, role: .teamLead)! }
        let scope = DataScope(profile: lead)
        let trend = try database.writer.read { try ScopeFundFlowQuery.trend($0, scope: scope, through: day) }
        #expect(trend.count == 12 && trend.last?.month == day.monthKey && trend.first?.month == "2024-03")
        let condition = scope.customerCondition("customer_id")
        let expected = try database.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT SUM(out_bank_out) FROM app_fundflow_month WHERE month = ? AND \(condition.sql)",
                               arguments: [day.monthKey] + condition.arguments) ?? 0
        }
        #expect(trend.last?.outBankOut == expected && expected > 0)
        let whole = try database.writer.read { try ScopeFundFlowQuery.trend($0, scope: DataScope(reach: .everything), through: day) }
        #expect(whole.last!.outBankOut > expected, "the bank is more than one team")
        let parties = try database.writer.read { try ScopeFundFlowQuery.counterparties($0, scope: scope, through: day, limit: 20) }
        #expect(!parties.isEmpty)
        #expect(zip(parties, parties.dropFirst()).allSatisfy { $0.inflow + $0.outflow >= $1.inflow + $1.outflow }, "largest first")
        let top = parties[0]
        let customers = try database.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT customer_id) FROM app_counterparty_month WHERE counterparty_name = ? AND month <= ? AND \(condition.sql)
                """, arguments: [top.name, day.monthKey] + condition.arguments)
        }
        #expect(top.customers == customers)
    }
}
