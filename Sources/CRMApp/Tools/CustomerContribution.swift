import CRMCore
import CRMStore
import GRDB

/// A customer's contribution over its last twelve months of management accounting, for the relationship view of
/// the profit simulation.
struct CustomerContribution {
    let customerID: String
    let name: String
    let months: Int
    /// Fen.
    let profitBeforeTax: Int64
    let eva: Int64
    let taxPercent: Int64

    /// The customer's figures, or `QueryError.unknownCustomer` outside the scope.
    static func load(_ db: Database, customerID: String, scope: DataScope) throws -> CustomerContribution {
        guard try scope.contains(customerID: customerID, db) else { throw QueryError.unknownCustomer(customerID) }
        let settings = try Settings.read(db)
        let months = try Customer360Query.contribution(db, customerID: customerID, settings: settings, months: 12)
        let name = try String.fetchOne(db, sql: "SELECT name FROM base_customer WHERE customer_id = ?", arguments: [customerID]) ?? customerID
        return CustomerContribution(customerID: customerID, name: name, months: months.count,
                                    profitBeforeTax: months.reduce(0) { $0 + $1.profitBeforeTax }, eva: months.reduce(0) { $0 + $1.eva },
                                    taxPercent: settings.taxRatePercent)
    }
}

/// What one scenario adds to a relationship: a loan its pre-tax profit and EVA; a deposit its value before tax,
/// and that value after tax as EVA (a deposit takes no capital in domain.md's model).
struct ScenarioContribution {
    let profitBeforeTax: Int64
    let eva: Int64

    /// Nil when the scenario has no figures.
    init?(_ outcome: PricingScenario.Outcome, taxPercent: Int64) {
        guard case .success(let values) = outcome else { return nil }
        if let profit = values.money(.profitBeforeTax), let eva = values.money(.eva) {
            profitBeforeTax = profit
            self.eva = eva
        } else if let value = values.money(.value) {
            profitBeforeTax = value
            eva = Money.divideRounded(value * (100 - taxPercent), by: 100)
        } else {
            return nil
        }
    }
}
