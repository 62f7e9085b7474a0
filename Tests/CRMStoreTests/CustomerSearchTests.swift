import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

/// Head office HQ -> branch B1 -> teams T1 (managers R1 张伟, R2 李娜) and T2 (R3 王芳); branch B2 -> team T3 (R4 陈静).
/// Customers with polyphonic names, balances on 2025-03-31 and tiers.
private func searchBank() throws -> AppDatabase {
    let database = try AppDatabase.inMemory()
    try database.writer.write { db in
        for (id, parent, level) in [("HQ", nil, "HQ"), ("B1", "HQ", "BRANCH"), ("T1", "B1", "TEAM"), ("T2", "B1", "TEAM"),
                                    ("B2", "HQ", "BRANCH"), ("T3", "B2", "TEAM")] {
            try db.execute(sql: """
                INSERT INTO base_org(org_id, parent_id, level, name, status, batch_date, source_line)
                VALUES (?, ?, ?, ?, 'ACTIVE', '2025-03-31', 1)
                """, arguments: [id, parent, level, "机构" + id])
        }
        for (id, name, org, position) in [("H1", "赵总", "HQ", "HQ_ANALYST"), ("L1", "孙组长", "T1", "TEAM_LEAD"),
                                          ("R1", "张伟", "T1", "RM"), ("R2", "李娜", "T1", "RM"), ("R3", "王芳", "T2", "RM"),
                                          ("R4", "陈静", "T3", "RM")] {
            try db.execute(sql: """
                INSERT INTO base_staff(staff_id, name, org_id, position, status, batch_date, source_line)
                VALUES (?, ?, ?, ?, 'ACTIVE', '2025-03-31', 1)
                """, arguments: [id, name, org, position])
        }
        let customers: [(String, String, String, String, String, String, Int64, Int64)] = [
            ("8000000001", "重庆长安机械制造有限公司", "91500112MA5U7K3X2P", "LARGE_MID", "C3411", "KEY", 50_000_000_00, 300_000_000_00),
            ("8000000002", "厦门国际银行股份有限公司", "91350200154996574Q", "INTERBANK", "J6620", "GENERAL", 8_000_000_00, 0),
            ("8000000003", "福州长安贸易有限公司", "91350100M000100Y43", "SMALL_MICRO", "F5191", "GENERAL", 900_000_00, 1_000_000_00),
            ("8000000004", "ACME科技有限公司", "91350100MA8RJ1TB5C", "SMALL_MICRO", "I6513", "POTENTIAL", 12_000_00, 0),
            ("8000000005", "泉州重庆路餐饮有限公司", "91350500MA2Y1TQW7K", "SMALL_MICRO", "H6210", "POTENTIAL", 30_000_00, 0),
        ]
        for (id, name, uscc, line, industry, tier, deposit, loan) in customers {
            try db.execute(sql: """
                INSERT INTO base_customer(customer_id, name, uscc, line, industry_code, status, batch_date, source_line, first_batch_date)
                VALUES (?, ?, ?, ?, ?, ?, '2025-03-31', 1, '2025-03-31')
                """, arguments: [id, name, uscc, line, industry, id == "8000000004" ? "CLOSED" : "ACTIVE"])
            try db.execute(sql: """
                INSERT INTO app_customer_status(customer_id, tier, tier_rule, effective, dormant, low_efficiency)
                VALUES (?, ?, '', 0, 0, 0)
                """, arguments: [id, tier])
            try db.execute(sql: """
                INSERT INTO ind_customer_day(biz_date, customer_id, deposit_balance, deposit_bd_month, deposit_bd_quarter,
                  deposit_bd_year, loan_balance, loan_bd_month, loan_bd_quarter, loan_bd_year, off_balance, wealth_balance)
                VALUES ('2025-03-31', ?, ?, 0, 0, 0, ?, 0, 0, 0, 0, 0)
                """, arguments: [id, deposit, loan])
        }
        for (customer, staff, role, share) in [("8000000001", "R1", "MAIN", 6000), ("8000000001", "R2", "ASSIST", 4000),
                                               ("8000000002", "R2", "MAIN", 10000), ("8000000003", "R3", "MAIN", 10000),
                                               ("8000000004", "R1", "MAIN", 10000), ("8000000005", "R4", "MAIN", 10000)] {
            try db.execute(sql: """
                INSERT INTO base_customer_manager(customer_id, staff_id, role, share_bp, batch_date, source_line)
                VALUES (?, ?, ?, ?, '2025-03-31', 1)
                """, arguments: [customer, staff, role, share])
        }
        try db.execute(sql: """
            INSERT INTO if_batch(biz_date, source_dir, manifest_sha256, rows_loaded, rows_rejected, loaded_at)
            VALUES ('2025-03-31', '/x/2025-03-31', '', 0, 0, '2025-04-01 02:00:00')
            """)
        try CustomerSearchIndex.refresh(db, .all)
    }
    return database
}

private func scope(_ database: AppDatabase, _ staffID: String) throws -> DataScope {
    DataScope(profile: try database.writer.read { try StaffDirectory.profile($0, staffID: staffID) }!)
}

/// The ids found, best first, as head office (or as `staffID`).
private func ids(_ database: AppDatabase, _ text: String, as staffID: String = "H1", filters: CustomerSearchFilters = .init(),
                 sort: CustomerSearchSort = .relevance) throws -> [String] {
    let scope = try scope(database, staffID)
    return try database.writer.read {
        try CustomerSearchQuery.search($0, text: text, scope: scope, filters: filters, sort: sort, limit: 50).map(\.customerID)
    }
}

@Suite struct CustomerSearchTests {
    @Test func pinyinReadsPolyphonicCharactersTheBankingWay() {
        #expect(Pinyin.full("重庆") == "chongqing")
        #expect(Pinyin.full("厦门国际银行") == "xiamenguojiyinhang")
        #expect(Pinyin.full("长安") == "changan")
        #expect(Pinyin.initials("重庆长安机械制造有限公司") == "cqcajxzzyxgs")
    }

    @Test func findsByEachKey() throws {
        let bank = try searchBank()
        #expect(try ids(bank, "长安") == ["8000000001", "8000000003"], "name substring, larger deposits first")
        #expect(try ids(bank, "chongqingchangan") == ["8000000001"], "full pinyin")
        #expect(try ids(bank, "Chang'an") == ["8000000001", "8000000003"], "pinyin typed with an apostrophe, any case")
        #expect(try ids(bank, "zhongqing").isEmpty, "重庆 is never read zhong qing")
        #expect(try ids(bank, "cqca") == ["8000000001"], "pinyin initials")
        #expect(try ids(bank, "xmgjyh") == ["8000000002"], "initials of 厦门国际银行")
        #expect(try ids(bank, "yinhang") == ["8000000002"])
        #expect(try ids(bank, "91350200154996574q") == ["8000000002"], "USCC, any case")
        #expect(try ids(bank, "MA5U7K") == ["8000000001"], "part of a USCC")
        #expect(try ids(bank, "8000000003") == ["8000000003"], "customer id")
        #expect(try ids(bank, "李娜") == ["8000000001", "8000000002"], "a manager's name, main or assisting")
        #expect(try ids(bank, "acme") == ["8000000004"], "Latin letters in a name ignore case")
        #expect(try ids(bank, "").count == 5, "empty text: every customer")
    }

    @Test func bestMatchesComeFirst() throws {
        let bank = try searchBank()
        // 重庆 starts one name and sits inside another; the smaller customer's name prefix ranks first.
        #expect(try ids(bank, "泉州") == ["8000000005"])
        #expect(try ids(bank, "重庆") == ["8000000001", "8000000005"], "name prefix before name substring")
        // "cq": initials prefix of 重庆长安 (cqca...) against a substring of 泉州重庆路 (qzcql...).
        #expect(try ids(bank, "qz") == ["8000000005"])
        #expect(try ids(bank, "cq") == ["8000000001", "8000000005"])
        // An exact id beats a customer whose USCC merely contains the digits.
        #expect(try ids(bank, "8000000005").first == "8000000005")
    }

    @Test func filtersAndSorts() throws {
        let bank = try searchBank()
        #expect(try ids(bank, "", filters: .init(tier: .general)) == ["8000000002", "8000000003"])
        #expect(try ids(bank, "", filters: .init(line: "SMALL_MICRO")) == ["8000000003", "8000000005", "8000000004"])
        #expect(try ids(bank, "", filters: .init(industrySection: "J")) == ["8000000002"])
        #expect(try ids(bank, "", filters: .init(orgID: "B2")) == ["8000000005"], "the branch subtree of the main manager")
        #expect(try ids(bank, "", filters: .init(orgID: "T1")) == ["8000000001", "8000000002", "8000000004"])
        #expect(try ids(bank, "", filters: .init(status: "CLOSED")) == ["8000000004"])
        #expect(try ids(bank, "有限公司", sort: .column(.loan, ascending: false)).prefix(2) == ["8000000001", "8000000003"])
        #expect(try ids(bank, "", sort: .column(.name, ascending: true)) ==
                ["8000000004", "8000000001", "8000000003", "8000000005", "8000000002"], "by pinyin: acme, chongqing, fuzhou, ...")
    }

    @Test func resultsCarryFiguresManagerAndBranch() throws {
        let bank = try searchBank()
        let scope = try scope(bank, "H1")
        let first = try bank.writer.read { try CustomerSearchQuery.search($0, text: "cqca", scope: scope, limit: 1) }.first
        #expect(first?.mainManager == "张伟")
        #expect(first?.branchName == "机构B1")
        #expect(first?.tier == .key)
        #expect(first?.depositBalance == 50_000_000_00)
        #expect(first?.json.rendered() == """
            {"customer_id":"8000000001","name":"重庆长安机械制造有限公司","uscc":"91500112MA5U7K3X2P","tier":"KEY",\
            "main_manager":"张伟","deposit_balance":50000000.00,"loan_balance":300000000.00}
            """)
    }

    @Test func anRMNeverSeesAnotherTeamsCustomer() throws {
        let bank = try searchBank()
        #expect(try ids(bank, "长安", as: "R3") == ["8000000003"])
        #expect(try ids(bank, "重庆", as: "R3").isEmpty, "8000000001 and 8000000005 belong to other teams")
        #expect(try ids(bank, "李娜", as: "R3").isEmpty, "a manager's name does not reach past the scope")
        #expect(try ids(bank, "", as: "R1") == ["8000000001", "8000000004"])
        #expect(try ids(bank, "", as: "L1") == ["8000000001", "8000000002", "8000000004"])
    }

    @Test func theIndexFollowsRenamesAndNewManagers() throws {
        let bank = try searchBank()
        try bank.writer.write { db in
            try db.execute(sql: "UPDATE base_customer SET name = '长沙银行', batch_date = '2025-04-01' WHERE customer_id = '8000000004'")
            try db.execute(sql: "UPDATE base_customer_manager SET staff_id = 'R3', batch_date = '2025-04-01' WHERE customer_id = '8000000005'")
            try db.execute(sql: """
                INSERT INTO base_customer_manager_history(customer_id, batch_date, staff_id, role, share_bp, source_line)
                VALUES ('8000000005', '2025-04-01', 'R3', 'MAIN', 10000, 1)
                """)
            try db.execute(sql: "UPDATE base_staff SET name = '张伟明', batch_date = '2025-04-01' WHERE staff_id = 'R1'")
            try CustomerSearchIndex.refresh(db, .changedOn("2025-04-01"))
        }
        #expect(try ids(bank, "changshayinhang") == ["8000000004"])
        #expect(try ids(bank, "王芳") == ["8000000003", "8000000005"])
        #expect(try ids(bank, "张伟明") == ["8000000001", "8000000004"])
    }
}

@Suite struct CustomerSearchMigrationTests {
    @Test func aDatabaseLoadedBeforeTheIndexGetsOneWhenMigrated() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v2-workbench")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO base_customer(customer_id, name, uscc, line, industry_code, status, batch_date, source_line, first_batch_date)
                VALUES ('8000000009', '长安银行', '', 'INTERBANK', 'J6620', 'ACTIVE', '2025-01-02', 1, '2025-01-02')
                """)
        }
        let database = try AppDatabase(writer: queue)
        let row = try database.writer.read { try Row.fetchOne($0, sql: "SELECT pinyin, initials FROM app_customer_search") }
        #expect(row?["pinyin"] == "changanyinhang")
        #expect(row?["initials"] == "cayh")
    }
}
