import CRMCore
import CRMStore
import Foundation
import GRDB
import Synchronization
@testable import CRMBatch

/// A scratch folder removed when the test ends, or, for a fixture kept in a static (which is never
/// deinitialised), when the test process exits.
final class ScratchFolder: Sendable {
    let path: String

    init(keptForProcess: Bool = false) {
        path = NSTemporaryDirectory() + "crm-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if keptForProcess { ProcessScratch.removeAtExit(path) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Folders removed when the test process exits.
private enum ProcessScratch {
    private static let paths = Mutex<[String]>([])
    private static let registered: Void = { atexit { ProcessScratch.removeAll() } }()

    static func removeAtExit(_ path: String) {
        _ = registered
        paths.withLock { $0.append(path) }
    }

    private static func removeAll() {
        for path in paths.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// Writes hand-made source folders: each date gets the given files plus a correct manifest.
struct SourceWriter {
    let root: String

    /// Writes `files` (name -> raw bytes) for `date`; dates between are not filled in.
    func write(_ date: String, _ files: [String: [UInt8]]) {
        let folder = root + "/" + date
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var manifest = "file,rows,sha256\n"
        for name in files.keys.sorted() {
            let bytes = files[name]!
            FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes))
            manifest += "\(name),\(CSVReader.countDataRecords(bytes)),\(SourceFolder.sha256Hex(bytes))\n"
        }
        FileManager.default.createFile(atPath: folder + "/_manifest.csv", contents: Data(manifest.utf8))
    }

    func write(_ date: String, text files: [String: String]) {
        write(date, files.mapValues { Array($0.utf8) })
    }

    /// Empty folders (manifest only) for every date from `from` to `to` that has none yet.
    func fillDays(from: String, to: String) {
        var date = BusinessDate(from)!
        while date <= BusinessDate(to)! {
            if !FileManager.default.fileExists(atPath: root + "/" + date.description + "/_manifest.csv") {
                write(date.description, [:])
            }
            date = date.adding(days: 1)
        }
    }
}

/// A tiny hand-made bank: head office, one branch and team, one manager, a few customers.
enum FixtureBank {
    static let hqBankCode = "313391000017"
    static let branchBankCode = "313391000109"

    static func uscc(_ serial: Int) -> String {
        USCC.make(prefix: "91", region: "350102", organisation: "MA" + Identifiers.zeroPad(serial, 7))!
    }

    /// The first day's dimension files for customers C1, C2, C3 with deposit accounts A1, A2, A3 (C3 also A3L, a loan).
    static var dimensions: [String: String] {
        [
            "org.csv": """
                org_id,parent_id,level,name,region_code,bank_code,status
                100000,,HQ,锦程银行总行,350102,\(hqBankCode),ACTIVE
                101000,100000,BRANCH,锦程银行福州分行,350102,\(branchBankCode),ACTIVE
                101011,101000,TEAM,鼓楼支行公司业务一部,350102,,ACTIVE

                """,
            "staff.csv": "staff_id,name,org_id,position,status\nE1,林晓燕,101011,RM,ACTIVE\nE2,陈志强,101011,RM,ACTIVE\n",
            "products.csv": "product_code,name,category,on_balance\nD1001,单位活期存款,DEMAND_DEPOSIT,Y\nL3001,流动资金贷款,LOAN,Y\n",
            "customers.csv": """
                customer_id,name,uscc,line,industry_code,region_code,registered_capital,founded_date,legal_rep,controller_name,controller_birthday,open_date,status
                C1,福州鑫源鞋业有限公司,\(uscc(1)),SMALL_MICRO,C1951,350102,5000000.00,2010-05-01,林婷,林婷,1975-03-02,2015-01-01,ACTIVE
                C2,厦门海峡物流有限公司,\(uscc(2)),LARGE_MID,G5821,350203,,,,,,2015-01-01,ACTIVE
                C3,泉州恒达建材有限公司,\(uscc(3)),SMALL_MICRO,F5165,350502,,,,,,2015-01-01,ACTIVE

                """,
            "customer_managers.csv": """
                customer_id,staff_id,role,share_pct
                C1,E1,MAIN,100
                C2,E1,MAIN,70
                C2,E2,ASSIST,30
                C3,E2,MAIN,100

                """,
            "accounts.csv": """
                account_no,customer_id,product_code,kind,currency,org_id,open_date,maturity_date,rate,status
                A1,C1,D1001,DEPOSIT,CNY,101000,2015-01-01,,0.05,ACTIVE
                A2,C2,D1001,DEPOSIT,CNY,101000,2015-01-01,,0.05,ACTIVE
                A3,C3,D1001,DEPOSIT,CNY,101000,2015-01-01,,0.05,ACTIVE
                A3L,C3,L3001,LOAN,CNY,101000,2015-01-01,2026-01-01,3.45,ACTIVE

                """,
        ]
    }

    static func open() throws -> AppDatabase { try AppDatabase.inMemory() }

    /// Runs the batch with a fixed clock.
    static func load(_ db: AppDatabase, _ root: String, from: BusinessDate? = nil, to: BusinessDate? = nil,
                     encoding: SourceEncoding = .utf8) throws -> RunSummary {
        try BatchRunner(database: db, encoding: encoding, now: { Date(timeIntervalSince1970: 1_750_000_000) })
            .run(source: root, from: from, to: to)
    }
}

/// Every table's rows in a canonical order, for comparing two databases.
enum DatabaseDump {
    static func dump(_ db: AppDatabase, ignoring: Set<String> = []) throws -> [String: [String]] {
        try db.writer.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                ORDER BY name
                """)
            var result: [String: [String]] = [:]
            for table in tables {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
                    .filter { !ignoring.contains("\(table).\($0)") && $0 != "id" }
                let list = columns.joined(separator: ", ")
                result[table] = try Row.fetchAll(db, sql: "SELECT \(list) FROM \(table) ORDER BY \(list)").map { $0.description }
            }
            return result
        }
    }
}
