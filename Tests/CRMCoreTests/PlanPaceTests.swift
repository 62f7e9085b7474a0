import CRMCore
import Testing

/// Plan periods and the pace arithmetic of 经营计划完成情况跟踪.
@Suite struct PlanPaceTests {
    @Test func periodsReadAndSpanTheirCalendarDays() throws {
        let march = try #require(PlanPeriod("2025-03"))
        #expect(march.days == 31 && march.end == BusinessDate("2025-03-31") && march.description == "2025-03")
        let q1 = try #require(PlanPeriod("2024-Q1"))
        #expect(q1.days == 91 && q1.end == BusinessDate("2024-03-31"), "leap year")
        #expect(PlanPeriod("2025-Q4")?.end == BusinessDate("2025-12-31"))
        #expect(PlanPeriod("2025")?.days == 365 && PlanPeriod("2025")?.yearEarlier.description == "2024")
        #expect(PlanPeriod("2024-02")?.yearEarlier.days == 28 && PlanPeriod("2024-02")?.days == 29)
        for bad in ["2025-13", "2025-Q5", "25", "2025-3", "2025-Q", "abcd", "2025-03-01"] { #expect(PlanPeriod(bad) == nil, "\(bad)") }
    }

    @Test func paceFigures() {
        let march = PlanPeriod("2025-03")!
        #expect(PlanPace.elapsedDays(march, asOf: BusinessDate("2025-02-28")!) == 0)
        #expect(PlanPace.elapsedDays(march, asOf: BusinessDate("2025-03-01")!) == 1)
        #expect(PlanPace.elapsedDays(march, asOf: BusinessDate("2025-04-02")!) == 31)
        #expect(PlanPace.basisPoints(2, of: 3) == 6_667 && PlanPace.basisPoints(1, of: 0) == nil)
        #expect(PlanPace.basisPoints(Int64.max / 2, of: 1) == nil, "too large to be a ratio")
        #expect(PlanPace.dueByNow(target: 100, elapsedDays: 1, periodDays: 8) == 13, "12.5 rounds away from zero")
        #expect(PlanPace.neededDailyBalance(targetAverage: 100, balanceDays: 1_400, countedDays: 10, remainingDays: 3) == 0,
                "already secured whatever the balance")
        #expect(PlanPace.neededDailyBalance(targetAverage: 100, balanceDays: 950, countedDays: 10, remainingDays: 3) == 117,
                "1,300 − 950 = 350 over 3 days: 116.67 rounded up")
        #expect(PlanPace.neededDailyBalance(targetAverage: 100, balanceDays: 0, countedDays: 0, remainingDays: 0) == nil)
    }
}
