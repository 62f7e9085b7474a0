import CRMCore
import GRDB

/// A profit-simulation scenario as saved on an opportunity.
public struct SavedScenario: Sendable, Equatable {
    /// `LOAN` or `DEPOSIT`.
    public let calculator: String
    /// Fen, for a loan.
    public let profitAfterTax: Int64?
    /// Basis points, for a loan (nil when undefined).
    public let rarocAfterTaxBP: Int64?
    /// Fen, for a loan.
    public let eva: Int64?
    /// Fen, for a deposit.
    public let depositValue: Int64?
    public let savedBy: String
    public let savedAt: String
}

/// `opportunity.scenario`: a scenario of the profit simulation saved onto an opportunity within the actor's
/// reach, with its inputs as typed and its figures (as `crm calc --json` gives them).
public struct SaveOpportunityScenario: Mutation {
    public let name = "opportunity.scenario"
    public let id: String
    public let opportunityID: String
    /// `LOAN` or `DEPOSIT`.
    public let calculator: String
    public let inputs: JSONValue
    public let figures: JSONValue
    public let headline: (profitAfterTax: Int64?, rarocAfterTaxBP: Int64?, eva: Int64?, depositValue: Int64?)

    public init(id: String, opportunityID: String, calculator: String, inputs: JSONValue, figures: JSONValue,
                headline: (profitAfterTax: Int64?, rarocAfterTaxBP: Int64?, eva: Int64?, depositValue: Int64?)) {
        self.id = id
        self.opportunityID = opportunityID
        self.calculator = calculator
        self.inputs = inputs
        self.figures = figures
        self.headline = headline
    }

    /// The headline figures travel beside the figures they come from, so a replay stores the same columns.
    public var payload: JSONValue {
        .object([("id", .string(id)), ("opportunity_id", .string(opportunityID)), ("calculator", .string(calculator)),
                 ("inputs", inputs), ("figures", figures),
                 ("headline", .object([("profit_after_tax", headline.profitAfterTax.map(JSONValue.money) ?? .null),
                                       ("raroc_after_tax_bp", headline.rarocAfterTaxBP.map(JSONValue.int) ?? .null),
                                       ("eva", headline.eva.map(JSONValue.money) ?? .null),
                                       ("deposit_value", headline.depositValue.map(JSONValue.money) ?? .null)]))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), opportunityID: payload.text("opportunity_id"), calculator: payload.text("calculator"),
                      inputs: payload.field("inputs") { $0 }, figures: payload.field("figures") { $0 },
                      headline: payload.field("headline") {
                          try ($0.optionalScaled("profit_after_tax", decimals: 2), $0.optionalInt64("raroc_after_tax_bp"),
                               $0.optionalScaled("eva", decimals: 2), $0.optionalScaled("deposit_value", decimals: 2))
                      })
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard calculator == "LOAN" || calculator == "DEPOSIT" else { throw MutationError("测算类型无效 (LOAN or DEPOSIT)") }
        try OpportunityRules.requireOwnedOrReached(opportunityID, actor: context.actor, db)
        try db.execute(sql: """
            INSERT INTO work_opportunity_scenario(id, opportunity_id, calculator, inputs, figures, profit_after_tax, raroc_after_tax_bp, eva,
                                                  deposit_value, saved_by, saved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, opportunityID, calculator, inputs.rendered(), figures.rendered(), headline.profitAfterTax,
                             headline.rarocAfterTaxBP, headline.eva, headline.depositValue, context.actor.staffID, context.timestamp])
    }
}

extension OpportunityQuery {
    /// The scenarios saved on an opportunity, newest first.
    public static func scenarios(_ db: Database, id: String) throws -> [SavedScenario] {
        try Row.fetchAll(db, sql: """
            SELECT calculator, profit_after_tax, raroc_after_tax_bp, eva, deposit_value, saved_by, saved_at
            FROM work_opportunity_scenario WHERE opportunity_id = ? ORDER BY saved_at DESC, rowid DESC
            """, arguments: [id]).map {
            SavedScenario(calculator: $0[0], profitAfterTax: $0[1], rarocAfterTaxBP: $0[2], eva: $0[3], depositValue: $0[4],
                          savedBy: $0[5], savedAt: $0[6])
        }
    }
}
