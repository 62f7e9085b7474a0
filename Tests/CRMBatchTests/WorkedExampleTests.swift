import CRMCore
import CRMStore
import Foundation
import Testing
@testable import CRMBatch

/// domain.md's daily-average example, loaded through the whole batch from hand-made extracts.
@Suite struct WorkedExampleTests {
    /// A1: 1,000,000 on 28 Feb; +2,000,000 on 3 Mar; -2,500,000 on 20 Mar. A2 opens on 16 Mar with 310,000.
    /// Every other day has a folder with only its manifest (weekends included), so balances carry forward.
    static func load() throws -> (AppDatabase, ScratchFolder) {
        let scratch = ScratchFolder()
        let source = SourceWriter(root: scratch.path)
        var first = FixtureBank.dimensions
        first["accounts.csv"] = first["accounts.csv"]!.replacingOccurrences(of: "A2,C2,D1001,DEPOSIT,CNY,101000,2015-01-01",
                                                                           with: "A2,C2,D1001,DEPOSIT,CNY,101000,2025-03-16")
        first["balances.csv"] = "account_no,balance\nA1,1000000.00\n"
        source.write("2025-02-28", text: first)
        source.write("2025-03-03", text: [
            "balances.csv": "account_no,balance\nA1,3000000.00\n",
            "transactions.csv": """
                txn_id,account_no,txn_time,direction,amount,counterparty_name,counterparty_account,counterparty_bank_code,channel,purpose,kind,reversal_of
                T1,A1,2025-03-03 10:00:00,C,2000000.00,深圳华达电子科技有限公司,6222000011112222,102584000016,EBANK,货款,NORMAL,

                """,
        ])
        source.write("2025-03-16", text: ["balances.csv": "account_no,balance\nA2,310000.00\n"])
        source.write("2025-03-20", text: ["balances.csv": "account_no,balance\nA1,500000.00\n"])
        source.fillDays(from: "2025-02-28", to: "2025-03-31")
        let db = try FixtureBank.open()
        _ = try FixtureBank.load(db, scratch.path)
        return (db, scratch)
    }

    @Test func monthToDateAndMonthAverages() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        let tenth = try db.writer.read { try BalanceQuery.customer($0, id: "C1", asOf: BusinessDate("2025-03-10")!) }
        #expect(tenth.deposit.mtdAverage == 2_600_000_00)
        #expect(tenth.deposit.balance == 3_000_000_00)
        let end = try db.writer.read { try BalanceQuery.customer($0, id: "C1", asOf: BusinessDate("2025-03-31")!) }
        #expect(end.deposit.balance == 500_000_00)
        #expect(end.deposit.mtdAverage == 1_903_225_81)
        // The quarter began before the first loaded date: averaged over the 32 loaded days only.
        #expect(end.deposit.qtdAverage == 1_875_000_00)
        #expect(end.deposit.ytdAverage == 1_875_000_00)
    }

    @Test func accountOpenedMidMonthDividesByTheWholeElapsedPeriod() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        let end = try db.writer.read { try BalanceQuery.customer($0, id: "C2", asOf: BusinessDate("2025-03-31")!) }
        #expect(end.deposit.balance == 310_000_00)
        #expect(end.deposit.mtdAverage == 160_000_00)
    }

    @Test func largeMovementRulesOnTheExample() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        let third = try db.writer.read { try AlertQuery.raised($0, on: BusinessDate("2025-03-03")!) }
        #expect(third.map(\.rule) == ["A", "B"])
        #expect(third[0].amount == 2_000_000_00 && third[0].direction == "C" && third[0].accountNo == "A1")
        #expect(third[1].amount == 2_000_000_00)
        // -2,500,000 is >= 500,000 and >= 30% of 3,000,000: rule B, money out.
        let twentieth = try db.writer.read { try AlertQuery.raised($0, on: BusinessDate("2025-03-20")!) }
        #expect(twentieth.map(\.rule) == ["B"])
        #expect(twentieth[0].direction == "D" && twentieth[0].amount == 2_500_000_00)
        let quiet = try db.writer.read { try AlertQuery.raised($0, on: BusinessDate("2025-03-21")!) }
        #expect(quiet.isEmpty)
    }

    @Test func askingForAnUnloadedDateSaysWhichAreLoaded() throws {
        let (db, scratch) = try Self.load()
        _ = scratch
        #expect(throws: QueryError.dateNotLoaded(BusinessDate("2025-04-01")!,
                                                 loaded: BusinessDate("2025-02-28")!...BusinessDate("2025-03-31")!)) {
            try db.writer.read { try BalanceQuery.customer($0, id: "C1", asOf: BusinessDate("2025-04-01")!) }
        }
    }
}
