import CRMCore
import GRDB
import Testing
@testable import CRMStore

/// 经营计划完成情况跟踪 against hand-made indicator rows and hand-computed figures.
@Suite struct PlanTrackingTests {
    /// March deposits: the bank 1,000,000 yuan, split equally; on 10 March B1 holds 400,000, B2 100,000.
    private func marchDeposits() throws -> PlanFixture {
        let bank = try PlanFixture()
        try bank.apply(IssuePlan(id: "P1", kpiCode: "DEP_BAL", period: PlanPeriod("2025-03")!, target: 1_000_000_00), as: "H1")
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "HQ", method: .equal), as: "H1")
        try bank.load("2025-03-10", days: (10, 69, 69))
        try bank.rollup("2025-03-10", "ORG:HQ", deposit: 500_000_00)
        try bank.rollup("2025-03-10", "ORG:B1", deposit: 400_000_00)
        try bank.rollup("2025-03-10", "ORG:B2", deposit: 100_000_00)
        return bank
    }

    @Test func aPointBalanceAgainstItsTarget() throws {
        let tracking = try marchDeposits().track("P1")
        #expect(tracking.date == BusinessDate("2025-03-10"))
        let bank = try #require(tracking.progress[PlanNodeID(.org, "HQ")])
        #expect(bank.actual == 500_000_00)
        #expect(bank.completionBP == 5_000)
        #expect(bank.elapsedBP == 3_226, "10 of 31 days = 32.258%")
        #expect(bank.dueByNow == 322_580_65, "1,000,000 × 10 / 31 = 322,580.645 → 322,580.65")
        #expect(bank.need == .gap(500_000_00))
        #expect(bank.rank == 1 && bank.siblings == 1)
        let b1 = try #require(tracking.progress[PlanNodeID(.org, "B1")])
        let b2 = try #require(tracking.progress[PlanNodeID(.org, "B2")])
        #expect(b1.completionBP == 8_000 && b1.rank == 1 && b1.siblings == 2 && !b1.isBehind)
        #expect(b2.completionBP == 2_000 && b2.rank == 2, "ranked among siblings by completion")
        #expect(b2.isBehind, "20% done with 32.26% of the month gone, more than 5 points behind")
        #expect(!bank.isBehind)
        #expect(try marchDeposits().track("P1", margin: 13).progress[PlanNodeID(.org, "B2")]?.isBehind == false, "within a 13-point margin")
    }

    @Test func aNodeBehindIsRemindedOnItsWorkbench() throws {
        let bank = try marchDeposits()
        func behind(_ staffID: String) throws -> [String] {
            let viewer = try bank.profile(staffID)
            return try bank.database.writer.read {
                try ReminderQuery.due($0, viewer: viewer, today: BusinessDate("2025-03-11")!, lead: ReminderLeadDays())
            }.filter { $0.kind == .planBehind }.map(\.subject)
        }
        #expect(try behind("BH2") == ["存款时点余额 2025-03 20.00% < 32.26%"])
        #expect(try behind("BH").isEmpty, "B1 is ahead")
        #expect(try behind("H1").isEmpty, "the bank is ahead")
    }

    /// domain.md's worked example: 1,000,000 on 28 Feb, +2,000,000 on 3 Mar, −2,500,000 on 20 Mar; a March
    /// average target of 2,000,000.
    private func averageOnDate(_ date: String, day: Int, balanceDays: Int64) throws -> PlanProgress {
        let bank = try PlanFixture()
        try bank.apply(IssuePlan(id: "A", kpiCode: "DEP_AVG_M", period: PlanPeriod("2025-03")!, target: 2_000_000_00), as: "H1")
        try bank.load(date, days: (day, 59 + day, 59 + day))
        try bank.rollup(date, "ORG:HQ", deposit: 0, depositDays: (balanceDays, 0, 0))
        return try #require(bank.track("A").progress[PlanNodeID(.org, "HQ")])
    }

    @Test func anAverageTargetNeedsThisBalanceOnEachRemainingDay() throws {
        let tenth = try averageOnDate("2025-03-10", day: 10, balanceDays: 26_000_000_00)
        #expect(tenth.actual == 2_600_000_00, "MTD average on 10 March")
        #expect(tenth.need == .dailyBalance(1_714_285_72), "(2,000,000 × 31 − 26,000,000) / 21 = 1,714,285.714… rounded up")
        let eve = try averageOnDate("2025-03-30", day: 30, balanceDays: 58_500_000_00)
        #expect(eve.need == .dailyBalance(3_500_000_00), "one day left: 62,000,000 − 58,500,000")
        let last = try averageOnDate("2025-03-31", day: 31, balanceDays: 59_000_000_00)
        #expect(last.actual == 1_903_225_81, "March average 1,903,225.81")
        #expect(last.need == .periodOver)
        #expect(last.completionBP == 9_516 && last.elapsedBP == 10_000)
        #expect(!last.isBehind, "95.16% against 100% less 5 points")
    }

    @Test func aPeriodAlreadyOverIsMeasuredOnItsLastLoadedDay() throws {
        let bank = try PlanFixture()
        try bank.apply(IssuePlan(id: "F", kpiCode: "DEP_AVG_M", period: PlanPeriod("2025-02")!, target: 1_000_000_00), as: "H1")
        try bank.load("2025-02-28", days: (28, 59, 59))
        try bank.rollup("2025-02-28", "ORG:HQ", deposit: 0, depositDays: (28_000_000_00, 0, 0))
        try bank.load("2025-03-10", days: (10, 69, 69))
        try bank.rollup("2025-03-10", "ORG:HQ", deposit: 0, depositDays: (1, 0, 0))
        let tracking = try bank.track("F")
        #expect(tracking.date == BusinessDate("2025-02-28"))
        let progress = try #require(tracking.progress[PlanNodeID(.org, "HQ")])
        #expect(progress.actual == 1_000_000_00 && progress.completionBP == 10_000 && progress.elapsedBP == 10_000)
        #expect(progress.need == .periodOver)
    }

    @Test func aPlanNotStartedHasNoActualAndNeedsTheTargetEveryDay() throws {
        let bank = try PlanFixture()
        try bank.apply(IssuePlan(id: "N", kpiCode: "DEP_AVG_M", period: PlanPeriod("2025-04")!, target: 1_000_00), as: "H1")
        try bank.load("2025-03-10", days: (10, 69, 69))
        let progress = try #require(bank.track("N").progress[PlanNodeID(.org, "HQ")])
        #expect(progress.actual == nil && progress.completionBP == nil && progress.elapsedBP == 0 && !progress.isBehind)
        #expect(progress.need == .dailyBalance(1_000_00))
    }

    @Test func lowerIsBetterCountsTargetOverActual() throws {
        let bank = try PlanFixture()
        let cap = KPIIndicator(code: "LDR_CAP", nameZh: "存贷比上限", nameEn: "LDR cap", unit: .ratio, direction: .lower, measure: .loanToDeposit,
                               builtIn: false)
        try bank.apply(DefineKPI(cap), as: "H1")
        try bank.apply(IssuePlan(id: "C", kpiCode: "LDR_CAP", period: PlanPeriod("2025-03")!, target: 7_000), as: "H1")
        try bank.load("2025-03-10", days: (10, 69, 69))
        try bank.rollup("2025-03-10", "ORG:HQ", deposit: 1_000_00, loan: 800_00)
        let progress = try #require(bank.track("C").progress[PlanNodeID(.org, "HQ")])
        #expect(progress.actual == 8_000 && progress.completionBP == 8_750, "70% / 80%")
        #expect(progress.need == .gap(1_000), "10 points too high")
        #expect(progress.isBehind, "87.5% is below 100% less 5 points, whatever the time")
    }
}
