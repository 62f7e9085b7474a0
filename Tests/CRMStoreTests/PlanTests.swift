import CRMCore
import GRDB
import Testing
@testable import CRMStore

/// 经营计划下达与分配 on the hand-made org tree HQ › B1 › T1 (L1, R1, R2), T2 (R3); HQ › B2 › T3 (R4).
@Suite struct PlanSplitTests {
    @Test func splitsInWholeUnitsThatSumExactly() {
        #expect(PlanSplit.shares(total: 100, weights: [1, 1, 1], step: 1) == [34, 33, 33], "100 split 3 ways")
        #expect(PlanSplit.shares(total: 10_000, weights: [1, 1, 1], step: 100) == [3_400, 3_300, 3_300], "100 yuan in whole yuan")
        #expect(PlanSplit.shares(total: 10_050, weights: [1, 1, 1], step: 100) == [3_450, 3_300, 3_300], "the odd fen go to the first")
        #expect(PlanSplit.shares(total: 100, weights: [1, 2, 4], step: 1) == [14, 29, 57], "the unit left to the largest remainder")
        #expect(PlanSplit.shares(total: 7, weights: [0, 0], step: 1) == [4, 3], "no weight at all: equal")
    }

    @Test func issuedThenSplitEquallyByHandAndByLastYear() throws {
        let bank = try PlanFixture()
        try bank.apply(IssuePlan(id: "P1", kpiCode: "DEP_BAL", period: PlanPeriod("2025-03")!, target: 1_000_000_00), as: "H1")
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "HQ", method: .equal), as: "H1")
        #expect(try bank.targets("P1") == ["ORG:HQ": 1_000_000_00, "ORG:B1": 500_000_00, "ORG:B2": 500_000_00])
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "B1", method: .manual,
                                       manualTargets: [PlanNodeID(.org, "T1"): 100_00, PlanNodeID(.org, "T2"): 200_00]), as: "BH")
        let tree = try bank.tree("P1")
        #expect(tree.childrenGap(of: PlanNodeID(.org, "HQ")) == 0, "the branches sum to the bank")
        #expect(tree.childrenGap(of: PlanNodeID(.org, "B1")) == Int64(500_000_00 - 300_00), "the teams fall short: flagged")
        #expect(tree.childrenGap(of: PlanNodeID(.org, "T1")) == nil, "not split yet")

        // Last year's March: L1 nothing, R1 200 yuan, R2 100 yuan; R3 no row.
        try bank.load("2024-03-31", days: (31, 91, 91))
        try bank.rollup("2024-03-31", "STAFF:R1", deposit: 200_00)
        try bank.rollup("2024-03-31", "STAFF:R2", deposit: 100_00)
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "T1", method: .lastYear), as: "L1")
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "T2", method: .lastYear), as: "BH")
        let targets = try bank.targets("P1")
        #expect(targets["STAFF:L1"] == 0 && targets["STAFF:R1"] == 67_00 && targets["STAFF:R2"] == 33_00,
                "100 yuan by 0 : 200 : 100 is 0, 66.67, 33.33: whole yuan, the one left to the larger remainder")
        #expect(targets["STAFF:R3"] == 200_00)
        let after = try bank.tree("P1")
        #expect(after.targets[PlanNodeID(.staff, "R1")]?.method == .lastYear)
        #expect(after.targets[PlanNodeID(.staff, "R3")]?.method == .equalNoHistory, "no history: equal, and it says so")
    }

    @Test func withoutAnyLoadedDateLastYearTheSplitIsEqualAndSaysSo() throws {
        let bank = try PlanFixture()
        try bank.apply(IssuePlan(id: "P2", kpiCode: "DEP_AVG_Q", period: PlanPeriod("2025-Q1")!, target: 100_01), as: "H1")
        let plan = try bank.tree("P2").plan
        let proposal = try bank.database.writer.read { db in
            try PlanSplit.propose(db, plan: plan, orgID: "HQ", target: 100_01, method: .lastYear)
        }
        #expect(proposal.method == .equalNoHistory)
        #expect(proposal.shares.map(\.target) == [50_01, 50_00])
        #expect(proposal.shares.allSatisfy { $0.lastYear == nil })
    }

    @Test func anAverageIndicatorIsPlannedOverItsOwnPeriod() throws {
        let bank = try PlanFixture()
        #expect(throws: MutationError.self) {
            try bank.apply(IssuePlan(id: "P3", kpiCode: "DEP_AVG_Y", period: PlanPeriod("2025-03")!, target: 1), as: "H1")
        }
    }

    @Test func aRatioGoesDownWholeAndIsNotSplitByLastYear() throws {
        let bank = try PlanFixture()
        try bank.apply(IssuePlan(id: "L", kpiCode: "LDR", period: PlanPeriod("2025-03")!, target: 7_500), as: "H1")
        #expect(throws: MutationError.self) { try bank.apply(SplitPlanTarget(planID: "L", orgID: "HQ", method: .lastYear), as: "H1") }
        try bank.apply(SplitPlanTarget(planID: "L", orgID: "HQ", method: .equal), as: "H1")
        #expect(try bank.targets("L") == ["ORG:HQ": 7_500, "ORG:B1": 7_500, "ORG:B2": 7_500])
        #expect(try bank.tree("L").childrenGap(of: PlanNodeID(.org, "HQ")) == nil, "ratios of children do not add up")
        try bank.load("2025-03-10", days: (10, 69, 69))
        try bank.rollup("2025-03-10", "ORG:B1", deposit: 1_000_00, loan: 800_00)
        let progress = try bank.track("L").progress
        #expect(progress[PlanNodeID(.org, "B1")]?.actual == 8_000)
        #expect(progress[PlanNodeID(.org, "B2")]?.actual == nil, "no deposits: no ratio")
        #expect(progress[PlanNodeID(.org, "B1")]?.completionBP == 10_667)
    }
}

/// An issued plan is locked: every later change is a revision with who, when and why, and only the right people
/// make them.
@Suite struct PlanRevisionTests {
    @Test func changesAfterIssueAreRevisionsWithReasons() throws {
        let bank = try PlanFixture()
        try bank.apply(IssuePlan(id: "P1", kpiCode: "DEP_BAL", period: PlanPeriod("2025-03")!, target: 1_000_00, note: "年初下达"), as: "H1")
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "HQ", method: .equal), as: "H1")
        let byHand = [PlanNodeID(.org, "B1"): Int64(700_00), PlanNodeID(.org, "B2"): 300_00]
        #expect(throws: MutationError.self, "a second split needs a reason") {
            try bank.apply(SplitPlanTarget(planID: "P1", orgID: "HQ", method: .manual, manualTargets: byHand), as: "H1")
        }
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "HQ", method: .manual, manualTargets: byHand, reason: "B1 新开网点"), as: "H1")
        #expect(throws: MutationError.self, "only head office revises the bank's target") {
            try bank.apply(RevisePlanTarget(planID: "P1", node: PlanNodeID(.org, "HQ"), target: 1_200_00, reason: "上调"), as: "BH")
        }
        #expect(throws: MutationError.self, "a revision needs a reason") {
            try bank.apply(RevisePlanTarget(planID: "P1", node: PlanNodeID(.org, "HQ"), target: 1_200_00, reason: " "), as: "H1")
        }
        try bank.apply(RevisePlanTarget(planID: "P1", node: PlanNodeID(.org, "HQ"), target: 1_200_00, reason: "上调"), as: "H1")
        let tree = try bank.tree("P1")
        #expect(tree.childrenGap(of: PlanNodeID(.org, "HQ")) == 200_00, "the branches no longer add up: flagged")
        #expect(tree.targets[PlanNodeID(.org, "HQ")]?.revision == 2)
        let revisions = try bank.database.writer.read { try tree.revisions($0) }
        #expect(revisions.map { "\($0.node) \($0.before.map(String.init) ?? "-")>\($0.after) \($0.method.rawValue) \($0.reason) \($0.changedBy)" } == [
            "ORG:HQ ->100000 ISSUED 年初下达 H1",
            "ORG:B1 ->50000 EQUAL  H1", "ORG:B2 ->50000 EQUAL  H1",
            "ORG:B1 50000>70000 MANUAL B1 新开网点 H1", "ORG:B2 50000>30000 MANUAL B1 新开网点 H1",
            "ORG:HQ 100000>120000 REVISED 上调 H1",
        ])
        #expect(revisions.allSatisfy { $0.changedAt == "2025-03-11 09:00:00" })
        #expect(throws: MutationError.self, "issued once per indicator and period") {
            try bank.apply(IssuePlan(id: "P9", kpiCode: "DEP_BAL", period: PlanPeriod("2025-03")!, target: 1), as: "H1")
        }
        try bank.database.writer.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sys_outbox ORDER BY created_at, rowid")
            #expect(names == ["plan.issue", "plan.split", "plan.split", "plan.revise"])
            let audited = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sys_audit WHERE action LIKE 'mutation.plan.%'")
            #expect(audited == 4)
        }
        #expect(throws: DatabaseError.self, "the plan itself is locked") {
            try bank.database.writer.write { try $0.execute(sql: "UPDATE work_plan SET period = '2025-04'") }
        }
        #expect(throws: DatabaseError.self, "revisions are kept") {
            try bank.database.writer.write { try $0.execute(sql: "DELETE FROM work_plan_revision") }
        }
    }

    @Test func whoMayIssueSplitAndRevise() throws {
        let bank = try PlanFixture()
        let issue = IssuePlan(id: "P1", kpiCode: "EFFECTIVE", period: PlanPeriod("2025")!, target: 90)
        #expect(throws: MutationError.self, "a manager cannot issue") { try bank.apply(issue, as: "R1") }
        #expect(throws: MutationError.self, "nor can a branch head") { try bank.apply(issue, as: "BH") }
        try bank.apply(issue, as: "H1")
        #expect(throws: MutationError.self, "a branch head does not split the bank") {
            try bank.apply(SplitPlanTarget(planID: "P1", orgID: "HQ", method: .equal), as: "BH")
        }
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "HQ", method: .equal), as: "H1")
        #expect(throws: MutationError.self, "a branch head cannot split outside their branch") {
            try bank.apply(SplitPlanTarget(planID: "P1", orgID: "B2", method: .equal), as: "BH")
        }
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "B2", method: .equal), as: "BH2")
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "B1", method: .equal), as: "BH")
        #expect(throws: MutationError.self, "a team lead splits only their team") {
            try bank.apply(SplitPlanTarget(planID: "P1", orgID: "T2", method: .equal), as: "L1")
        }
        #expect(throws: MutationError.self, "a manager splits nothing") {
            try bank.apply(SplitPlanTarget(planID: "P1", orgID: "T1", method: .equal), as: "R1")
        }
        try bank.apply(SplitPlanTarget(planID: "P1", orgID: "T1", method: .equal), as: "L1")
        #expect(throws: MutationError.self, "B1's target is revised by whoever splits HQ") {
            try bank.apply(RevisePlanTarget(planID: "P1", node: PlanNodeID(.org, "B1"), target: 50, reason: "x"), as: "BH")
        }
        try bank.apply(RevisePlanTarget(planID: "P1", node: PlanNodeID(.staff, "R1"), target: 10, reason: "调岗"), as: "L1")
        #expect(try bank.targets("P1") == ["ORG:HQ": 90, "ORG:B1": 45, "ORG:B2": 45, "ORG:T1": 23, "ORG:T2": 22, "ORG:T3": 45,
                                           "STAFF:L1": 8, "STAFF:R1": 10, "STAFF:R2": 7])
        #expect(try bank.tree("P1", for: "BH").rootIDs == [PlanNodeID(.org, "B1")], "a branch head's tree starts at their branch")
        #expect(try bank.tree("P1", for: "R1").targets.keys.sorted() == [PlanNodeID(.staff, "R1")])
    }
}

/// The KPI library (经营指标库): seeded with the built-in indicators, maintained by head office.
@Suite struct KPILibraryTests {
    @Test func builtInsAreSeededAndHeadOfficeMaintainsTheLibrary() throws {
        let bank = try PlanFixture()
        #expect(try bank.database.writer.read(KPILibrary.all).map(\.code) == KPIIndicator.builtIns.map(\.code).sorted())
        let renamed = KPIIndicator(code: "DEP_BAL", nameZh: "对公存款余额", nameEn: "Corporate deposits", unit: .yuan, direction: .higher,
                                   measure: .depositBalance, builtIn: true)
        #expect(throws: MutationError.self, "head office only") { try bank.apply(DefineKPI(renamed), as: "BH") }
        try bank.apply(DefineKPI(renamed), as: "H1")
        #expect(try bank.database.writer.read { try KPILibrary.indicator($0, code: "DEP_BAL") }?.nameZh == "对公存款余额")
        let remeasured = KPIIndicator(code: "DEP_BAL", nameZh: "x", nameEn: "x", unit: .yuan, direction: .higher, measure: .loanBalance,
                                      builtIn: true)
        #expect(throws: MutationError.self, "a measure is fixed") { try bank.apply(DefineKPI(remeasured), as: "H1") }
        let wrongUnit = KPIIndicator(code: "LOAN_CNT", nameZh: "贷款", nameEn: "Loans", unit: .count, direction: .higher, measure: .loanBalance,
                                     builtIn: false)
        #expect(throws: MutationError.self, "the unit is the measure's") { try bank.apply(DefineKPI(wrongUnit), as: "H1") }
        let lower = KPIIndicator(code: "LDR_CAP", nameZh: "存贷比上限", nameEn: "LDR cap", unit: .ratio, direction: .lower,
                                 measure: .loanToDeposit, builtIn: false)
        try bank.apply(DefineKPI(lower), as: "H1")
        #expect(try bank.database.writer.read { try KPILibrary.indicator($0, code: "LDR_CAP") } == lower)
    }
}
