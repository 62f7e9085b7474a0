import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

/// 智能日程提醒 on the hand-made org tree: each kind within its lead days, across month and year ends and on
/// 29 February, within the viewer's scope, and set aside by done and snooze.
@Suite struct ReminderTests {
    @Test func anniversariesComeRoundAcrossYearEndsAndOn29February() {
        let d = { (text: String) in BusinessDate(text)! }
        #expect(Anniversary.next(of: d("1970-01-02"), onOrAfter: d("2025-12-30")) == d("2026-01-02"), "across the year end")
        #expect(Anniversary.next(of: d("1970-12-30"), onOrAfter: d("2025-12-30")) == d("2025-12-30"), "today counts")
        #expect(Anniversary.next(of: d("1970-12-29"), onOrAfter: d("2025-12-30")) == d("2026-12-29"), "just passed: next year")
        #expect(Anniversary.next(of: d("1980-02-29"), onOrAfter: d("2025-02-20")) == d("2025-02-28"), "29 February on 28 February")
        #expect(Anniversary.next(of: d("1980-02-29"), onOrAfter: d("2028-02-20")) == d("2028-02-29"), "and on itself in a leap year")
        #expect(Anniversary.next(of: d("1980-02-29"), onOrAfter: d("2025-03-01")) == d("2026-02-28"))
        #expect(Anniversary.next(of: d("1990-01-31"), onOrAfter: d("2025-01-31")) == d("2025-01-31"))
    }

    @Test func eachKindComesUpWithinItsLeadDaysInScope() throws {
        let database = try ScopeFixture.orgTree()
        try database.writer.write { db in
            try db.execute(sql: """
                UPDATE base_customer SET controller_name = '张总', controller_birthday = '1972-02-29', founded_date = '2010-03-05'
                WHERE customer_id = 'C1';
                UPDATE base_customer SET controller_name = '李总', controller_birthday = '1968-03-10' WHERE customer_id = 'C2';
                UPDATE base_customer SET controller_name = '王总', controller_birthday = '1975-02-27' WHERE customer_id = 'C3';
                INSERT INTO base_product(product_code, name, category, on_balance, batch_date, source_line) VALUES ('D3001', '定期', 'TIME_DEPOSIT', 1, '2025-01-01', 1);
                INSERT INTO base_account(account_no, customer_id, product_code, kind, currency, org_id, open_date, maturity_date, status, batch_date, source_line)
                  VALUES ('A1', 'C1', 'D3001', 'DEPOSIT', 'CNY', 'T1', '2024-03-28', '2025-03-28', 'ACTIVE', '2025-01-01', 1),
                         ('A3', 'C1', 'D3001', 'DEPOSIT', 'CNY', 'T1', '2024-03-29', '2025-03-29', 'ACTIVE', '2025-01-01', 1),
                         ('A2', 'C1', 'D3001', 'DEPOSIT', 'CNY', 'T1', '2024-03-30', '2025-03-30', 'ACTIVE', '2025-01-01', 1);
                INSERT INTO base_loan(contract_id, customer_id, product_code, amount, start_date, maturity_date, classification, guarantee_type, status, batch_date, source_line)
                  VALUES ('K1', 'C2', 'L1', 500000000, '2024-03-01', '2025-03-15', 'NORMAL', 'CREDIT', 'ACTIVE', '2025-01-01', 1),
                         ('K2', 'C2', 'L1', 100, '2024-03-01', '2025-03-15', 'NORMAL', 'CREDIT', 'SETTLED', '2025-01-01', 1);
                INSERT INTO base_credit_limit(limit_id, customer_id, amount, used, start_date, end_date, status, batch_date, source_line)
                  VALUES ('S1', 'C1', 900000000, 0, '2024-04-27', '2025-04-27', 'ACTIVE', '2025-01-01', 1),
                         ('S1b', 'C1', 900000000, 0, '2024-04-28', '2025-04-28', 'ACTIVE', '2025-01-01', 1),
                         ('S2', 'C1', 900000000, 0, '2024-04-29', '2025-04-29', 'ACTIVE', '2025-01-01', 1);
                INSERT INTO work_schedule(id, staff_id, title, starts_at, customer_id, created_at, updated_at)
                  VALUES ('s1', 'R1', '回访张总', '2025-03-02 10:00', 'C1', '2025-02-01 09:00:00', '2025-02-01 09:00:00'),
                         ('s2', 'R1', '太远的事', '2025-03-05 10:00', NULL, '2025-02-01 09:00:00', '2025-02-01 09:00:00');
                """)
        }
        let today = BusinessDate("2025-02-27")!
        func due(_ staff: String) throws -> [String] {
            let viewer = try ScopeFixture.profile(database, staff)
            return try database.writer.read { try ReminderQuery.due($0, viewer: viewer, today: today, lead: ReminderLeadDays()) }.map(\.key)
        }
        let forR1 = try due("R1")
        #expect(forR1 == [
            "BIRTHDAY:C1:2025-02-28",
            "SCHEDULE:s1",
            "ANNIVERSARY:C1:2025-03-05",
            "DEPOSIT_MATURITY:A1:2025-03-28", "DEPOSIT_MATURITY:A3:2025-03-29",
            "CREDIT_EXPIRY:S1:2025-04-27", "CREDIT_EXPIRY:S1b:2025-04-28",
        ], "29 Feb birthday on 28 Feb; 30 days of maturities and 60 of credit limits, the day after each left out; schedule 3 days: \(forR1)")
        #expect(try due("R2").contains("LOAN_MATURITY:K1:2025-03-15") && !(try due("R2")).contains { $0.hasPrefix("LOAN_MATURITY:K2") })
        #expect(try due("R3") == ["BIRTHDAY:C3:2025-02-27"], "an RM sees only their own customers")
        #expect(try due("L1").contains("BIRTHDAY:C1:2025-02-28") && !(try due("L1")).contains("BIRTHDAY:C3:2025-02-27"))

        // Done hides one occurrence; snooze hides it until the date.
        let r1 = try ScopeFixture.profile(database, "R1")
        let log = MutationLog(database: database, clock: .fixed(date: today, hour: 9))
        try log.apply(SetReminderState(key: "BIRTHDAY:C1:2025-02-28", change: .done(true)), by: r1)
        try log.apply(SetReminderState(key: "ANNIVERSARY:C1:2025-03-05", change: .snooze(until: BusinessDate("2025-03-01")!)), by: r1)
        #expect(try !due("R1").contains("BIRTHDAY:C1:2025-02-28"))
        #expect(try !due("R1").contains("ANNIVERSARY:C1:2025-03-05"))
        let later = try database.writer.read {
            try ReminderQuery.due($0, viewer: r1, today: BusinessDate("2025-03-01")!, lead: ReminderLeadDays()).map(\.key)
        }
        #expect(later.contains("ANNIVERSARY:C1:2025-03-05"), "back once the snooze date is reached")
        try log.apply(SetReminderState(key: "BIRTHDAY:C1:2025-02-28", change: .done(false)), by: r1)
        #expect(try due("R1").contains("BIRTHDAY:C1:2025-02-28"), "open again")
    }
}
