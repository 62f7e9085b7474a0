import CRMCore
import GRDB

/// One opportunity as lists show it.
public struct Opportunity: Sendable, Equatable {
    public let id: String
    public let customerID: String?
    /// The customer's name, or the prospect's.
    public let subjectName: String
    public let productCode: String
    public let productName: String
    /// Fen.
    public let amount: Int64
    public let stage: OpportunityStage
    public let probability: Int
    public let expectedDate: BusinessDate
    public let ownerID: String
    public let ownerName: String
    public let lostReason: String
    public let updatedAt: String

    /// The amount weighted by the probability, fen rounded half up.
    public var weightedAmount: Int64 { (amount * Int64(probability) + 50) / 100 }
}

/// A stage of the pipeline board with its totals.
public struct PipelineColumn: Sendable, Equatable {
    public let stage: OpportunityStage
    public let opportunities: [Opportunity]
    public var count: Int { opportunities.count }
    public var amount: Int64 { opportunities.reduce(0) { $0 + $1.amount } }
    public var weightedAmount: Int64 { opportunities.reduce(0) { $0 + $1.weightedAmount } }
}

/// How opportunities moved through the stages: of those that reached a stage, how many reached the next.
public struct StageConversion: Sendable, Equatable {
    public let from: OpportunityStage
    public let to: OpportunityStage
    public let reachedFrom: Int
    public let reachedTo: Int
    /// Basis points; nil when none reached `from`.
    public var rateBP: Int? { reachedFrom == 0 ? nil : reachedTo * 10_000 / reachedFrom }
}

/// A change in an opportunity's history.
public struct StageChange: Sendable, Equatable {
    public let stage: OpportunityStage
    public let probability: Int
    public let note: String
    public let changedBy: String
    public let changedAt: String
}

/// Opportunities (商机管理) whose owners are within the viewer's reach.
public enum OpportunityQuery {
    /// The opportunities whose owners are within the viewer's reach (every one for nil), by expected date.
    public static func list(_ db: Database, viewer: StaffProfile?) throws -> [Opportunity] {
        let reach = try viewer.map { try StaffReach(db, viewer: $0) } ?? .everyone
        return try fetch(db, filter: "1", arguments: []).filter { reach.contains(staffID: $0.ownerID) }
    }

    /// Every opportunity on one customer (for its 360 view, once the customer is known to be in scope).
    public static func of(customerID: String, _ db: Database) throws -> [Opportunity] {
        try fetch(db, filter: "o.customer_id = ?", arguments: [customerID])
    }

    private static func fetch(_ db: Database, filter: String, arguments: StatementArguments) throws -> [Opportunity] {
        try Row.fetchAll(db, sql: """
            SELECT o.id, o.customer_id, COALESCE(c.name, o.prospect_name, o.customer_id), o.product_code, COALESCE(p.name, o.product_code),
                   o.amount, o.stage, o.probability_pct, o.expected_date, o.owner_id, COALESCE(s.name, o.owner_id), o.lost_reason, o.updated_at
            FROM work_opportunity o
            LEFT JOIN base_customer c ON c.customer_id = o.customer_id
            LEFT JOIN base_product p ON p.product_code = o.product_code
            LEFT JOIN base_staff s ON s.staff_id = o.owner_id
            WHERE \(filter)
            ORDER BY o.expected_date, o.id
            """, arguments: arguments).compactMap { row in
            guard let stage = OpportunityStage(rawValue: row[6]), let expected = BusinessDate(row[8] as String) else { return nil }
            return Opportunity(id: row[0], customerID: row[1], subjectName: row[2], productCode: row[3], productName: row[4], amount: row[5],
                               stage: stage, probability: row[7], expectedDate: expected, ownerID: row[9], ownerName: row[10],
                               lostReason: row[11], updatedAt: row[12])
        }
    }

    /// The board: a column per stage, lost last.
    public static func pipeline(_ opportunities: [Opportunity]) -> [PipelineColumn] {
        (OpportunityStage.pipeline + [.lost]).map { stage in
            PipelineColumn(stage: stage, opportunities: opportunities.filter { $0.stage == stage })
        }
    }

    /// Stage-to-stage conversion over the history of the given opportunities: an opportunity reached a stage
    /// if it was ever at that stage or a later one.
    public static func conversion(_ db: Database, of opportunities: [Opportunity]) throws -> [StageConversion] {
        let ids = Set(opportunities.map(\.id))
        var furthest: [String: OpportunityStage] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT opportunity_id, stage FROM work_opportunity_stage") {
            guard ids.contains(row[0]), let stage = OpportunityStage(rawValue: row[1]), stage != .lost else { continue }
            let id: String = row[0]
            if furthest[id].map({ stage > $0 }) ?? true { furthest[id] = stage }
        }
        let stages = OpportunityStage.pipeline
        return zip(stages, stages.dropFirst()).map { from, to in
            StageConversion(from: from, to: to, reachedFrom: furthest.values.filter { $0 >= from }.count,
                            reachedTo: furthest.values.filter { $0 >= to }.count)
        }
    }

    /// The weighted amount of the open opportunities by expected month (`YYYY-MM`), in month order.
    public static func forecast(_ opportunities: [Opportunity]) -> [(month: String, weightedAmount: Int64)] {
        var months: [String: Int64] = [:]
        for opportunity in opportunities where !opportunity.stage.isClosed {
            months[opportunity.expectedDate.monthKey, default: 0] += opportunity.weightedAmount
        }
        return months.keys.sorted().map { ($0, months[$0]!) }
    }

    /// The products an opportunity can be for: code and name, by code.
    public static func products(_ db: Database) throws -> [(code: String, name: String)] {
        try Row.fetchAll(db, sql: "SELECT product_code, name FROM base_product ORDER BY product_code").map { ($0[0], $0[1]) }
    }

    /// An opportunity's stage changes, oldest first.
    public static func history(_ db: Database, id: String) throws -> [StageChange] {
        try Row.fetchAll(db, sql: """
            SELECT stage, probability_pct, note, changed_by, changed_at FROM work_opportunity_stage WHERE opportunity_id = ? ORDER BY seq
            """, arguments: [id]).compactMap { row in
            OpportunityStage(rawValue: row[0]).map {
                StageChange(stage: $0, probability: row[1], note: row[2], changedBy: row[3], changedAt: row[4])
            }
        }
    }
}
