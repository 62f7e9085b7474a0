import ArgumentParser
import CRMApp
import CRMCore
import CRMStore

/// What the `crm plan` and `crm kpi` commands share: who acts, applying a mutation, reading a plan's tree, and
/// writing values in the indicator's unit.
enum PlanCommandSupport {
    /// The `--as` member of staff, required for a change, once found to hold the permission of `function`.
    static func actor(_ scope: ScopeOptions, _ database: AppDatabase, for function: CommandID) throws -> StaffProfile {
        guard scope.staff != nil, let actor = try scope.viewer(in: database, for: function) else {
            throw ValidationError("--as STAFF_ID is required: plans change as a member of staff, audited")
        }
        return actor
    }

    /// Applies the mutation; a refusal ends the command with its reason (exit 1).
    static func apply<M: Mutation>(_ mutation: M, by actor: StaffProfile, _ database: AppDatabase) throws {
        do {
            try MutationLog(database: database, clock: .system).apply(mutation, by: actor)
        } catch let error as MutationError {
            throw CommandFailure(error.description)
        }
    }

    /// The plan's tree as `viewer` sees it (everyone's without `--as`).
    static func tree(_ planID: String, for viewer: StaffProfile?, _ database: AppDatabase) throws -> PlanTree {
        guard let tree = try database.writer.read({ try PlanTree.load($0, planID: planID, for: viewer) }) else {
            throw CommandFailure("no plan '\(planID)' (crm plan list shows them)")
        }
        return tree
    }

    /// Opens the database and the plan's tree as the `--as` member of staff may see it (their `ui.plans`
    /// permission checked), and audits the look (`query.plan`, `what` and the number of nodes).
    static func viewed(_ planID: String, scope: ScopeOptions, database: DatabaseOptions, what: String) throws -> (AppDatabase, PlanTree) {
        let db = try database.open()
        let viewer = try scope.viewer(in: db, for: .plans)
        let tree = try self.tree(planID, for: viewer, db)
        try scope.audit(db, action: "query.plan", target: planID, detail: "\(what) of \(tree.targets.count) nodes")
        return (db, tree)
    }

    /// The tree's nodes top down, each with its depth.
    static func walk(_ tree: PlanTree) -> [(target: PlanTarget, depth: Int)] {
        var rows: [(PlanTarget, Int)] = []
        func visit(_ node: PlanNodeID?, depth: Int) {
            for child in tree.children(of: node) {
                rows.append((child, depth))
                visit(child.node, depth: depth + 1)
            }
        }
        visit(nil, depth: 0)
        return rows
    }

    /// A value in JSON: yuan with two decimals, a whole count, or a percentage with two decimals.
    static func json(_ value: Int64?, _ unit: KPIUnit) -> JSONValue {
        guard let value else { return .null }
        switch unit {
        case .yuan: return .money(value)
        case .count: return .int(value)
        case .ratio: return .decimal(value, decimals: 2)
        }
    }

    /// A value in a text table; "-" for none.
    static func text(_ value: Int64?, _ unit: KPIUnit) -> String { value.map(unit.text) ?? "-" }

    /// The value given on the command line in the indicator's unit.
    static func parse(_ text: String, _ unit: KPIUnit, option: String) throws -> Int64 {
        guard let value = unit.parse(text) else {
            throw ValidationError("\(option) \(text): give \(unit == .yuan ? "yuan, e.g. 1000000.00" : unit == .count ? "a whole number" : "a percentage, e.g. 75.00")")
        }
        return value
    }
}
