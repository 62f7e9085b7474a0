import CRMCore
import CRMStore

/// The 360 view's tabs beyond the overview, each read from the database the first time it is shown and kept.
/// A tab that cannot be read keeps the reason, which the tab shows instead of its data.
final class Customer360Data {
    private let database: AppDatabase
    private let overview: CustomerOverview
    private let scope: DataScope
    private var cache: [String: Any] = [:]

    init(database: AppDatabase, overview: CustomerOverview, scope: DataScope) {
        self.database = database
        self.overview = overview
        self.scope = scope
    }

    var history: Result<[BalancePoint], Error> {
        load("history") { [overview] in try $0.writer.read { try Customer360Query.history($0, customerID: overview.identity.customerID, asOf: overview.asOf) } }
    }

    var products: Result<CustomerProducts, Error> {
        load("products") { [overview] in try $0.writer.read { try Customer360Query.products($0, customerID: overview.identity.customerID) } }
    }

    var contribution: Result<[MonthlyContribution], Error> {
        load("contribution") { [overview] in
            try $0.writer.read { try Customer360Query.contribution($0, customerID: overview.identity.customerID, settings: try Settings.read($0)) }
        }
    }

    var flows: Result<CustomerFlows, Error> {
        load("flows") { [overview] in try $0.writer.read { try Customer360Query.flows($0, customerID: overview.identity.customerID, asOf: overview.asOf) } }
    }

    var external: Result<ExternalProfile, Error> {
        load("external") { [overview] in try $0.writer.read { try Customer360Query.external($0, uscc: overview.identity.uscc) } }
    }

    var relations: Result<CustomerRelations, Error> {
        load("relations") { [overview, scope] in try $0.writer.read { try Customer360Query.relations($0, identity: overview.identity, scope: scope) } }
    }

    /// Needs and recommended products (精准营销), from behaviour up to the 360's data date.
    var advice: Result<ProductAdvice, Error> {
        load("advice") { [overview] in
            try $0.writer.read { db in
                try ProductNeedQuery.advice(db, customerID: overview.identity.customerID, asOf: overview.asOf, thresholds: try Settings.read(db).needs)
            }
        }
    }

    var activity: Result<CustomerActivity, Error> {
        load("activity") { [overview, scope] in
            try $0.writer.read { try CustomerActivity.load($0, customerID: overview.identity.customerID, scope: scope) }
        }
    }

    /// Forgets what was read, so the next look reads again (after the user recorded something here).
    func forget(_ key: String) { cache[key] = nil }

    private func load<T>(_ key: String, _ read: (AppDatabase) throws -> T) -> Result<T, Error> {
        if let cached = cache[key] as? Result<T, Error> { return cached }
        let result = Result { try read(database) }
        cache[key] = result
        return result
    }
}
