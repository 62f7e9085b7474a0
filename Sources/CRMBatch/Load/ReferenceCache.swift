import CRMCore
import GRDB

/// The keys that rows refer to, held in memory so a million rows can be checked without a query each.
///
/// Loaded from the base layer at the start of a run and kept in step as rows are upserted;
/// after a failed day it is loaded again, because the day's transaction rolled back.
final class ReferenceCache {
    struct Customer {
        let normalizedName: String
    }

    var orgBankCodes: [String: String?] = [:]
    var staff: Set<String> = []
    var products: Set<String> = []
    var customers: [String: Customer] = [:]
    /// Account number -> customer id.
    var accounts: [String: String] = [:]
    var conglomerates: Set<String> = []
    /// CNAPS codes of our own org rows: a counterparty with one of these is in-bank.
    var ourBankCodes: Set<String> = []

    static func load(_ db: Database) throws -> ReferenceCache {
        let cache = ReferenceCache()
        let orgs = try Row.fetchCursor(db, sql: "SELECT org_id, bank_code FROM base_org")
        while let row = try orgs.next() { cache.addOrg(id: row[0], bankCode: row[1]) }
        cache.staff = try Set(String.fetchAll(db, sql: "SELECT staff_id FROM base_staff"))
        cache.products = try Set(String.fetchAll(db, sql: "SELECT product_code FROM base_product"))
        let customers = try Row.fetchCursor(db, sql: "SELECT customer_id, name FROM base_customer")
        while let row = try customers.next() {
            cache.customers[row[0]] = Customer(normalizedName: FundFlowRules.normalizedName(row[1]))
        }
        let accounts = try Row.fetchCursor(db, sql: "SELECT account_no, customer_id FROM base_account")
        while let row = try accounts.next() { cache.accounts[row[0]] = row[1] }
        cache.conglomerates = try Set(String.fetchAll(db, sql: "SELECT group_id FROM base_conglomerate"))
        return cache
    }

    func addOrg(id: String, bankCode: String?) {
        orgBankCodes[id] = bankCode
        if let bankCode { ourBankCodes.insert(bankCode) }
    }

    /// Throws the standard rejection when `id` is not a known key of `what`.
    func require(_ known: Bool, column: String, what: String, id: String) throws {
        guard known else { throw RowRejection(column: column, "unknown reference: \(what) '\(id)' not found") }
    }
}
