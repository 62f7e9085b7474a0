import CRMCore
import Foundation
import GRDB

/// What an opportunity (商机) is about.
public struct OpportunityDraft: Sendable, Equatable {
    /// A customer of the bank, or else a prospect's name.
    public var customerID: String?
    public var prospectName: String?
    public var productCode: String
    /// Fen.
    public var amount: Int64
    public var probability: Int?
    public var expectedDate: BusinessDate
    /// The relationship manager who owns it (nil: whoever records it).
    public var ownerID: String?

    public init(customerID: String? = nil, prospectName: String? = nil, productCode: String, amount: Int64, probability: Int? = nil,
                expectedDate: BusinessDate, ownerID: String? = nil) {
        self.customerID = customerID
        self.prospectName = prospectName
        self.productCode = productCode
        self.amount = amount
        self.probability = probability
        self.expectedDate = expectedDate
        self.ownerID = ownerID
    }
}

/// `opportunity.create`: a lead (or a later stage) for a customer in scope or a named prospect, owned by the
/// actor or by a manager under them.
public struct CreateOpportunity: Mutation {
    public let name = "opportunity.create"
    public let id: String
    public let draft: OpportunityDraft
    public let stage: OpportunityStage

    public init(id: String, draft: OpportunityDraft, stage: OpportunityStage = .lead) {
        self.id = id
        self.draft = draft
        self.stage = stage
    }

    public var payload: JSONValue {
        .object([("id", .string(id)), ("customer_id", draft.customerID.map(JSONValue.string) ?? .null),
                 ("prospect_name", draft.prospectName.map(JSONValue.string) ?? .null), ("product_code", .string(draft.productCode)),
                 ("amount", .decimal(draft.amount, decimals: 2)), ("stage", .string(stage.rawValue)),
                 ("probability_pct", draft.probability.map { .int(Int64($0)) } ?? .null),
                 ("expected_date", .string(draft.expectedDate.description)), ("owner_id", draft.ownerID.map(JSONValue.string) ?? .null)])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        let draft = try OpportunityDraft(
            customerID: payload.optionalText("customer_id"), prospectName: payload.optionalText("prospect_name"),
            productCode: payload.text("product_code"), amount: payload.scaled("amount", decimals: 2),
            probability: payload.optionalInteger("probability_pct"), expectedDate: payload.date("expected_date"),
            ownerID: payload.optionalText("owner_id"))
        try self.init(id: payload.text("id"), draft: draft, stage: payload.oneOf("stage", OpportunityStage.self))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard stage != .lost else { throw MutationError("新商机不能是丢失状态 (a new opportunity cannot start lost)") }
        let owner = try OpportunityRules.owner(draft.ownerID, actor: context.actor, db)
        let prospect = try OpportunityRules.subject(draft, actor: context.actor, db)
        try OpportunityRules.product(draft.productCode, db)
        guard draft.amount >= 0 else { throw MutationError("金额不能为负 (the amount is negative)") }
        let probability = try OpportunityRules.probability(draft.probability, stage: stage)
        try db.execute(sql: """
            INSERT INTO work_opportunity(id, customer_id, prospect_name, product_code, amount, stage, probability_pct, expected_date,
                                         owner_id, created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, draft.customerID, prospect, draft.productCode, draft.amount, stage.rawValue, probability,
                             draft.expectedDate.description, owner, context.actor.staffID, context.timestamp, context.timestamp])
        try OpportunityRules.recordStage(db, id: id, stage: stage, probability: probability, note: "", context: context)
    }
}

/// `opportunity.stage`: moves an opportunity to another stage (forward, back, or lost with a reason), with the
/// probability of that stage unless one is given. Every change is kept in its history.
public struct MoveOpportunity: Mutation {
    public let name = "opportunity.stage"
    public let id: String
    public let stage: OpportunityStage
    public let probability: Int?
    /// Why it was lost, or a note on the change.
    public let note: String

    public init(id: String, stage: OpportunityStage, probability: Int? = nil, note: String = "") {
        self.id = id
        self.stage = stage
        self.probability = probability
        self.note = note
    }

    public var payload: JSONValue {
        .object([("id", .string(id)), ("stage", .string(stage.rawValue)),
                 ("probability_pct", probability.map { .int(Int64($0)) } ?? .null), ("note", .string(note))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), stage: payload.oneOf("stage", OpportunityStage.self),
                      probability: payload.optionalInteger("probability_pct"), note: payload.text("note"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        try OpportunityRules.requireOwnedOrReached(id, actor: context.actor, db)
        try TextRules.requirePlain(note, field: "说明")
        guard note.count <= 200 else { throw MutationError("说明最多 200 个字 (the note is at most 200 characters)") }
        if stage == .lost, note.trimmingCharacters(in: .whitespaces).isEmpty {
            throw MutationError("请填写丢失原因 (give the reason it was lost)")
        }
        let probability = try OpportunityRules.probability(self.probability, stage: stage)
        try db.execute(sql: """
            UPDATE work_opportunity SET stage = ?, probability_pct = ?, lost_reason = ?, updated_at = ? WHERE id = ?
            """, arguments: [stage.rawValue, probability, stage == .lost ? note : "", context.timestamp, id])
        try OpportunityRules.recordStage(db, id: id, stage: stage, probability: probability, note: note, context: context)
    }
}

/// The checks the opportunity mutations share.
enum OpportunityRules {
    /// The owner: the actor, or an active manager the actor may give customers to.
    static func owner(_ ownerID: String?, actor: StaffProfile, _ db: Database) throws -> String {
        guard let ownerID, ownerID != actor.staffID else { return actor.staffID }
        let reach = try StaffReach(db, viewer: actor)
        guard reach.contains(staffID: ownerID),
              try Bool.fetchOne(db, sql: "SELECT 1 FROM base_staff WHERE staff_id = ? AND status = 'ACTIVE' AND position IN ('RM', 'TEAM_LEAD')",
                                arguments: [ownerID]) == true else {
            throw MutationError("\(ownerID) 不是你辖内在职的客户经理 (\(ownerID) is not an active manager under you)")
        }
        return ownerID
    }

    /// A customer in scope, or a prospect's name (returned trimmed); exactly one of them.
    static func subject(_ draft: OpportunityDraft, actor: StaffProfile, _ db: Database) throws -> String? {
        switch (draft.customerID, draft.prospectName) {
        case (let customer?, nil):
            try DataScope(profile: actor).requireVisible(customer, db)
            return nil
        case (nil, let prospect?):
            let name = prospect.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 60 else { throw MutationError("潜在客户名称应为 1 到 60 个字 (a prospect's name has 1 to 60 characters)") }
            try TextRules.requirePlain(name, field: "潜在客户名称")
            return name
        default:
            throw MutationError("请填写客户号或潜在客户名称之一 (give a customer id or a prospect's name, not both)")
        }
    }

    static func product(_ code: String, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM base_product WHERE product_code = ?", arguments: [code]) == true else {
            throw MutationError("没有产品 \(code) (no product \(code))")
        }
    }

    static func probability(_ given: Int?, stage: OpportunityStage) throws -> Int {
        let probability = given ?? stage.defaultProbability
        guard (0...100).contains(probability) else { throw MutationError("成功概率应在 0 到 100 之间 (probability between 0 and 100)") }
        return probability
    }

    /// The opportunity exists and its owner is within the actor's reach.
    static func requireOwnedOrReached(_ id: String, actor: StaffProfile, _ db: Database) throws {
        guard let owner = try String.fetchOne(db, sql: "SELECT owner_id FROM work_opportunity WHERE id = ?", arguments: [id]),
              try StaffReach(db, viewer: actor).contains(staffID: owner) else {
            throw MutationError("没有商机 \(id)，或不归你管 (no such opportunity of yours)")
        }
    }

    static func recordStage(_ db: Database, id: String, stage: OpportunityStage, probability: Int, note: String,
                            context: MutationContext) throws {
        try db.execute(sql: """
            INSERT INTO work_opportunity_stage(opportunity_id, stage, probability_pct, note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [id, stage.rawValue, probability, note, context.actor.staffID, context.timestamp])
    }
}
