import CRMCore
import GRDB

/// What a node needs for the rest of its plan's period.
public enum PlanNeed: Sendable, Equatable {
    /// An average target: the balance needed on each remaining day (rounded up to the fen), 0 when it is reached
    /// whatever happens.
    case dailyBalance(Int64)
    /// Anything else: how far the actual is from the target (0 once reached).
    case gap(Int64)
    /// An average target whose period has no day left.
    case periodOver
}

/// One node's progress on its plan (经营计划完成情况跟踪).
public struct PlanProgress: Sendable, Equatable {
    public let target: PlanTarget
    /// nil before the period has a loaded date, or for a ratio over nothing.
    public let actual: Int64?
    /// actual / target in basis points (lower is better: target / actual); nil when either is 0 or unknown.
    public let completionBP: Int64?
    /// Share of the period's calendar days gone by the measured date, basis points.
    public let elapsedBP: Int64
    /// Where the node should be by now: target × elapsed.
    public let dueByNow: Int64
    /// 1 for the best completion among the nodes split from the same parent; nil without a completion.
    public let rank: Int?
    public let siblings: Int
    public let need: PlanNeed
    /// Completion trails time elapsed by more than the margin (lower is better: the actual exceeds the target by it).
    public let isBehind: Bool
}

/// A plan's progress at every node of a tree, measured on the last loaded date within the period.
public struct PlanTracking: Sendable {
    /// The date measured on; nil when no date of the period is loaded yet.
    public let date: BusinessDate?
    public let progress: [PlanNodeID: PlanProgress]

    /// Reads the actuals of the tree's nodes and works out their progress; `marginPercent` is the setting
    /// `plan_behind_margin_pct`.
    public static func track(_ db: Database, tree: PlanTree, marginPercent: Int64) throws -> PlanTracking {
        let plan = tree.plan
        let date = try KPIActuals.measuredDate(db, in: plan.period)
        var actuals: [PlanNodeID: MeasuredValue] = [:]
        if let date {
            for kind in [PlanNodeKind.org, .staff] {
                let ids = tree.targets.keys.filter { $0.kind == kind }.map(\.id)
                guard !ids.isEmpty else { continue }
                for (id, value) in try KPIActuals.values(db, plan.indicator.measure, kind: kind, ids: ids, period: plan.period, on: date) {
                    actuals[PlanNodeID(kind, id)] = value
                }
            }
        }
        let elapsed = date.map { PlanPace.elapsedDays(plan.period, asOf: $0) } ?? 0
        let elapsedBP = PlanPace.basisPoints(Int64(elapsed), of: Int64(plan.period.days)) ?? 0
        var completions: [PlanNodeID: Int64] = [:]
        for (node, target) in tree.targets {
            if let completion = completion(plan.indicator.direction, actual: actuals[node]?.value, target: target.target) {
                completions[node] = completion
            }
        }
        var progress: [PlanNodeID: PlanProgress] = [:]
        let groups = Dictionary(grouping: tree.targets.values) { $0.parentOrgID ?? "" }
        for siblings in groups.values {
            let ranked = siblings.filter { completions[$0.node] != nil }
                .sorted { (-completions[$0.node]!, $0.node) < (-completions[$1.node]!, $1.node) }
            for target in siblings {
                let measured = actuals[target.node]
                let completion = completions[target.node]
                progress[target.node] = PlanProgress(
                    target: target, actual: measured?.value, completionBP: completion, elapsedBP: elapsedBP,
                    dueByNow: PlanPace.dueByNow(target: target.target, elapsedDays: elapsed, periodDays: plan.period.days),
                    rank: ranked.firstIndex { $0.node == target.node }.map { $0 + 1 }, siblings: siblings.count,
                    need: need(plan, target: target.target, measured: measured, elapsed: elapsed),
                    isBehind: behind(plan.indicator.direction, completion: completion, elapsedBP: elapsedBP, marginPercent: marginPercent))
            }
        }
        return PlanTracking(date: date, progress: progress)
    }

    static func completion(_ direction: KPIDirection, actual: Int64?, target: Int64) -> Int64? {
        guard let actual else { return nil }
        return direction == .higher ? PlanPace.basisPoints(actual, of: target) : PlanPace.basisPoints(target, of: actual)
    }

    /// Higher is better: completion below elapsed time less the margin. Lower is better: completion (target over
    /// actual) below 100% less the margin.
    static func behind(_ direction: KPIDirection, completion: Int64?, elapsedBP: Int64, marginPercent: Int64) -> Bool {
        guard let completion else { return false }
        return completion < (direction == .higher ? elapsedBP : 10_000) - marginPercent * 100
    }

    static func need(_ plan: Plan, target: Int64, measured: MeasuredValue?, elapsed: Int) -> PlanNeed {
        guard plan.indicator.measure.averagePeriod != nil else {
            let actual = measured?.value ?? 0
            return .gap(max(0, plan.indicator.direction == .higher ? target - actual : actual - target))
        }
        let remaining = plan.period.days - elapsed
        guard let needed = PlanPace.neededDailyBalance(targetAverage: target, balanceDays: measured?.balanceDays ?? 0,
                                                       countedDays: measured?.countedDays ?? 0, remainingDays: remaining)
        else { return .periodOver }
        return .dailyBalance(needed)
    }

    /// The plans with a target at `node` whose period holds `date` (the last loaded date), with the node's progress.
    public static func current(_ db: Database, at node: PlanNodeID, on date: BusinessDate, marginPercent: Int64) throws -> [(Plan, PlanProgress)] {
        try PlanTree.plans(db).filter { $0.period.contains(date) }.compactMap { plan in
            guard let tree = try PlanTree.load(db, planID: plan.id, for: nil), tree.targets[node] != nil else { return nil }
            return try track(db, tree: tree, marginPercent: marginPercent).progress[node].map { (plan, $0) }
        }
    }
}
