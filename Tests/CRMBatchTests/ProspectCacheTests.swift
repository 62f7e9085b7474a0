import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// The prospect step keeps its 12-month window in a cache changed by the rows each day changes; on every date its
/// `app_prospect` must equal a ranking computed from scratch over the whole window (`ProspectReference`), and the
/// cache must equal one built from scratch.
///
/// The hand-made bank starts on 29 January 2024 with flows in January to March 2024, which leave the window in
/// January and February 2025, and is then compared day by day from 26 November 2024 to 5 February 2025 (three
/// month ends). Along the way: ties in flow, a counterparty under two spellings of one name and one without a bank code at first,
/// a payment to one of our customers' names and one to the treasury (both left out), an in-bank counterparty, a
/// reversal on 3 January of a December transaction, and main managers reassigned on 10 December and 15 January.
@Suite struct ProspectCacheTests {
    static let header = FundFlowTests.header
    static let far = "102584000016"
    static let near = "102391000020"

    static func source() -> ScratchFolder {
        let scratch = ScratchFolder()
        let source = SourceWriter(root: scratch.path)
        var first = FixtureBank.dimensions
        first["balances.csv"] = "account_no,balance\nA1,1000000.00\nA2,1000000.00\nA3,1000000.00\n"
        source.write("2024-01-29", text: first)
        func transactions(_ date: String, _ rows: String) {
            source.write(date, text: ["transactions.csv": header + rows + "\n"])
        }
        transactions("2024-01-30", """
            T01,A1,2024-01-30 10:00:00,C,100000.00,深圳甲电子有限公司,6001,\(far),EBANK,货款,NORMAL,
            T02,A2,2024-01-30 11:00:00,D,50000.00,福州乙贸易有限公司,6002,\(near),EBANK,货款,NORMAL,
            """)
        transactions("2024-02-05", "T03,A3,2024-02-05 10:00:00,C,30000.00,深圳甲电子有限公司,6001,\(far),EBANK,货款,NORMAL,")
        transactions("2024-03-10", "T04,A2,2024-03-10 10:00:00,D,20000.00,厦门丙贸易有限公司,6003,\(far),EBANK,货款,NORMAL,")
        transactions("2024-11-28", """
            T05,A1,2024-11-28 10:00:00,C,40000.00,福州乙贸易有限公司,6002,\(near),EBANK,货款,NORMAL,
            T06,A3,2024-11-28 11:00:00,D,20000.00,泉州丁建材有限公司,6004,,EBANK,货款,NORMAL,
            """)
        transactions("2024-12-02", """
            T07,A1,2024-12-02 10:00:00,D,10000.00,泉州恒达建材有限公司,6005,\(far),EBANK,货款,NORMAL,
            T08,A2,2024-12-02 11:00:00,D,20000.00,国家金库福州中心支库,,011391000011,EBANK,增值税税款,NORMAL,
            """)
        source.write("2024-12-10", text: ["customer_managers.csv": "customer_id,staff_id,role,share_pct\nC1,E2,MAIN,100\n"])
        transactions("2024-12-15", """
            T09,A3,2024-12-15 10:00:00,C,70000.00,深圳甲电子有限公司,6001,\(far),EBANK,货款,NORMAL,
            T10,A1,2024-12-15 11:00:00,C,20000.00,厦门丙贸易有限公司,6003,\(far),EBANK,货款,NORMAL,
            """)
        transactions("2024-12-20", "T11,A2,2024-12-20 10:00:00,D,30000.00,福州戊实业有限公司,8888,\(FixtureBank.branchBankCode),EBANK,货款,NORMAL,")
        transactions("2024-12-31", "T12,A1,2024-12-31 10:00:00,C,60000.00,厦门丙贸易　有限公司,6003,\(far),EBANK,货款,NORMAL,")
        transactions("2025-01-03", "T13,A1,2025-01-03 09:00:00,D,60000.00,厦门丙贸易　有限公司,6003,\(far),COUNTER,冲正,REVERSAL,T12")
        source.write("2025-01-15", text: ["customer_managers.csv": "customer_id,staff_id,role,share_pct\nC3,E1,MAIN,100\n"])
        transactions("2025-01-20", """
            T14,A2,2025-01-20 10:00:00,C,5000.00,深圳甲电子有限公司,6001,\(far),EBANK,货款,NORMAL,
            T15,A1,2025-01-20 11:00:00,D,20000.00,泉州丁建材有限公司,6004,\(far),EBANK,货款,NORMAL,
            """)
        transactions("2025-02-02", "T16,A1,2025-02-02 10:00:00,C,15000.00,泉州丁建材有限公司,6004,\(far),EBANK,货款,NORMAL,")
        source.fillDays(from: "2024-01-29", to: "2025-02-05")
        return scratch
    }

    static let cacheTables = ["app_prospect", "app_prospect_cache_state", "app_prospect_row", "app_prospect_pair",
                              "app_prospect_value", "app_prospect_staff", "app_prospect_base", "app_prospect_manager",
                              "app_prospect_stale"]

    /// Loads each date from `from` to `to` alone and compares the step's ranking with the reference after each.
    static func loadComparing(_ db: AppDatabase, _ root: String, from: BusinessDate, to: BusinessDate) throws {
        var date = from
        while date <= to {
            _ = try FixtureBank.load(db, root, from: date, to: date)
            let (rows, reference) = try db.writer.read { db in
                (try ProspectReference.stored(db), try ProspectReference.fromScratch(db, date: date))
            }
            #expect(rows == reference, "\(date)")
            date = date.adding(days: 1)
        }
    }

    @Test func cachedRankingEqualsTheFullWindowOnEveryDateAndAfterARollback() throws {
        let scratch = Self.source()
        let db = try FixtureBank.open()
        try Self.loadComparing(db, scratch.path, from: BusinessDate("2024-01-29")!, to: BusinessDate("2024-01-29")!)
        _ = try FixtureBank.load(db, scratch.path, to: BusinessDate("2024-11-24")!)
        try Self.loadComparing(db, scratch.path, from: BusinessDate("2024-11-25")!, to: BusinessDate("2025-02-05")!)
        let end = try DatabaseDump.dump(db).filter { Self.cacheTables.contains($0.key) }
        // On 5 February (March 2024 to February 2025): 甲 lost January and February 2024 and follows C3 to E1; 丁's
        // bank code is the one it has; 丙 keeps 20,000 of December after the reversal; 乙 lost January 2024.
        let ranked = try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT counterparty_key, flow, customers, active_months, top_staff_id, bank_code FROM app_prospect ORDER BY rank")
                .map { "\($0[0] as String) \($0[1] as Int64) \($0[2] as Int) \($0[3] as Int) \($0[4] as String) \($0[5] as String)" }
        }
        #expect(ranked == ["深圳甲电子有限公司 7500000 2 2 E1 \(Self.far)", "泉州丁建材有限公司 5500000 2 3 E2 \(Self.far)",
                           "厦门丙贸易有限公司 4000000 2 2 E1 \(Self.far)", "福州乙贸易有限公司 4000000 1 1 E2 \(Self.near)"])
        // The cache kept day by day is the one built from scratch on the last date.
        try db.writer.write { db in
            try ProspectStep.clear(db)
            try ProspectStep.run(db, date: BusinessDate("2025-02-05")!)
        }
        #expect(try DatabaseDump.dump(db).filter { Self.cacheTables.contains($0.key) } == end)
        // Back into January from February, across the reversal, and on to the end again.
        try Self.loadComparing(db, scratch.path, from: BusinessDate("2025-01-02")!, to: BusinessDate("2025-02-05")!)
        #expect(try DatabaseDump.dump(db).filter { Self.cacheTables.contains($0.key) } == end)
        // Back into December, reloaded in one run.
        _ = try FixtureBank.load(db, scratch.path, from: BusinessDate("2024-12-12")!)
        #expect(try DatabaseDump.dump(db).filter { Self.cacheTables.contains($0.key) } == end)
    }
}

/// The prospect ranking computed from scratch over the 12-month window, as `ProspectStep` did before its cache.
enum ProspectReference {
    static let columns = """
        counterparty_key, name, bank_code, flow, customers, active_months, region_match, flow_at_or_below,
        customers_at_or_below, population, flow_part, customers_part, months_part, region_part, score, top_staff_id,
        top_staff_flow, rank, as_of
        """

    /// `app_prospect` by rank.
    static func stored(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM app_prospect ORDER BY rank").map(\.description)
    }

    /// The rows `app_prospect` should hold as of `date`, by rank.
    static func fromScratch(_ db: Database, date: BusinessDate) throws -> [String] {
        var first = date.startOfMonth
        for _ in 0..<11 { first = first.adding(days: -1).startOfMonth }
        let publicBody = FundFlowRules.publicBodyNameWords.map { "instr(counterparty_key, '\($0)') > 0" }.joined(separator: " OR ")
        return try Row.fetchAll(db, sql: """
            WITH pair AS (
              SELECT counterparty_key, customer_id, SUM(inflow + outflow) AS flow, MAX(counterparty_name) AS name,
                MAX(counterparty_bank_code) AS bank_code
              FROM app_counterparty_month
              WHERE month BETWEEN :from AND :to AND in_bank = 0
                AND counterparty_key NOT IN (SELECT name FROM base_customer) AND NOT (\(publicBody))
              GROUP BY counterparty_key, customer_id
            ),
            months AS (
              SELECT counterparty_key, COUNT(DISTINCT month) AS months FROM app_counterparty_month
              WHERE month BETWEEN :from AND :to AND in_bank = 0 GROUP BY counterparty_key
            ),
            staff AS (
              SELECT counterparty_key, staff_id, flow FROM (
                SELECT p.counterparty_key, m.staff_id, SUM(p.flow) AS flow,
                  ROW_NUMBER() OVER (PARTITION BY p.counterparty_key ORDER BY SUM(p.flow) DESC, m.staff_id) AS n
                FROM pair p JOIN base_customer_manager m ON m.customer_id = p.customer_id AND m.role = 'MAIN'
                GROUP BY p.counterparty_key, m.staff_id
              ) WHERE n = 1
            ),
            base AS (
              SELECT p.counterparty_key, MAX(p.name) AS name, MAX(p.bank_code) AS bank_code, SUM(p.flow) AS flow,
                COUNT(*) AS customers, m.months
              FROM pair p JOIN months m ON m.counterparty_key = p.counterparty_key
              GROUP BY p.counterparty_key
            ),
            ranked AS (
              SELECT *, COUNT(*) OVER (ORDER BY flow) AS flow_le, COUNT(*) OVER (ORDER BY customers) AS customers_le,
                COUNT(*) OVER () AS population,
                COALESCE(substr(bank_code, 4, 4) IN (
                  SELECT substr(bank_code, 4, 4) FROM base_org WHERE length(bank_code) = 12
                ), 0) AS region_match
              FROM base
            ),
            parts AS (
              SELECT *, 4000 * flow_le / population AS flow_part, 2500 * customers_le / population AS customers_part,
                2000 * months / 12 AS months_part, 1500 * region_match AS region_part
              FROM ranked
            )
            SELECT x.counterparty_key, x.name, x.bank_code, x.flow, x.customers, x.months AS active_months, x.region_match,
              x.flow_le AS flow_at_or_below, x.customers_le AS customers_at_or_below, x.population, x.flow_part,
              x.customers_part, x.months_part, x.region_part,
              x.flow_part + x.customers_part + x.months_part + x.region_part AS score, s.staff_id AS top_staff_id,
              COALESCE(s.flow, 0) AS top_staff_flow,
              ROW_NUMBER() OVER (ORDER BY x.flow_part + x.customers_part + x.months_part + x.region_part DESC, x.flow DESC,
                x.counterparty_key) AS rank,
              :day AS as_of
            FROM parts x LEFT JOIN staff s ON s.counterparty_key = x.counterparty_key
            ORDER BY rank
            """, arguments: ["from": first.monthKey, "to": date.monthKey, "day": date.description]).map(\.description)
    }
}
