import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

/// A hand-made bank loaded for 2025-03-01 to 2025-03-03 (the first loaded date is 2025-03-01).
///
/// Org tree HQ -> B1 -> teams T1 (R1, R2) and T2 (R3). Customers: C1 (R1 main, R2 assisting), C2 (R2), C3 (R3).
/// Deposits: C1 100, 200 and no row on the third day; C2 150,000 every day; C3 120,000 every day.
/// Loans: C1 1,000,000 at 3.45% (+45 bp) and 3,000,000 at 3.85% (+85 bp); C3 2,000,000 at 4.00% (+100 bp).
/// Limits: C1 1,000,000 (250,000 used, active) and 500,000 (expired); C3 2,000,000 (1,500,000 used).
/// Conglomerate G1 (测试集团): C1 and C3.
private func smallBank() throws -> AppDatabase {
    let database = try AppDatabase.inMemory()
    try database.writer.write { db in
        func insert(_ sql: String, _ rows: [StatementArguments]) throws {
            for row in rows { try db.execute(sql: sql, arguments: row) }
        }
        try insert("""
            INSERT INTO base_org(org_id, parent_id, level, name, status, batch_date, source_line)
            VALUES (?, ?, ?, ?, 'ACTIVE', '2025-03-01', 1)
            """, [["HQ", nil, "HQ", "总行"], ["B1", "HQ", "BRANCH", "福州分行"], ["T1", "B1", "TEAM", "公司一部"],
                  ["T2", "B1", "TEAM", "公司二部"]])
        try insert("""
            INSERT INTO base_staff(staff_id, name, org_id, position, status, batch_date, source_line)
            VALUES (?, ?, ?, ?, 'ACTIVE', '2025-03-01', 1)
            """, [["H1", "总行分析", "HQ", "HQ_ANALYST"], ["R1", "王一", "T1", "RM"], ["R2", "李二", "T1", "RM"],
                  ["R3", "张三", "T2", "RM"]])
        try insert("""
            INSERT INTO base_customer(customer_id, name, uscc, line, industry_code, status, batch_date, source_line, first_batch_date)
            VALUES (?, ?, '', 'LARGE_MID', 'C3911', 'ACTIVE', '2025-03-01', 1, '2025-03-01')
            """, [["C1", "福州新盛路桥有限公司"], ["C2", "华信\"宏达\",有限公司"], ["C3", "甲|乙公司"]])
        try insert("""
            INSERT INTO base_customer_manager(customer_id, staff_id, role, share_bp, batch_date, source_line)
            VALUES (?, ?, ?, ?, '2025-03-01', 1)
            """, [["C1", "R1", "MAIN", 6000], ["C1", "R2", "ASSIST", 4000], ["C2", "R2", "MAIN", 10000], ["C3", "R3", "MAIN", 10000]])
        for (index, day) in ["2025-03-01", "2025-03-02", "2025-03-03"].enumerated() {
            try db.execute(sql: "INSERT INTO if_batch VALUES (?, '/src', 'sha', 0, 0, '2025-03-04 08:00:00')", arguments: [day])
            try db.execute(sql: "INSERT INTO sum_period_days VALUES (?, ?, ?, ?)", arguments: [day, index + 1, index + 1, index + 1])
        }
        // deposit balance, deposit balance-days of the year, loan balance (fen)
        try insert("""
            INSERT INTO ind_customer_day VALUES (?, ?, ?, 0, 0, ?, ?, 0, 0, 0, 0, 0)
            """, [["2025-03-01", "C1", 100_00, 100_00, 4_000_000_00], ["2025-03-02", "C1", 200_00, 300_00, 4_000_000_00],
                  ["2025-03-01", "C2", 150_000_00, 150_000_00, 1], ["2025-03-02", "C2", 150_000_00, 300_000_00, 1],
                  ["2025-03-03", "C2", 150_000_00, 450_000_00, 0],
                  ["2025-03-01", "C3", 120_000_00, 120_000_00, 0], ["2025-03-02", "C3", 120_000_00, 240_000_00, 0],
                  ["2025-03-03", "C3", 120_000_00, 360_000_00, 0]])
        try insert("""
            INSERT INTO base_loan(contract_id, customer_id, product_code, amount, rate_ppm, lpr_spread_bp, start_date,
              maturity_date, classification, guarantee_type, status, batch_date, source_line)
            VALUES (?, ?, 'LN01', ?, ?, ?, ?, ?, ?, 'CREDIT', ?, '2025-03-01', 1)
            """, [["K1", "C1", 1_000_000_00, 34_500, 45, "2024-06-01", "2026-06-01", "NORMAL", "ACTIVE"],
                  ["K2", "C1", 3_000_000_00, 38_500, 85, "2025-01-10", "2027-01-10", "SPECIAL_MENTION", "ACTIVE"],
                  ["K3", "C3", 2_000_000_00, 40_000, 100, "2024-12-01", "2025-12-01", "NORMAL", "ACTIVE"],
                  ["K4", "C1", 9_000_000_00, 30_000, 0, "2023-01-01", "2024-01-01", "NORMAL", "SETTLED"],
                  ["K5", "C1", 9_000_000_00, 30_000, 0, "2025-03-03", "2026-03-03", "NORMAL", "ACTIVE"]])
        try insert("""
            INSERT INTO base_credit_limit(limit_id, customer_id, amount, used, start_date, end_date, status, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, '2025-03-01', 1)
            """, [["L1", "C1", 1_000_000_00, 250_000_00, "2024-07-01", "2026-06-30", "ACTIVE"],
                  ["L2", "C1", 500_000_00, 500_000_00, "2023-07-01", "2024-06-30", "EXPIRED"],
                  ["L3", "C3", 2_000_000_00, 1_500_000_00, "2025-01-01", "2026-12-31", "ACTIVE"]])
        try db.execute(sql: """
            INSERT INTO base_conglomerate VALUES ('G1', '测试集团', 'C1', 'ACTIVE', '2025-03-01', 1);
            INSERT INTO base_conglomerate_member VALUES ('G1', 'C1', 'PARENT', NULL, '2025-03-01', 1);
            INSERT INTO base_conglomerate_member VALUES ('G1', 'C3', 'SUBSIDIARY', 5100, '2025-03-01', 1);
            """)
    }
    return database
}

private let day1 = BusinessDate("2025-03-01")!
private let day2 = BusinessDate("2025-03-02")!
private let day3 = BusinessDate("2025-03-03")!
private let everything = DataScope(reach: .everything)
private func rm(_ id: String) -> DataScope { DataScope(reach: .managedBy(staffID: id)) }

@Suite struct AverageQueryTests {
    @Test func workedExampleOf100And200And0Is100() throws {
        let database = try smallBank()
        let averages = try database.writer.read { try AverageQuery.customer($0, id: "C1", scope: everything, from: day1, to: day3) }
        #expect(averages.days == 3)
        #expect(averages.total.depositAverage == 100_00, "(100 + 200 + 0) / 3, the day without a row counting as 0")
        #expect(averages.total.depositBalance == 0, "no row on the last day")
        #expect(averages.total.loanAverage == 2_666_666_67, "(4m + 4m + 0) / 3 rounded half away from zero")
        let two = try database.writer.read { try AverageQuery.customer($0, id: "C1", scope: everything, from: day1, to: day2) }
        #expect(two.total.depositAverage == 150_00)
        #expect(two.total.depositBalance == 200_00)
        let c2 = try database.writer.read { try AverageQuery.customer($0, id: "C2", scope: everything, from: day1, to: day3) }
        #expect(c2.total.loanAverage == 1, "2 fen / 3 = 0.67 fen rounds to 1")
    }

    @Test func aConglomerateSumsItsMembersInTheScope() throws {
        let database = try smallBank()
        let all = try database.writer.read { try AverageQuery.conglomerate($0, id: "G1", scope: everything, from: day1, to: day3) }
        #expect(all.name == "测试集团")
        #expect(all.averages.customers.map(\.customerID) == ["C1", "C3"])
        #expect(all.averages.customers.map(\.figures.depositAverage) == [100_00, 120_000_00])
        #expect(all.averages.total.depositAverage == 120_100_00, "(300 + 360,000) / 3")
        #expect(all.averages.total.depositBalance == 120_000_00)
        let mine = try database.writer.read { try AverageQuery.conglomerate($0, id: "G1", scope: rm("R1"), from: day1, to: day3) }
        #expect(mine.averages.customers.map(\.customerID) == ["C1"])
        #expect(mine.averages.total == mine.averages.customers[0].figures)
        #expect(throws: QueryError.unknownConglomerate("G1"), "R9 manages none of its members") {
            try database.writer.read { try AverageQuery.conglomerate($0, id: "G1", scope: rm("R9"), from: day1, to: day3) }
        }
        #expect(throws: QueryError.unknownConglomerate("NOPE")) {
            try database.writer.read { try AverageQuery.conglomerate($0, id: "NOPE", scope: everything, from: day1, to: day3) }
        }
    }

    @Test func aCustomerGroupIsAveragedForItsOwnerOnly() throws {
        let database = try smallBank()
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO work_customer_group(id, name, owner, created_at) VALUES ('K1', '链上客户', 'R2', '2025-01-03 09:00:00');
                INSERT INTO work_customer_group_member(group_id, customer_id, added_at)
                VALUES ('K1', 'C1', '2025-01-03 09:00:00'), ('K1', 'C2', '2025-01-03 09:00:00');
                """)
        }
        let group = try database.writer.read { try AverageQuery.group($0, id: "K1", owner: "R2", scope: rm("R2"), from: day1, to: day3) }
        #expect(group.name == "链上客户")
        #expect(group.averages.customers.map(\.customerID) == ["C1", "C2"])
        #expect(group.averages.total.depositAverage == 150_100_00)
        #expect(throws: QueryError.unknownGroup("K1"), "a group is its owner's alone") {
            try database.writer.read { try AverageQuery.group($0, id: "K1", owner: "R1", scope: rm("R1"), from: day1, to: day3) }
        }
    }

    @Test func anySetOfCustomersIsAveragedTheSameWay() throws {
        let database = try smallBank()
        let group = try database.writer.read {
            try AverageQuery.customers($0, set: .customers(["C1", "C2", "C3"]), scope: rm("R2"), from: day1, to: day3)
        }
        #expect(group.customers.map(\.customerID) == ["C1", "C2"], "C3 is not R2's")
        #expect(group.total.depositAverage == 150_100_00)
    }

    @Test func refusesRangesOutsideTheLoadedDatesAndOtherTeamsCustomers() throws {
        let database = try smallBank()
        let loaded = day1...day3
        #expect(throws: QueryError.dateNotLoaded(BusinessDate("2025-02-28")!, loaded: loaded)) {
            try database.writer.read { try AverageQuery.customer($0, id: "C1", scope: everything, from: day1.adding(days: -1), to: day3) }
        }
        #expect(throws: QueryError.dateNotLoaded(BusinessDate("2025-03-04")!, loaded: loaded)) {
            try database.writer.read { try AverageQuery.customer($0, id: "C1", scope: everything, from: day1, to: day3.adding(days: 1)) }
        }
        #expect(throws: QueryError.badRange(from: day3, to: day1)) {
            try database.writer.read { try AverageQuery.customer($0, id: "C1", scope: everything, from: day3, to: day1) }
        }
        #expect(throws: QueryError.unknownCustomer("C3"), "out of R1's scope reads as unknown") {
            try database.writer.read { try AverageQuery.customer($0, id: "C3", scope: rm("R1"), from: day1, to: day3) }
        }
    }

    @Test func aGapInTheLoadedDatesIsNamed() throws {
        let database = try smallBank()
        try database.writer.write { try $0.execute(sql: "DELETE FROM if_batch WHERE biz_date = '2025-03-02'") }
        #expect(throws: QueryError.dateNotLoaded(day2, loaded: day1...day3)) {
            try database.writer.read { try AverageQuery.customer($0, id: "C1", scope: everything, from: day1, to: day3) }
        }
    }
}

/// Runs a registered report.
private func run(_ name: String, _ database: AppDatabase, scope: DataScope = everything,
                 _ request: ReportRequest = ReportRequest()) throws -> ReportTable {
    try database.writer.read { try ReportRegistry.named(name)!.run($0, scope: scope, request: request) }
}

/// The rows as text, cell by cell, as every export writes them.
private func texts(_ table: ReportTable) -> [[String]] { table.rows.map { $0.map(\.text) } }

@Suite struct ReportTests {
    @Test func theRegistryNamesEveryReportOnce() {
        let names = ReportRegistry.all.map(\.name)
        #expect(names == ["effective-accounts", "credit-usage", "credit-usage-by-conglomerate", "loan-rates",
                          "loan-rates-by-conglomerate", "task-progress", "marketing-by-staff", "marketing-by-org",
                          "contribution-ranking"])
        #expect(Set(names).count == names.count)
        #expect(ReportRegistry.all.allSatisfy { !$0.chineseTitle.isEmpty && !$0.englishTitle.isEmpty && !$0.summary.isEmpty })
    }

    @Test func effectiveAccountsOnTheLastLoadedDate() throws {
        let database = try smallBank()
        let table = try run("effective-accounts", database)
        #expect(table.notes.first == "数据日期 2025-03-03", "the as-of date defaults to the last loaded one")
        #expect(texts(table) == [["C2", "华信\"宏达\",有限公司", "150000.00", "150000.00", "李二", "公司一部", "福州分行"],
                                 ["C3", "甲|乙公司", "120000.00", "120000.00", "张三", "公司二部", "福州分行"]])
        let early = try run("effective-accounts", database, ReportRequest(asOf: day1))
        #expect(early.rows.count == 2)
        try database.writer.write { try $0.execute(sql: "UPDATE sys_setting SET value = '130000.00' WHERE key = 'effective_account_min'") }
        #expect(try run("effective-accounts", database).rows.map { $0[0] } == [.text("C2")], "the minimum is the setting")
    }

    @Test func creditUsageByCustomer() throws {
        let database = try smallBank()
        let table = try run("credit-usage", database, scope: rm("R1"))
        #expect(texts(table) == [
            ["C1", "福州新盛路桥有限公司", "L1", "1000000.00", "250000.00", "750000.00", "25.00", "2024-07-01", "2026-06-30", "有效"],
            ["C1", "福州新盛路桥有限公司", "L2", "500000.00", "500000.00", "0.00", "100.00", "2023-07-01", "2024-06-30", "已到期"],
        ])
    }

    @Test func creditUsageByConglomerateRollsUpActiveLimits() throws {
        let database = try smallBank()
        #expect(texts(try run("credit-usage-by-conglomerate", database)) == [
            ["G1", "测试集团", "C1", "福州新盛路桥有限公司", "1", "1000000.00", "250000.00", "750000.00", "25.00"],
            ["G1", "测试集团", "C3", "甲|乙公司", "1", "2000000.00", "1500000.00", "500000.00", "75.00"],
            ["G1", "测试集团", "", "集团合计", "2", "3000000.00", "1750000.00", "1250000.00", "58.33"],
        ])
        #expect(texts(try run("credit-usage-by-conglomerate", database, scope: rm("R1"))) == [
            ["G1", "测试集团", "C1", "福州新盛路桥有限公司", "1", "1000000.00", "250000.00", "750000.00", "25.00"],
            ["G1", "测试集团", "", "集团合计", "1", "1000000.00", "250000.00", "750000.00", "25.00"],
        ])
    }

    @Test func loanRatesWithWeightedAverages() throws {
        let database = try smallBank()
        #expect(texts(try run("loan-rates", database, scope: rm("R1"), ReportRequest(asOf: day2))) == [
            ["C1", "福州新盛路桥有限公司", "K1", "1000000.00", "3.45", "45", "2024-06-01", "2026-06-01", "正常"],
            ["C1", "福州新盛路桥有限公司", "K2", "3000000.00", "3.85", "85", "2025-01-10", "2027-01-10", "关注"],
            ["C1", "福州新盛路桥有限公司", "客户加权平均", "4000000.00", "3.75", "75", "", "", ""],
        ], "settled loans and loans started after the as-of date are left out")
        #expect(texts(try run("loan-rates-by-conglomerate", database, ReportRequest(asOf: day2))) == [
            ["G1", "测试集团", "C1", "福州新盛路桥有限公司", "2", "4000000.00", "3.75", "75"],
            ["G1", "测试集团", "C3", "甲|乙公司", "1", "2000000.00", "4.00", "100"],
            ["G1", "测试集团", "", "集团合计", "3", "6000000.00", "3.8333", "83"],
        ])
    }

    @Test func aConglomerateNarrowsTheRowsToItsMembers() throws {
        let database = try smallBank()
        let table = try run("effective-accounts", database, ReportRequest(conglomerateID: "G1"))
        #expect(table.rows.map { $0[0] } == [.text("C3")])
        #expect(table.notes.contains("集团 G1 测试集团"))
        #expect(throws: QueryError.unknownConglomerate("G9")) { try run("loan-rates", database, ReportRequest(conglomerateID: "G9")) }
        #expect(throws: QueryError.dateNotLoaded(BusinessDate("2025-03-04")!, loaded: day1...day3)) {
            try run("loan-rates", database, ReportRequest(asOf: BusinessDate("2025-03-04")!))
        }
    }

    @Test func anRMSeesOnlyTheirCustomersInEveryReportAndExport() throws {
        let database = try smallBank()
        for report in ReportRegistry.all {
            for (staff, theirs) in [("R1", ["C1"]), ("R3", ["C3"]), ("R2", ["C1", "C2"])] {
                let table = try run(report.name, database, scope: rm(staff))
                let ids = Set(table.rows.flatMap { $0 }.compactMap { cell -> String? in
                    if case .text(let text) = cell, text.count == 2, text.hasPrefix("C") { return text }
                    return nil
                })
                #expect(ids.isSubset(of: Set(theirs)), "\(report.name) as \(staff): \(ids)")
                let others = ["福州新盛路桥有限公司": "C1", "华信": "C2", "甲|乙公司": "C3"].filter { !theirs.contains($0.value) }.keys
                for export in [ReportCSV.render(table), ReportMarkdown.render(table)] {
                    #expect(others.allSatisfy { !export.contains($0) && !export.contains($0.replacingOccurrences(of: "|", with: "\\|")) },
                            "\(report.name) as \(staff)")
                }
            }
            #expect(try run(report.name, database, scope: DataScope(reach: .nothing)).rows.isEmpty, "administrators see no rows")
        }
    }

    @Test func aCSVExportQuotesANameWithACommaAndAQuote() throws {
        let database = try smallBank()
        let csv = ReportCSV.render(try run("effective-accounts", database))
        #expect(csv.hasPrefix("\u{FEFF}客户号,客户名称,存款年日均,存款余额,主办客户经理,所属机构,分行\r\n"))
        #expect(csv.contains("\r\nC2,\"华信\"\"宏达\"\",有限公司\",150000.00,150000.00,李二,公司一部,福州分行\r\n"))
        let markdown = ReportMarkdown.render(try run("effective-accounts", database))
        #expect(markdown.hasPrefix("# 有效户清单 Effective accounts\n"))
        #expect(markdown.contains("| C3 | 甲\\|乙公司 | 120000.00 | 120000.00 | 张三 | 公司二部 | 福州分行 |"))
        #expect(markdown.contains("| --- | --- | ---: | ---: | --- | --- | --- |"))
    }
}
