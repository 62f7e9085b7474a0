import CRMCore
import Foundation
import GRDB

/// `plan.issue`: head office issues a plan (经营计划下达): an indicator, a period and the bank's target at the root
/// of the org tree. The plan is locked from then on; its targets change only through splits and revisions.
public struct IssuePlan: Mutation {
    public let name = "plan.issue"
    public let id: String
    public let kpiCode: String
    public let period: PlanPeriod
    public let target: Int64
    public let note: String

    public init(id: String, kpiCode: String, period: PlanPeriod, target: Int64, note: String = "") {
        self.id = id
        self.kpiCode = kpiCode
        self.period = period
        self.target = target
        self.note = note
    }

    public var payload: JSONValue {
        .object([("id", .string(id)), ("kpi", .string(kpiCode)), ("period", .string(period.description)), ("target", .int(target)),
                 ("note", .string(note))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), kpiCode: payload.text("kpi"),
                      period: payload.parsed("period", form: "YYYY | YYYY-Qn | YYYY-MM") { PlanPeriod($0) },
                      target: payload.int64("target"), note: payload.text("note"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard context.actor.role == .headOffice else { throw MutationError("只有总行可以下达经营计划 (only head office issues plans)") }
        guard let indicator = try KPILibrary.indicator(db, code: kpiCode) else {
            throw MutationError("没有指标 \(kpiCode) (no indicator \(kpiCode))")
        }
        if let averaged = indicator.measure.averagePeriod, averaged != period.kind {
            throw MutationError("\(indicator.nameZh)的计划期应为\(PlanText.periodName(averaged)) (the plan's period is the average's: \(averaged.rawValue))")
        }
        guard target >= 0 else { throw MutationError("目标不能为负 (the target is not negative)") }
        try TextRules.requirePlain(note, field: "说明", multiline: true)
        guard note.count <= 200 else { throw MutationError("说明最多 200 个字 (the note is at most 200 characters)") }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_plan WHERE kpi_code = ? AND period = ?",
                                arguments: [kpiCode, period.description]) != true else {
            throw MutationError("\(period) 的\(indicator.nameZh)计划已下达，请调整目标 (that plan was issued; revise its target)")
        }
        guard let root = try String.fetchOne(db, sql: "SELECT org_id FROM base_org WHERE parent_id IS NULL AND status = 'ACTIVE' ORDER BY org_id")
        else { throw MutationError("没有总行机构 (no head-office org)") }
        try db.execute(sql: """
            INSERT INTO work_plan(id, kpi_code, period, root_org_id, note, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, kpiCode, period.description, root, note, context.actor.staffID, context.timestamp])
        try PlanRules.setTarget(db, planID: id, node: PlanNodeID(.org, root), parentOrgID: nil, target: target, method: .issued,
                                reason: note, context: context)
    }
}

/// `plan.split`: a node's target goes to its children (经营计划分配) by hand, equally, or in proportion to last
/// year's actual. Head office may split anywhere, a branch head within their branch, a team lead their team.
/// Splitting again a node whose children have targets revises them, and needs a reason.
public struct SplitPlanTarget: Mutation {
    public let name = "plan.split"
    public let planID: String
    public let orgID: String
    /// `.manual`, `.equal` or `.lastYear`.
    public let method: PlanTargetMethod
    /// For `.manual`: every child's target.
    public let manualTargets: [PlanNodeID: Int64]
    public let reason: String

    public init(planID: String, orgID: String, method: PlanTargetMethod, manualTargets: [PlanNodeID: Int64] = [:], reason: String = "") {
        self.planID = planID
        self.orgID = orgID
        self.method = method
        self.manualTargets = manualTargets
        self.reason = reason
    }

    public var payload: JSONValue {
        .object([("plan_id", .string(planID)), ("org_id", .string(orgID)), ("method", .string(method.rawValue)),
                 ("targets", .object(manualTargets.sorted { $0.key < $1.key }.map { ($0.key.description, .int($0.value)) })),
                 ("reason", .string(reason))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        let targets = try payload.members("targets") { key, value in
            guard let node = PlanNodeID(key) else { throw JSONFieldError(.wrongType(expected: .form(PlanNodeID.textForm))) }
            return (node, try value.int64Value())
        }
        try self.init(planID: payload.text("plan_id"), orgID: payload.text("org_id"), method: payload.oneOf("method", PlanTargetMethod.self),
                      manualTargets: Dictionary(targets, uniquingKeysWith: { first, _ in first }), reason: payload.text("reason"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        let (plan, parent) = try PlanRules.target(db, planID: planID, node: PlanNodeID(.org, orgID))
        try PlanRules.requireMaySplit(db, actor: context.actor, orgID: orgID)
        let proposal: PlanSplitProposal
        if method == .manual {
            let children = try PlanSplit.children(db, of: orgID)
            guard Set(children.map(\.node)) == Set(manualTargets.keys) else {
                throw MutationError("请为每个下级填写目标 (give every node below a target)")
            }
            guard manualTargets.values.allSatisfy({ $0 >= 0 }) else { throw MutationError("目标不能为负 (a target is not negative)") }
            proposal = PlanSplitProposal(shares: children.map { .init(node: $0.node, name: $0.name, target: manualTargets[$0.node]!, lastYear: nil) },
                                         method: .manual)
        } else {
            proposal = try PlanSplit.propose(db, plan: plan, orgID: orgID, target: parent.target, method: method)
        }
        let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM work_plan_target WHERE plan_id = ? AND parent_id = ?",
                                        arguments: [planID, orgID]) ?? 0
        let reason = try PlanRules.reason(self.reason, required: existing > 0)
        for share in proposal.shares {
            try PlanRules.setTarget(db, planID: planID, node: share.node, parentOrgID: orgID, target: share.target, method: proposal.method,
                                    reason: reason, context: context)
        }
    }
}

/// `plan.revise`: one node's target changes, with a reason (an audited revision of a locked plan). Head office
/// revises the root; a node below is revised by whoever may split its parent.
public struct RevisePlanTarget: Mutation {
    public let name = "plan.revise"
    public let planID: String
    public let node: PlanNodeID
    public let target: Int64
    public let reason: String

    public init(planID: String, node: PlanNodeID, target: Int64, reason: String) {
        self.planID = planID
        self.node = node
        self.target = target
        self.reason = reason
    }

    public var payload: JSONValue {
        .object([("plan_id", .string(planID)), ("node", .string(node.description)), ("target", .int(target)), ("reason", .string(reason))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(planID: payload.text("plan_id"), node: payload.parsed("node", form: PlanNodeID.textForm) { PlanNodeID($0) },
                      target: payload.int64("target"), reason: payload.text("reason"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        let (_, current) = try PlanRules.target(db, planID: planID, node: node)
        if let parent = current.parentOrgID {
            try PlanRules.requireMaySplit(db, actor: context.actor, orgID: parent)
        } else if context.actor.role != .headOffice {
            throw MutationError("全行目标只有总行可以调整 (only head office revises the bank's target)")
        }
        guard target >= 0 else { throw MutationError("目标不能为负 (the target is not negative)") }
        let reason = try PlanRules.reason(self.reason, required: true)
        try PlanRules.setTarget(db, planID: planID, node: node, parentOrgID: current.parentOrgID, target: target, method: .revised,
                                reason: reason, context: context)
    }
}

/// The checks and the one write the plan mutations share.
enum PlanRules {
    /// The plan and the node's current target; throws when either is missing.
    static func target(_ db: Database, planID: String, node: PlanNodeID) throws -> (Plan, PlanTarget) {
        guard let tree = try PlanTree.load(db, planID: planID, for: nil) else {
            throw MutationError("没有经营计划 \(planID) (no plan \(planID))")
        }
        guard let target = tree.targets[node] else { throw MutationError("\(node) 还没有目标 (\(node) has no target yet)") }
        return (tree.plan, target)
    }

    /// Head office splits anywhere; a branch head or team lead within their own org's subtree; nobody else.
    static func requireMaySplit(_ db: Database, actor: StaffProfile, orgID: String) throws {
        switch actor.role {
        case .headOffice: return
        case .branchHead, .teamLead:
            guard try DataScope(profile: actor).canSee(orgID: orgID, db) else {
                throw MutationError("只能分解本机构及下级机构的目标 (you split targets of your own org and below only)")
            }
        case .relationshipManager, .administrator:
            throw MutationError("只有总行、分支行行长和团队长可以分解目标 (only head office, branch heads and team leads split targets)")
        }
    }

    /// The reason as stored: trimmed, plain, at most 200 characters, and given where `required`.
    static func reason(_ text: String, required: Bool) throws -> String {
        let reason = text.trimmingCharacters(in: .whitespaces)
        if required, reason.isEmpty { throw MutationError("计划已下达，调整须说明原因 (the plan is issued: say why it changes)") }
        try TextRules.requirePlain(reason, field: "原因")
        guard reason.count <= 200 else { throw MutationError("原因最多 200 个字 (the reason is at most 200 characters)") }
        return reason
    }

    /// Sets a node's target and records the revision; a target that does not change records nothing.
    static func setTarget(_ db: Database, planID: String, node: PlanNodeID, parentOrgID: String?, target: Int64, method: PlanTargetMethod,
                          reason: String, context: MutationContext) throws {
        let before = try Row.fetchOne(db, sql: "SELECT target, revision FROM work_plan_target WHERE plan_id = ? AND node_kind = ? AND node_id = ?",
                                      arguments: [planID, node.kind.rawValue, node.id])
        let previous: Int64? = before?[0]
        guard previous != target else { return }
        let revision = (before?[1] as Int? ?? 0) + 1
        try db.execute(sql: """
            INSERT INTO work_plan_target(plan_id, node_kind, node_id, parent_id, target, method, revision, updated_by, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(plan_id, node_kind, node_id) DO UPDATE SET target = excluded.target, method = excluded.method,
              revision = excluded.revision, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, arguments: [planID, node.kind.rawValue, node.id, parentOrgID, target, method.rawValue, revision, context.actor.staffID,
                             context.timestamp])
        try db.execute(sql: """
            INSERT INTO work_plan_revision(plan_id, node_kind, node_id, target_before, target_after, method, reason, mutation_id, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [planID, node.kind.rawValue, node.id, previous, target, method.rawValue, reason, context.mutationID,
                             context.actor.staffID, context.timestamp])
    }
}

/// Names shared by the plan's messages and screens.
public enum PlanText {
    /// 月度, 季度 or 年度.
    public static func periodName(_ period: Period) -> String {
        switch period {
        case .month: return "月度"
        case .quarter: return "季度"
        case .year: return "年度"
        }
    }
}
