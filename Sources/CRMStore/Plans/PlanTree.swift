import CRMCore
import GRDB

/// A plan's target tree as one viewer may see it: the nodes in their reach (head office all; a branch head or team
/// lead their subtree; a manager themselves) with everything below them. The top ones stand as roots, so a branch
/// head sees their branch's target as the top of their tree.
public struct PlanTree: Sendable {
    public let plan: Plan
    public private(set) var targets: [PlanNodeID: PlanTarget] = [:]
    public private(set) var rootIDs: [PlanNodeID] = []
    private var childIDs: [String: [PlanNodeID]] = [:]

    /// The plans, newest period first, then by indicator code.
    public static func plans(_ db: Database) throws -> [Plan] {
        let indicators = Dictionary(uniqueKeysWithValues: try KPILibrary.all(db).map { ($0.code, $0) })
        return try Row.fetchAll(db, sql: "SELECT id, kpi_code, period, root_org_id, note, issued_by, issued_at FROM work_plan")
            .compactMap { row -> Plan? in
                guard let indicator = indicators[row[1] as String], let period = PlanPeriod(row[2] as String) else { return nil }
                return Plan(id: row[0], indicator: indicator, period: period, rootOrgID: row[3], note: row[4], issuedBy: row[5], issuedAt: row[6])
            }
            .sorted { a, b in
                a.period.start != b.period.start ? a.period.start > b.period.start : (a.indicator.code, a.id) < (b.indicator.code, b.id)
            }
    }

    /// One plan; nil when there is none with that id.
    public static func plan(_ db: Database, id: String) throws -> Plan? {
        try plans(db).first { $0.id == id }
    }

    /// The tree of `planID` within `viewer`'s reach (nil: everyone's); nil when there is no such plan.
    public static func load(_ db: Database, planID: String, for viewer: StaffProfile?) throws -> PlanTree? {
        guard let plan = try plan(db, id: planID) else { return nil }
        let reach = try viewer.map { try StaffReach(db, viewer: $0) } ?? .everyone
        var tree = PlanTree(plan: plan)
        for row in try Row.fetchAll(db, sql: """
            SELECT t.node_kind, t.node_id, t.parent_id, COALESCE(o.name, s.name, t.node_id), t.target, t.method, t.revision,
                   t.updated_by, t.updated_at
            FROM work_plan_target t
            LEFT JOIN base_org o ON t.node_kind = 'ORG' AND o.org_id = t.node_id
            LEFT JOIN base_staff s ON t.node_kind = 'STAFF' AND s.staff_id = t.node_id
            WHERE t.plan_id = ? ORDER BY t.node_kind, t.node_id
            """, arguments: [planID]) {
            guard let kind = PlanNodeKind(rawValue: row[0]), let method = PlanTargetMethod(rawValue: row[5]) else { continue }
            let node = PlanNodeID(kind, row[1])
            tree.targets[node] = PlanTarget(node: node, parentOrgID: row[2], name: row[3], target: row[4], method: method, revision: row[6],
                                            updatedBy: row[7], updatedAt: row[8])
        }
        func visible(_ node: PlanNodeID) -> Bool {
            node.kind == .org ? reach.contains(orgID: node.id) : reach.contains(staffID: node.id)
        }
        let below = Dictionary(grouping: tree.targets.values.filter { $0.parentOrgID != nil }) { $0.parentOrgID! }
        var shown = Set(tree.targets.keys.filter(visible))
        // Everything below a shown node is shown too.
        var frontier = Array(shown)
        while let node = frontier.popLast() {
            guard node.kind == .org else { continue }
            for child in below[node.id] ?? [] where !shown.contains(child.node) {
                shown.insert(child.node)
                frontier.append(child.node)
            }
        }
        tree.targets = tree.targets.filter { shown.contains($0.key) }
        for target in tree.targets.values.sorted(by: { $0.node < $1.node }) {
            if let parent = target.parentOrgID, tree.targets[PlanNodeID(.org, parent)] != nil {
                tree.childIDs[parent, default: []].append(target.node)
            } else {
                tree.rootIDs.append(target.node)
            }
        }
        return tree
    }

    /// The nodes split from `node` (the roots for nil), by kind and id.
    public func children(of node: PlanNodeID?) -> [PlanTarget] {
        guard let node else { return rootIDs.compactMap { targets[$0] } }
        guard node.kind == .org else { return [] }
        return (childIDs[node.id] ?? []).compactMap { targets[$0] }
    }

    /// How far the children's targets fall short of the node's (negative: they exceed it); nil when the node was
    /// not split or the indicator is a ratio, whose children do not add up to it.
    public func childrenGap(of node: PlanNodeID) -> Int64? {
        let children = self.children(of: node)
        guard plan.indicator.aggregation == .sum, !children.isEmpty, let target = targets[node]?.target else { return nil }
        return target - children.reduce(0) { $0 + $1.target }
    }

    /// Every change of the plan's targets within the tree, oldest first.
    public func revisions(_ db: Database) throws -> [PlanRevision] {
        try Row.fetchAll(db, sql: """
            SELECT seq, node_kind, node_id, target_before, target_after, method, reason, changed_by, changed_at
            FROM work_plan_revision WHERE plan_id = ? ORDER BY seq
            """, arguments: [plan.id]).compactMap { row -> PlanRevision? in
            guard let kind = PlanNodeKind(rawValue: row[1]), let method = PlanTargetMethod(rawValue: row[5]) else { return nil }
            let node = PlanNodeID(kind, row[2])
            guard let target = targets[node] else { return nil }
            return PlanRevision(seq: row[0], node: node, name: target.name, before: row[3], after: row[4], method: method, reason: row[6],
                                changedBy: row[7], changedAt: row[8])
        }
    }
}
