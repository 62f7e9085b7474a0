import CRMCore
import CRMStore
import GRDB
import Testing
@testable import CRMBatch

/// 贷款变动提醒 on a hand-made bank: a drawdown and a repayment from the day's transactions, a classification
/// change and an early settlement from the loan rows, shown as important alerts and the same after a reload.
@Suite struct LoanEventTests {
    static let loansHeader = "contract_id,customer_id,account_no,product_code,amount,rate,lpr_spread_bp,start_date,maturity_date,classification,guarantee_type,status\n"

    static func load(into existing: AppDatabase? = nil, from: BusinessDate? = nil) throws -> (AppDatabase, ScratchFolder) {
        let scratch = ScratchFolder()
        let source = SourceWriter(root: scratch.path)
        var first = FixtureBank.dimensions
        first["loans.csv"] = loansHeader + """
            L1,C3,A3L,L3001,1000000.00,3.45,45,2024-01-01,2026-01-01,NORMAL,CREDIT,ACTIVE
            L2,C3,,L3001,500000.00,3.45,45,2024-06-01,2025-06-01,NORMAL,CREDIT,ACTIVE

            """
        source.write("2025-01-01", text: first)
        source.write("2025-01-02", text: [
            "transactions.csv": FundFlowTests.header + """
                D1,A3L,2025-01-02 10:00:00,D,300000.00,,,,COUNTER,放款,LOAN_DRAW,
                D2,A3L,2025-01-02 15:00:00,C,100000.00,,,,COUNTER,还款,LOAN_REPAY,

                """,
            "loans.csv": loansHeader + "L2,C3,,L3001,500000.00,3.45,45,2024-06-01,2025-06-01,SPECIAL_MENTION,CREDIT,ACTIVE\n",
        ])
        source.write("2025-01-03", text: [
            "loans.csv": loansHeader + """
                L1,C3,A3L,L3001,1000000.00,3.45,45,2024-01-01,2026-01-01,NORMAL,CREDIT,SETTLED
                L2,C3,,L3001,500000.00,3.45,45,2024-06-01,2025-06-01,SPECIAL_MENTION,CREDIT,ACTIVE

                """,
        ])
        source.fillDays(from: "2025-01-01", to: "2025-01-03")
        let db = try existing ?? FixtureBank.open()
        _ = try FixtureBank.load(db, scratch.path, from: from)
        return (db, scratch)
    }

    static func events(_ db: AppDatabase) throws -> [String] {
        try db.writer.read {
            try String.fetchAll($0, sql: """
                SELECT biz_date || ' ' || kind || ' ' || COALESCE(contract_id, '-') || ' ' || amount || ' ' || detail FROM app_loan_event
                ORDER BY biz_date, event_id
                """)
        }
    }

    @Test func drawdownsRepaymentsClassificationChangesAndEarlySettlements() throws {
        let (db, scratch) = try Self.load()
        #expect(try Self.events(db) == [
            "2025-01-02 DRAWDOWN L1 30000000 放款",
            "2025-01-02 REPAYMENT L1 10000000 还款",
            "2025-01-02 CLASSIFICATION L2 50000000 NORMAL→SPECIAL_MENTION",
            "2025-01-03 EARLY_SETTLEMENT L1 100000000 到期日 2026-01-01",
        ], "a row arriving unchanged (L2 on the 3rd) changes nothing")
        let alerts = try db.writer.read {
            try ImportantAlertQuery.recent($0, scope: DataScope(reach: .everything), through: BusinessDate("2025-01-03")!, days: 7)
        }
        #expect(alerts.filter { $0.customerID == "C3" }.map(\.kind) == [.earlySettlement, .classificationChange, .loanDrawdown, .loanRepayment],
                "newest first, then largest (a classification change counts the loan's amount)")
        #expect(alerts.first { $0.kind == .classificationChange }?.detail == "NORMAL→SPECIAL_MENTION")
        let outsider = DataScope(reach: .managedBy(staffID: "nobody"))
        #expect(try db.writer.read { try ImportantAlertQuery.recent($0, scope: outsider, through: BusinessDate("2025-01-03")!) }.isEmpty)

        // Loading again from the 2nd gives the same events, once.
        let before = try Self.events(db)
        _ = try FixtureBank.load(db, scratch.path, from: BusinessDate("2025-01-02")!)
        #expect(try Self.events(db) == before)
        #expect(LoanEventStep.changes(old: nil, status: "SETTLED", classification: "LOSS", maturity: BusinessDate("2030-01-01")!,
                                      date: BusinessDate("2025-01-01")!).isEmpty, "a loan first seen has nothing to compare with")
    }
}
