import CRMCore

/// One customer found by customer search: who it is, its tier, line, industry and status, its main manager and
/// branch, and its deposit and loan point balances on the latest loaded date.
public struct CustomerSearchResult: Sendable, Equatable {
    public let customerID: String
    public let name: String
    public let uscc: String
    public let tier: CustomerTier
    /// The business line code (`LARGE_MID` ...).
    public let line: String
    /// GB/T 4754, e.g. `C3911`; its first letter is the section.
    public let industryCode: String
    /// `ACTIVE` or `CLOSED`.
    public let status: String
    /// The name of the main (主办) manager, nil when the customer has none.
    public let mainManager: String?
    /// The branch (分行) above the main manager's org, nil when there is none.
    public let branchID: String?
    public let branchName: String?
    /// Fen, on the latest loaded date (0 before any date is loaded).
    public let depositBalance: Int64
    public let loanBalance: Int64

    /// The `crm customer search --json` object: exactly these keys in this order, amounts as yuan.
    public var json: JSONValue {
        .object([("customer_id", .string(customerID)), ("name", .string(name)), ("uscc", .string(uscc)),
                 ("tier", .string(tier.rawValue)), ("main_manager", mainManager.map(JSONValue.string) ?? .null),
                 ("deposit_balance", .money(depositBalance)), ("loan_balance", .money(loanBalance))])
    }
}
