import CRMCore
import GRDB

/// What narrows a customer search besides the text. Nil means "any".
public struct CustomerSearchFilters: Sendable, Equatable {
    public var tier: CustomerTier?
    /// A business line code (`LARGE_MID` ...).
    public var line: String?
    /// A GB/T 4754 section letter, `A` to `T`.
    public var industrySection: String?
    /// An org node: customers whose main manager's org is this node or below it.
    public var orgID: String?
    /// `ACTIVE` or `CLOSED`.
    public var status: String?
    /// Only these customers: the carriers of a tag, the members of a group.
    public var customerIDs: Set<String>?

    public init(tier: CustomerTier? = nil, line: String? = nil, industrySection: String? = nil, orgID: String? = nil,
                status: String? = nil) {
        self.tier = tier
        self.line = line
        self.industrySection = industrySection
        self.orgID = orgID
        self.status = status
    }
}

/// The columns a search can be sorted by.
public enum CustomerSearchColumn: Int, CaseIterable, Sendable {
    /// By pinyin, so Chinese names come in the order of a Chinese index.
    case name
    case customerID, tier, line, mainManager, deposit, loan
}

/// The order of search results.
public enum CustomerSearchSort: Sendable, Equatable {
    /// Best match first (exact id or USCC, then name prefix, then pinyin or initials prefix, then anything
    /// containing the text), then by deposit balance, largest first.
    case relevance
    /// By a column; ties keep the relevance order.
    case column(CustomerSearchColumn, ascending: Bool)
}

/// Bank-wide customer search (全行客户查询) within a scope.
public enum CustomerSearchQuery {
    /// The customers in `scope` matching `text` by name, full pinyin, pinyin initials, USCC, customer id or a
    /// manager's name, ignoring case, within the filters, in the given order, at most `limit` of them.
    ///
    /// This reads the scope's customers and searches them in memory. A screen that searches at every keystroke
    /// keeps the `CustomerSearchSnapshot` instead and calls its `search`.
    public static func search(_ db: Database, text: String, scope: DataScope, filters: CustomerSearchFilters = .init(),
                              sort: CustomerSearchSort = .relevance, limit: Int) throws -> [CustomerSearchResult] {
        try CustomerSearchSnapshot.load(db, scope: scope).search(text, filters: filters, sort: sort, limit: limit)
    }
}
