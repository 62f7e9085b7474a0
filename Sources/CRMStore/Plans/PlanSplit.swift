import CRMCore
import GRDB

/// A proposed split of a node's target among its children.
public struct PlanSplitProposal: Sendable, Equatable {
    /// One node below and what it would get.
    public struct Share: Sendable, Equatable {
        public let node: PlanNodeID
        public let name: String
        public let target: Int64
        /// Last year's actual of the child (the weight of a split by last year), where it was read.
        public let lastYear: Int64?
    }

    public let shares: [Share]
    /// How it was split: by last year's actual asked without any history gives `equalNoHistory`.
    public let method: PlanTargetMethod
}

/// How a node's target goes to its children (经营计划分配): the children are the open child orgs, or for an org
/// without any (a team) its active managers; a split is by hand, equal, or in proportion to last year's actual,
/// in whole units (yuan, customers, basis points) that sum exactly to the node's target.
public enum PlanSplit {
    /// The nodes an org's target goes to, by id, with their names.
    public static func children(_ db: Database, of orgID: String) throws -> [(node: PlanNodeID, name: String)] {
        let orgs = try Row.fetchAll(db, sql: "SELECT org_id, name FROM base_org WHERE parent_id = ? AND status = 'ACTIVE' ORDER BY org_id",
                                    arguments: [orgID])
        if !orgs.isEmpty { return orgs.map { (PlanNodeID(.org, $0[0]), $0[1]) } }
        return try Row.fetchAll(db, sql: """
            SELECT staff_id, name FROM base_staff WHERE org_id = ? AND status = 'ACTIVE' AND position IN ('RM', 'TEAM_LEAD') ORDER BY staff_id
            """, arguments: [orgID]).map { (PlanNodeID(.staff, $0[0]), $0[1]) }
    }

    /// `total` shared out by `weights` in whole `step`s by the largest remainder (`Apportion`), so the shares sum
    /// exactly; fen beyond whole yuan (a total not a multiple of `step`) go to the first child.
    public static func shares(total: Int64, weights: [Int64], step: Int64) -> [Int64] {
        var shares = Apportion.largestRemainder(total: total / step, weights: weights.map { max(0, $0) }).map { $0 * step }
        if !shares.isEmpty { shares[0] += total % step }
        return shares
    }

    /// The split of `target` at `orgID` by `method` (`.equal` or `.lastYear`). A ratio indicator's children each
    /// get the node's own target when split equally, and cannot be split by last year (their figures do not add up).
    public static func propose(_ db: Database, plan: Plan, orgID: String, target: Int64, method: PlanTargetMethod) throws -> PlanSplitProposal {
        let children = try self.children(db, of: orgID)
        guard !children.isEmpty else {
            throw MutationError("该节点没有下级机构或客户经理可分解 (there is no org or manager below to split to)")
        }
        let unit = plan.indicator.unit
        switch method {
        case .equal:
            let targets = plan.indicator.aggregation == .ratio ? children.map { _ in target }
                : shares(total: target, weights: children.map { _ in 1 }, step: unit.splitStep)
            return PlanSplitProposal(shares: zip(children, targets).map { .init(node: $0.node, name: $0.name, target: $1, lastYear: nil) },
                                     method: .equal)
        case .lastYear:
            guard plan.indicator.aggregation == .sum else {
                throw MutationError("比率类指标不能按去年同期比例分解 (a ratio is not split in proportion)")
            }
            let history = try lastYear(db, plan: plan, nodes: children.map(\.node))
            let weights = children.map { history?[$0.node] ?? 0 }
            let hasHistory = weights.contains { $0 > 0 }
            let targets = shares(total: target, weights: hasHistory ? weights : children.map { _ in 1 }, step: unit.splitStep)
            return PlanSplitProposal(shares: children.indices.map {
                .init(node: children[$0].node, name: children[$0].name, target: targets[$0], lastYear: history?[children[$0].node])
            }, method: hasHistory ? .lastYear : .equalNoHistory)
        default:
            throw MutationError("分解方式只能是平均或按去年同期 (split equally or by last year)")
        }
    }

    /// Each node's actual for the same indicator and period a year earlier, on the last loaded date of that period;
    /// nil when no date of it is loaded.
    public static func lastYear(_ db: Database, plan: Plan, nodes: [PlanNodeID]) throws -> [PlanNodeID: Int64]? {
        let period = plan.period.yearEarlier
        guard let date = try KPIActuals.measuredDate(db, in: period) else { return nil }
        var result: [PlanNodeID: Int64] = [:]
        for kind in [PlanNodeKind.org, .staff] {
            let ids = nodes.filter { $0.kind == kind }.map(\.id)
            guard !ids.isEmpty else { continue }
            for (id, value) in try KPIActuals.values(db, plan.indicator.measure, kind: kind, ids: ids, period: period, on: date) {
                result[PlanNodeID(kind, id)] = value.value ?? 0
            }
        }
        return result
    }
}
