import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

@Suite struct RejectTests {
    @Test func badRowsGoToRejectsWithFileLineColumnAndReason() throws {
        let scratch = ScratchFolder()
        var files = FixtureBank.dimensions
        files["customers.csv"]! += "C4,坏码公司,91350100M000100Y44,SMALL_MICRO,C1951,350102,,,,,,,ACTIVE\n"
        files["customers.csv"]! += "C5,\"多行\n名称公司\",\(FixtureBank.uscc(5)),SMALL_MICRO,X99,350102,,,,,,,ACTIVE\n"
        files["accounts.csv"]! += "A9,C404,D1001,DEPOSIT,CNY,101000,2015-01-01,,0.05,ACTIVE\n"
        files["customer_managers.csv"]! = "customer_id,staff_id,role,share_pct\nC1,E1,MAIN,60\nC1,E2,ASSIST,30\nC2,E1,MAIN,100\n"
        files["transactions.csv"] = """
            txn_id,account_no,txn_time,direction,amount,counterparty_name,counterparty_account,counterparty_bank_code,channel,purpose,kind,reversal_of
            T1,A1,2025-01-01 10:00:00,C,12.345,甲,,,EBANK,货款,NORMAL,
            T2,A1,2025-01-01 10:00:00,C,100.00,甲,,,EBANK,货款
            T3,A1,2025-13-01 10:00:00,C,100.00,甲,,,EBANK,货款,NORMAL,
            T4,A1,2025-01-01 10:00:00,X,100.00,甲,,,EBANK,货款,NORMAL,
            T5,A1,2025-01-01 10:00:00,C,100.00,"乙,有限公司",,,EBANK,"货款
            第二行",NORMAL,
            T5,A1,2025-01-01 10:00:01,C,1.00,甲,,,EBANK,货款,NORMAL,

            """
        SourceWriter(root: scratch.path).write("2025-01-01", text: files)
        let db = try FixtureBank.open()
        let summary = try FixtureBank.load(db, scratch.path)
        let rejects = try db.writer.read { try RejectQuery.rejected($0, on: BusinessDate("2025-01-01")!) }
        let described = rejects.map { "\($0.file):\($0.line):\($0.column ?? "-"):\($0.reason)" }
        #expect(described == [
            "accounts.csv:6:customer_id:unknown reference: customer 'C404' not found",
            "customer_managers.csv:2:share_pct:shares of customer 'C1' sum to 90.00, not 100",
            "customer_managers.csv:3:share_pct:shares of customer 'C1' sum to 90.00, not 100",
            "customers.csv:5:uscc:broken USCC '91350100M000100Y44' (length, characters or check character)",
            "customers.csv:6:industry_code:bad industry code 'X99' (expected a section letter A-T and 2 to 4 digits)",
            "transactions.csv:2:amount:bad amount '12.345': more than 2 decimals",
            "transactions.csv:3:-:wrong number of fields: expected 12, found 10",
            "transactions.csv:4:txn_time:bad time '2025-13-01 10:00:00' (expected YYYY-MM-DD HH:MM:SS)",
            "transactions.csv:5:direction:unknown value 'X' (expected C, D)",
            "transactions.csv:8:txn_id:duplicate transaction id 'T5'",
        ])
        #expect(rejects.first { $0.line == 6 && $0.file == "customers.csv" }?.record.contains("多行\n名称公司") == true)
        let counts = Dictionary(uniqueKeysWithValues: summary.perFile.map { ($0.file, $0.counts) })
        #expect(counts[.transactions] == FileCounts(loaded: 1, rejected: 5))
        #expect(counts[.customers] == FileCounts(loaded: 3, rejected: 2))
        #expect(counts[.customerManagers] == FileCounts(loaded: 1, rejected: 2))
        #expect(summary.exceedsRejectShare)
        // What was good was loaded, including the record whose quoted purpose spans two lines.
        let purpose = try db.writer.read { try String.fetchOne($0, sql: "SELECT purpose FROM base_transaction WHERE txn_id = 'T5'") }
        #expect(purpose == "货款\n第二行")
    }

    @Test func unknownColumnsWarnAndMissingRequiredColumnsRefuseTheFile() throws {
        let scratch = ScratchFolder()
        var files = FixtureBank.dimensions
        files["products.csv"] = "product_code,name,category,on_balance,remark\nD1001,单位活期存款,DEMAND_DEPOSIT,Y,备注\nL3001,流动资金贷款,LOAN,Y,\n"
        files["staff.csv"] = "staff_id,name,org_id,status\nE1,林晓燕,101011,ACTIVE\n"
        SourceWriter(root: scratch.path).write("2025-01-01", text: files)
        let db = try FixtureBank.open()
        let summary = try FixtureBank.load(db, scratch.path)
        let rejects = try db.writer.read { try RejectQuery.rejected($0, on: BusinessDate("2025-01-01")!) }
        let refused = rejects.first { $0.file == "staff.csv" }
        #expect(refused?.line == 1 && refused?.column == "position")
        #expect(summary.perFile.first { $0.file == .staff }?.counts == FileCounts(loaded: 0, rejected: 1))
        // Without the staff file, the managers' references to staff are unknown: refused too, not guessed.
        #expect(rejects.contains { $0.file == "customer_managers.csv" && $0.reason.contains("staff 'E1' not found") })
        let warnings = try db.writer.read { try String.fetchAll($0, sql: "SELECT file || ': ' || message FROM if_warning") }
        #expect(warnings == ["products.csv: unknown column 'remark' ignored"])
        #expect(summary.perFile.first { $0.file == .products }?.counts == FileCounts(loaded: 2, rejected: 0))
    }
}

@Suite struct ManifestTests {
    private func twoDays() -> ScratchFolder {
        let scratch = ScratchFolder()
        let source = SourceWriter(root: scratch.path)
        var first = FixtureBank.dimensions
        first["balances.csv"] = "account_no,balance\nA1,100.00\n"
        source.write("2025-01-01", text: first)
        source.write("2025-01-02", text: ["balances.csv": "account_no,balance\nA1,200.00\n"])
        source.write("2025-01-03", text: ["balances.csv": "account_no,balance\nA1,300.00\n"])
        return scratch
    }

    @Test func anAlteredFileRefusesItsFolderWholeAndStopsTheRun() throws {
        let scratch = twoDays()
        let path = scratch.path + "/2025-01-02/balances.csv"
        FileManager.default.createFile(atPath: path, contents: Data("account_no,balance\nA1,999.00\n".utf8))
        let db = try FixtureBank.open()
        #expect {
            try FixtureBank.load(db, scratch.path)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("2025-01-02") && text.contains("balances.csv") && text.contains("SHA-256")
        }
        let loaded = try BatchRunner(database: db).loadedDates().map(\.description)
        #expect(loaded == ["2025-01-01"])
        let balance = try db.writer.read { try Int64.fetchOne($0, sql: "SELECT balance FROM sum_account_balance WHERE account_no = 'A1'") }
        #expect(balance == 100_00)
    }

    @Test func aMissingManifestOrListedFileIsRefused() throws {
        let scratch = twoDays()
        try FileManager.default.removeItem(atPath: scratch.path + "/2025-01-02/balances.csv")
        #expect(throws: SourceFolderError.self) {
            try SourceFolder.read(path: scratch.path + "/2025-01-02", date: BusinessDate("2025-01-02")!, encoding: .utf8)
        }
        try FileManager.default.removeItem(atPath: scratch.path + "/2025-01-03/_manifest.csv")
        #expect(throws: SourceFolderError.self) {
            try SourceFolder.read(path: scratch.path + "/2025-01-03", date: BusinessDate("2025-01-03")!, encoding: .utf8)
        }
    }

    @Test func aWrongRowCountIsRefused() throws {
        let scratch = twoDays()
        let manifest = scratch.path + "/2025-01-02/_manifest.csv"
        let text = String(decoding: FileManager.default.contents(atPath: manifest)!, as: UTF8.self)
        FileManager.default.createFile(atPath: manifest, contents: Data(text.replacingOccurrences(of: ",1,", with: ",2,").utf8))
        #expect {
            try SourceFolder.read(path: scratch.path + "/2025-01-02", date: BusinessDate("2025-01-02")!, encoding: .utf8)
        } throws: { error in
            String(describing: error).contains("has 1 data rows, the manifest lists 2")
        }
    }

    @Test func aMissingDayStopsTheRunWithoutLoadingPastTheGap() throws {
        let scratch = twoDays()
        try FileManager.default.removeItem(atPath: scratch.path + "/2025-01-02")
        let db = try FixtureBank.open()
        #expect(throws: BatchError.self) { try FixtureBank.load(db, scratch.path) }
        #expect(try BatchRunner(database: db).loadedDates().map(\.description) == ["2025-01-01"])
    }

    @Test func gb18030FilesLoadWhenToldSo() throws {
        let scratch = ScratchFolder()
        let files = FixtureBank.dimensions.mapValues { Iconv.convert(Array($0.utf8), from: "UTF-8", to: "GB18030")! }
        SourceWriter(root: scratch.path).write("2025-01-01", files)
        let db = try FixtureBank.open()
        _ = try FixtureBank.load(db, scratch.path, encoding: .gb18030)
        let name = try db.writer.read { try String.fetchOne($0, sql: "SELECT name FROM base_customer WHERE customer_id = 'C1'") }
        #expect(name == "福州鑫源鞋业有限公司")
    }
}

@Suite struct RejectEdgeTests {
    private func loadDay(_ files: [String: String]) throws -> (AppDatabase, [RejectedRow]) {
        let scratch = ScratchFolder()
        SourceWriter(root: scratch.path).write("2025-01-01", text: files)
        let db = try FixtureBank.open()
        _ = try FixtureBank.load(db, scratch.path)
        return (db, try db.writer.read { try RejectQuery.rejected($0, on: BusinessDate("2025-01-01")!) })
    }

    @Test func aBadRoleRefusesTheRowWithoutLosingTheCustomersOtherRows() throws {
        var files = FixtureBank.dimensions
        files["customer_managers.csv"] = "customer_id,staff_id,role,share_pct\nC1,E1,BOSS,100\nC2,E1,MAIN,100\n"
        let (db, rejects) = try loadDay(files)
        #expect(rejects.map(\.line) == [2])
        #expect(rejects.first?.column == "role")
        let managers = try db.writer.read { try String.fetchAll($0, sql: "SELECT customer_id FROM base_customer_manager ORDER BY 1") }
        #expect(managers == ["C2"])
    }

    @Test func aRefusedReversalReversesNothingAndAReversalCountsOnce() throws {
        var files = FixtureBank.dimensions
        files["balances.csv"] = "account_no,balance\nA1,5000000.00\n"
        files["transactions.csv"] = FundFlowTests.header + """
            T1,A1,2025-01-01 10:00:00,D,1500000.00,外部公司,6222,102391000011,EBANK,货款,NORMAL,
            T2,A1,2025-01-01 11:00:00,X,1500000.00,外部公司,6222,102391000011,COUNTER,冲正,REVERSAL,T1
            T3,A1,2025-01-01 11:00:00,C,1500000.00,外部公司,6222,102391000011,COUNTER,冲正,REVERSAL,T1
            T4,A1,2025-01-01 11:00:00,C,1500000.00,外部公司,6222,102391000011,COUNTER,冲正,REVERSAL,T1

            """
        let (db, rejects) = try loadDay(files)
        #expect(rejects.map(\.line) == [3, 5])
        #expect(rejects.last?.reason == "transaction 'T1' is already reversed")
        let reversedOn = try db.writer.read { try String.fetchOne($0, sql: "SELECT reversed_on FROM base_transaction WHERE txn_id = 'T1'") }
        #expect(reversedOn == "2025-01-01")
    }

    @Test func aRefusedParentTakesItsChildrenWithIt() throws {
        var files = FixtureBank.dimensions
        files["org.csv"]! += "200000,999999,BRANCH,孤儿分行,350102,,ACTIVE\n200010,200000,SUBBRANCH,孤儿支行,350102,,ACTIVE\n"
        let (db, rejects) = try loadDay(files)
        #expect(rejects.filter { $0.file == "org.csv" }.map(\.line) == [5, 6])
        let orphans = try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM base_org WHERE org_id LIKE '2%'") }
        #expect(orphans == 0)
    }

    @Test func anUnclosedQuoteInAHeaderRefusesTheFile() throws {
        var files = FixtureBank.dimensions
        files["products.csv"] = "product_code,\"name,category,on_balance\nD1001,单位活期存款,DEMAND_DEPOSIT,Y\n"
        let (_, rejects) = try loadDay(files)
        #expect(rejects.contains { $0.file == "products.csv" && $0.line == 1 && $0.reason.hasPrefix("unterminated quoted field in the header") })
    }

    @Test func bytesThatAreNotUTF8RefuseTheFolder() throws {
        let scratch = ScratchFolder()
        var files = FixtureBank.dimensions.mapValues { Array($0.utf8) }
        files["customers.csv"] = Iconv.convert(files["customers.csv"]!, from: "UTF-8", to: "GB18030")
        SourceWriter(root: scratch.path).write("2025-01-01", files)
        let db = try FixtureBank.open()
        #expect {
            try FixtureBank.load(db, scratch.path)
        } throws: { error in
            String(describing: error).contains("customers.csv: not valid utf8 text (if the source writes GB18030")
        }
        #expect(try BatchRunner(database: db).loadedDates().isEmpty)
    }
}
