import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// Churn warnings and prospects on a hand-made bank loaded from 1 September 2024 to 15 January 2025, so the four
/// months before the last date cross the year end. E1 manages C1 and C2 (C2 with E2 assisting), E2 manages C3.
///
/// Expected on 2025-01-15 (months Dec, Nov, Oct, Sep; last 30 days 17 Dec to 15 Jan; the 90 days before from 18 Sep):
/// - C1: averages 630,000 < 800,000 < 900,000 < 1,000,000, exactly 30% under their mean: 20 + 15 = 35, amber. Its
///   2,000,000 same-name transfer to another bank was reversed and does not count; limit K2 was renewed in time.
/// - C2: December exactly 50% under the flat months before (30); of its 1,000,000 outflows in January 600,000 went
///   out of the bank, exactly 60% (15); a same-name transfer of exactly 1,000,000 to another bank (15): 60, red.
/// - C3: December 700,000.01 against 1,000,000 (a drop just under 30%: nothing); 8 customer-initiated transactions in
///   the 90 days before and 1 in the last 30 (10); loan L1 settled before maturity and limit K1 not renewed (15): 25.
@Suite struct PrecisionMarketingTests {
    static let header = FundFlowTests.header
    static let last = BusinessDate("2025-01-15")!

    static func load(from: BusinessDate? = nil, into existing: AppDatabase? = nil) throws -> (AppDatabase, ScratchFolder) {
        let scratch = source()
        let db = try existing ?? FixtureBank.open()
        _ = try FixtureBank.load(db, scratch.path, from: from)
        return (db, scratch)
    }

    /// The hand-made bank's date folders, 1 September 2024 to 15 January 2025.
    static func source() -> ScratchFolder {
        let scratch = ScratchFolder()
        let source = SourceWriter(root: scratch.path)
        var first = FixtureBank.dimensions
        first["balances.csv"] = "account_no,balance\nA1,1000000.00\nA2,1000000.00\nA3,1000000.00\n"
        first["loans.csv"] = """
            contract_id,customer_id,account_no,product_code,amount,rate,lpr_spread_bp,start_date,maturity_date,classification,guarantee_type,status
            L1,C3,A3L,L3001,1000000.00,3.45,45,2024-01-01,2026-01-01,NORMAL,CREDIT,ACTIVE

            """
        first["credit_limits.csv"] = """
            limit_id,customer_id,amount,used,start_date,end_date,status
            K1,C3,5000000.00,0.00,2023-11-01,2024-11-01,EXPIRED
            K2,C1,5000000.00,0.00,2023-11-01,2024-11-01,EXPIRED
            K3,C1,5000000.00,0.00,2024-12-15,2025-12-15,ACTIVE

            """
        source.write("2024-09-01", text: first)
        source.write("2024-10-01", text: ["balances.csv": "account_no,balance\nA1,900000.00\n", "transactions.csv": header + """
            T1001,A3,2024-10-01 10:00:00,C,50000.00,福州闽江贸易有限公司,6222001,102391000020,EBANK,货款,NORMAL,
            T1002,A3,2024-10-02 10:00:00,C,50000.00,福州闽江贸易有限公司,6222001,102391000020,EBANK,货款,NORMAL,
            T1003,A3,2024-10-03 10:00:00,C,100000.00,深圳华达电子有限公司,6222002,102584000016,EBANK,货款,NORMAL,
            T1004,A3,2024-10-04 10:00:00,C,10000.00,厦门鹭岛科技有限公司,6222003,105393000012,EBANK,货款,NORMAL,
            T1005,A3,2024-10-05 10:00:00,C,10000.00,厦门鹭岛科技有限公司,6222003,105393000012,EBANK,货款,NORMAL,
            T1006,A3,2024-10-06 10:00:00,C,10000.00,厦门鹭岛科技有限公司,6222003,105393000012,EBANK,货款,NORMAL,
            T1007,A3,2024-10-07 10:00:00,D,20000.00,国家金库福州中心支库,,011391000011,EBANK,增值税税款,NORMAL,

            """])
        source.write("2024-11-01", text: ["balances.csv": "account_no,balance\nA1,800000.00\n"])
        source.write("2024-11-05", text: ["transactions.csv": header + """
            T1101,A3,2024-11-05 10:00:00,C,50000.00,福州闽江贸易有限公司,6222001,102391000020,EBANK,货款,NORMAL,

            """])
        source.write("2024-12-01", text: ["balances.csv": "account_no,balance\nA1,630000.00\nA2,500000.00\nA3,700000.01\n"])
        source.write("2025-01-02", text: ["transactions.csv": header + """
            T0102,A3,2025-01-02 10:00:00,C,10000.00,厦门鹭岛科技有限公司,6222003,105393000012,EBANK,货款,NORMAL,

            """])
        source.write("2025-01-05", text: ["transactions.csv": header + """
            T0105,A1,2025-01-05 10:00:00,D,2000000.00,福州鑫源鞋业有限公司,9558001,104391000123,EBANK,资金划转,NORMAL,

            """])
        source.write("2025-01-06", text: ["transactions.csv": header + """
            T0106,A1,2025-01-06 09:00:00,C,2000000.00,福州鑫源鞋业有限公司,9558001,104391000123,COUNTER,冲正,REVERSAL,T0105

            """])
        source.write("2025-01-10", text: [
            "transactions.csv": header + """
                T0110,A2,2025-01-10 10:00:00,D,600000.00,深圳华达电子有限公司,6222002,102584000016,EBANK,货款,NORMAL,
                T0111,A2,2025-01-10 11:00:00,D,400000.00,福州鑫源鞋业有限公司,A1,\(FixtureBank.branchBankCode),EBANK,货款,NORMAL,
                T0112,A2,2025-01-10 12:00:00,D,1000000.00,厦门海峡物流有限公司,9558002,104391000123,EBANK,资金划转,NORMAL,

                """,
            "loans.csv": """
                contract_id,customer_id,account_no,product_code,amount,rate,lpr_spread_bp,start_date,maturity_date,classification,guarantee_type,status
                L1,C3,A3L,L3001,1000000.00,3.45,45,2024-01-01,2026-01-01,NORMAL,CREDIT,SETTLED

                """,
        ])
        source.fillDays(from: "2024-09-01", to: last.description)
        return scratch
    }

    static func warnings(_ db: AppDatabase, scope: DataScope = DataScope(reach: .everything)) throws -> [String: ChurnWarning] {
        let list = try db.writer.read { try ChurnQuery.warnings($0, asOf: last, scope: scope) }
        return Dictionary(uniqueKeysWithValues: list.map { ($0.customerID, $0) })
    }

    @Test func churnSignalsScoresAndBandsAcrossTheYearEnd() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        let warnings = try Self.warnings(db)
        #expect(warnings.keys.sorted() == ["C1", "C2", "C3"])
        let c1 = try #require(warnings["C1"])
        #expect(c1.score == 35 && c1.band == .amber)
        #expect(c1.signals.map(\.code) == [.depositDrop, .depositDecline] && c1.signals.map(\.points) == [20, 15])
        let c2 = try #require(warnings["C2"])
        #expect(c2.score == 60 && c2.band == .red)
        #expect(c2.signals.map(\.code) == [.depositDrop, .outOfBankOutflow, .sameNameTransfer])
        #expect(c2.signals.map(\.points) == [30, 15, 15])
        #expect(c2.signals[2].text.contains("T0112"))
        let c3 = try #require(warnings["C3"])
        #expect(c3.score == 25 && c3.band == .green)
        #expect(c3.signals.map(\.code) == [.activityDrop, .creditExit])
        #expect(c3.signals[1].text.contains("L1") && c3.signals[1].text.contains("K1"))
        // The red customer is an important alert, with its score.
        let alerts = try db.writer.read { try ImportantAlertQuery.recent($0, scope: DataScope(reach: .everything), through: Self.last) }
        let churn = alerts.filter { $0.kind == .churnRisk }
        #expect(churn.map(\.customerID) == ["C2"] && churn.first?.churnScore == 60)
    }

    @Test func anRMSeesOnlyTheirBooksChurnAndProspects() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        #expect(try Self.warnings(db, scope: DataScope(reach: .managedBy(staffID: "E1"))).keys.sorted() == ["C1", "C2"])
        #expect(try Self.warnings(db, scope: DataScope(reach: .managedBy(staffID: "E2"))).keys.sorted() == ["C2", "C3"])
        let e1 = try db.writer.read { try ProspectQuery.top($0, scope: DataScope(reach: .managedBy(staffID: "E1")), limit: 10) }
        #expect(e1.map(\.name) == ["深圳华达电子有限公司"])
        let e2 = try db.writer.read { try ProspectQuery.top($0, scope: DataScope(reach: .managedBy(staffID: "E2")), limit: 10) }
        #expect(e2.count == 3)
        #expect(try db.writer.read { try ProspectQuery.top($0, scope: DataScope(reach: .nothing), limit: 10) }.isEmpty)
    }

    /// Flows 700,000 / 150,000 / 40,000, customers 2 / 1 / 1, two active months each, only 福州闽江 banks in our
    /// region (CNAPS area 3910). Percentiles over N = 3: flow 3/3, 2/3, 1/3; customers 3/3, 2/3, 2/3.
    @Test func prospectScorePartsOnAHandMadeSet() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        let prospects = try db.writer.read { try ProspectQuery.top($0, scope: DataScope(reach: .everything), limit: 10) }
        #expect(prospects.map(\.name) == ["深圳华达电子有限公司", "福州闽江贸易有限公司", "厦门鹭岛科技有限公司"])
        #expect(prospects.map(\.flow) == [700_000_00, 150_000_00, 40_000_00])
        #expect(prospects.map(\.customers) == [2, 1, 1])
        #expect(prospects.map(\.flowPart) == [4_000, 2_666, 1_333])
        #expect(prospects.map(\.customersPart) == [2_500, 1_666, 1_666])
        #expect(prospects.map(\.monthsPart) == [333, 333, 333])
        #expect(prospects.map(\.regionPart) == [0, 1_500, 0])
        #expect(prospects.map(\.score) == [6_833, 6_165, 3_332])
        #expect(prospects.map(\.rank) == [1, 2, 3])
        // The RM whose customers deal with it most: C2 (E1) 600,000 against C3 (E2) 100,000.
        #expect(prospects.map(\.topStaffID) == ["E1", "E2", "E2"])
        #expect(prospects[0].topStaffFlow == 600_000_00 && prospects[0].reasons.map(\.points) == [4_000, 2_500, 333, 0])
    }

    @Test func reloadingGivesIdenticalChurnAndProspectRows() throws {
        let (db, scratch) = try Self.load()
        let tables = ["app_churn", "app_activity_day", "app_activity_window", "app_same_name_transfer", "app_prospect"]
        let before = try DatabaseDump.dump(db).filter { tables.contains($0.key) }
        #expect(before["app_churn"]?.isEmpty == false && before["app_prospect"]?.count == 3)
        // From the day of the reversal, which a rollback undoes and the reload does again.
        _ = try FixtureBank.load(db, scratch.path, from: BusinessDate("2025-01-06")!)
        #expect(try DatabaseDump.dump(db).filter { tables.contains($0.key) } == before)
        _ = try FixtureBank.load(db, scratch.path, from: BusinessDate("2024-12-20")!)
        #expect(try DatabaseDump.dump(db).filter { tables.contains($0.key) } == before)
    }

    @Test func productUsageAndRecommendationsLeaveOutWhatIsHeld() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        let lines = try db.writer.read { try ProductUsageQuery.matrix($0, by: .line, scope: DataScope(reach: .everything)) }
        #expect(lines.map(\.group) == ["LARGE_MID", "SMALL_MICRO"])
        let small = try #require(lines.last)
        #expect(small.customers == 2 && small.holders[.demandDeposit] == 2 && small.holders[.loan] == 1)
        #expect(small.shareBP(.loan) == 5_000)
        let advice = try db.writer.read { try ProductNeedQuery.advice($0, customerID: "C1", asOf: Self.last, thresholds: ProductNeedThresholds()) }
        #expect(advice.held == [.demandDeposit])
        // C1's peers (small and micro, section C) are C1 alone: nothing it lacks is held by them, and no need fired.
        #expect(advice.needs.isEmpty && advice.recommendations.isEmpty)
        var idle = ProductNeedThresholds()
        idle.idleDemandMinimum = 600_000_00
        let withNeed = try db.writer.read { try ProductNeedQuery.advice($0, customerID: "C1", asOf: Self.last, thresholds: idle) }
        #expect(withNeed.needs.map(\.rule) == [.idleDemand])
        #expect(withNeed.recommendations.map(\.category) == [.agreementDeposit, .wealth])
    }
}
