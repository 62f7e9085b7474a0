import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// The tiny synthetic bank, generated once per test process and shared read-only.
enum TinyBank {
    static let seed: UInt64 = 11
    static let start = BusinessDate("2025-01-01")!
    static let scratch = ScratchFolder(keptForProcess: true)
    static let source: String = {
        let path = scratch.path + "/source"
        try! BankGenerator(scale: .tiny, seed: seed, start: start, days: GeneratorScale.tiny.defaultDays,
                           dataDirectory: dataDirectory).write(to: path)
        return path
    }()

    static var dataDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data").path
    }

    /// Fingerprints of every file under `root`, by relative path.
    static func fingerprints(_ root: String) -> [String: String] {
        var result: [String: String] = [:]
        for folder in try! FileManager.default.contentsOfDirectory(atPath: root) {
            for file in try! FileManager.default.contentsOfDirectory(atPath: root + "/" + folder) {
                let bytes = [UInt8](FileManager.default.contents(atPath: root + "/" + folder + "/" + file)!)
                result[folder + "/" + file] = SourceFolder.sha256Hex(bytes)
            }
        }
        return result
    }
}

@Suite struct GeneratorTests {
    @Test func sameArgumentsGiveByteIdenticalFolders() throws {
        let again = ScratchFolder()
        try BankGenerator(scale: .tiny, seed: TinyBank.seed, start: TinyBank.start, days: GeneratorScale.tiny.defaultDays,
                          dataDirectory: TinyBank.dataDirectory).write(to: again.path)
        let first = TinyBank.fingerprints(TinyBank.source)
        #expect(first.count > 60 * 3)
        #expect(first == TinyBank.fingerprints(again.path))
        let other = ScratchFolder()
        try BankGenerator(scale: .tiny, seed: TinyBank.seed + 1, start: TinyBank.start, days: 2,
                          dataDirectory: TinyBank.dataDirectory).write(to: other.path)
        #expect(TinyBank.fingerprints(other.path)["2025-01-01/customers.csv"] != first["2025-01-01/customers.csv"])
    }

    @Test func everyFileOfTheContractAppearsAndLoadsWithoutRejects() throws {
        let names = Set(TinyBank.fingerprints(TinyBank.source).keys.map { $0.split(separator: "/")[1] })
        for file in ExtractFile.allCases { #expect(names.contains(Substring(file.fileName)), "\(file.fileName)") }
        let db = try FixtureBank.open()
        let summary = try FixtureBank.load(db, TinyBank.source)
        #expect(summary.days.count == GeneratorScale.tiny.defaultDays)
        #expect(summary.rejected == 0)
        try db.writer.read { db in
            let usccs = try String.fetchAll(db, sql: "SELECT uscc FROM base_customer")
            #expect(usccs.count == 200 && usccs.allSatisfy(USCC.isValid))
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM base_staff WHERE position = 'RM'") == 6)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT rule) FROM app_alert") == 2)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM base_transaction WHERE kind = 'REVERSAL'")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM app_customer_status WHERE dormant = 1")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM base_transaction WHERE counterparty_in_bank = 1")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM base_transaction WHERE same_name = 1")! > 0)
            // The balances file agrees with the transactions: a deposit account's change is the net of its day's flows.
            let mismatches = try Int.fetchOne(db, sql: """
                WITH flows AS (
                  SELECT account_no, biz_date, SUM(CASE direction WHEN 'C' THEN amount ELSE -amount END) AS net
                  FROM base_transaction GROUP BY account_no, biz_date
                ),
                changes AS (
                  SELECT b.account_no, b.biz_date, b.balance - COALESCE((SELECT p.balance FROM base_balance p
                    WHERE p.account_no = b.account_no AND p.biz_date < b.biz_date ORDER BY p.biz_date DESC LIMIT 1), 0) AS change
                  FROM base_balance b JOIN base_account a ON a.account_no = b.account_no
                  WHERE a.kind = 'DEPOSIT' AND b.biz_date > '2025-01-01'
                )
                SELECT COUNT(*) FROM changes c LEFT JOIN flows f ON f.account_no = c.account_no AND f.biz_date = c.biz_date
                WHERE c.change <> COALESCE(f.net, 0)
                """)
            #expect(mismatches == 0)
        }
    }
}

@Suite struct RerunTests {
    static let ignored: Set = ["if_batch.loaded_at", "if_batch.source_dir"]

    static func uninterrupted() throws -> [String: [String]] {
        let db = try FixtureBank.open()
        _ = try FixtureBank.load(db, TinyBank.source)
        return try DatabaseDump.dump(db, ignoring: ignored)
    }

    @Test func resumingAfterAPartialRunGivesTheSameDatabase() throws {
        let db = try FixtureBank.open()
        _ = try FixtureBank.load(db, TinyBank.source, to: BusinessDate("2025-01-20")!)
        let resumed = try FixtureBank.load(db, TinyBank.source)
        #expect(resumed.skipped.count == 20)
        #expect(try DatabaseDump.dump(db, ignoring: Self.ignored) == Self.uninterrupted())
    }

    @Test func reloadingFromAnEarlierDateReplacesItsResultsExactly() throws {
        let db = try FixtureBank.open()
        _ = try FixtureBank.load(db, TinyBank.source)
        // Across a month end, with reversals of earlier days among the dates rolled back.
        let reloaded = try FixtureBank.load(db, TinyBank.source, from: BusinessDate("2025-01-29")!)
        #expect(reloaded.days.first?.date == BusinessDate("2025-01-29")!)
        let reference = try Self.uninterrupted()
        let dump = try DatabaseDump.dump(db, ignoring: Self.ignored)
        for table in reference.keys.sorted() { #expect(dump[table] == reference[table], "\(table)") }
    }

    @Test func aProcessKilledAtRandomMomentsFinishesWithTheSameDatabase() throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/crm").path
        try #require(FileManager.default.fileExists(atPath: binary), "build crm first (make test does)")
        let scratch = ScratchFolder()
        let database = scratch.path + "/killed.sqlite"
        var random = RandomSource(seed: 5)
        var kills = 0
        for attempt in 0..<40 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["etl", "--source", TinyBank.source, "--db", database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(Double(random.int(in: 50...900)) / 1000)
            while process.isRunning && Date() < deadline { usleep(5_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                kills += 1
                continue
            }
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "attempt \(attempt)")
            break
        }
        #expect(kills > 0)
        let db = try AppDatabase.open(path: database)
        #expect(try db.writer.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        let reference = try Self.uninterrupted()
        let dump = try DatabaseDump.dump(db, ignoring: Self.ignored)
        for table in reference.keys.sorted() { #expect(dump[table] == reference[table], "\(table)") }
    }
}

@Suite struct RollUpTests {
    @Test func headOfficeAndLinesAddUpToTheCustomersToTheFen() throws {
        let db = try FixtureBank.open()
        _ = try FixtureBank.load(db, TinyBank.source, to: BusinessDate("2025-01-31")!)
        try db.writer.read { db in
            let customers = try Row.fetchOne(db, sql: """
                SELECT SUM(deposit_balance), SUM(deposit_bd_year), SUM(loan_balance), COUNT(*) FROM ind_customer_day
                WHERE biz_date = '2025-01-31'
                """)!
            let hq = try Row.fetchOne(db, sql: """
                SELECT deposit_balance, deposit_bd_year, loan_balance, customers FROM ind_rollup_day
                WHERE biz_date = '2025-01-31' AND dimension = 'ORG' AND member_id = '100000'
                """)!
            #expect(hq[0] as Int64 == customers[0] as Int64)
            #expect(hq[1] as Int64 == customers[1] as Int64)
            #expect(hq[2] as Int64 == customers[2] as Int64)
            #expect(hq[3] as Int64 == customers[3] as Int64)
            let lines = try Row.fetchOne(db, sql: """
                SELECT SUM(deposit_balance), SUM(customers) FROM ind_rollup_day WHERE biz_date = '2025-01-31' AND dimension = 'LINE'
                """)!
            #expect(lines[0] as Int64 == customers[0] as Int64)
            // Managers' shares split each customer: their sum is within a fen per assisted customer of the total.
            let staff = try Int64.fetchOne(db, sql: """
                SELECT SUM(deposit_balance) FROM ind_rollup_day WHERE biz_date = '2025-01-31' AND dimension = 'STAFF'
                """)!
            #expect(abs(staff - (customers[0] as Int64)) <= 200)
        }
    }
}
