import CRMCore

/// Who the customer is (from the customer extract).
public struct CustomerIdentity: Sendable, Equatable {
    public let customerID: String
    public let name: String
    public let uscc: String
    public let line: String
    public let industryCode: String
    public let regionCode: String?
    public let registeredCapital: Int64?
    public let foundedDate: String?
    public let legalRep: String?
    public let controllerName: String?
    public let openDate: String?
    public let status: String
}

/// One of the customer's managers and their share.
public struct ManagerShare: Sendable, Equatable {
    public let staffID: String
    public let name: String
    public let orgName: String
    /// MAIN (主办) or ASSIST (协办).
    public let role: String
    public let shareBP: Int64
}

/// A tier the customer held from a date, with the rule that put it there.
public struct TierPeriod: Sendable, Equatable {
    public let from: BusinessDate
    public let tier: CustomerTier
    public let rule: String
}

/// The overview tab: identity, tier, managers, key figures, open alerts. What the 360 view shows first.
public struct CustomerOverview: Sendable, Equatable {
    public let identity: CustomerIdentity
    public let tier: CustomerTier
    public let tierRule: String
    public let tierHistory: [TierPeriod]
    public let effective: Bool
    public let dormant: Bool
    public let lastActiveDate: String?
    public let managers: [ManagerShare]
    public let asOf: BusinessDate
    public let balances: CustomerBalances
    /// Point balances at the last loaded date of the previous year (较年初), nil before any.
    public let yearStart: CustomerBalances?
    /// Alerts of the last 30 days, newest first.
    public let alerts: [CustomerAlert]
    public let conglomerate: String?
}

/// One month-end point of the balance history.
public struct BalancePoint: Sendable, Equatable {
    public let date: BusinessDate
    public let deposit: Int64
    public let loan: Int64
    public let depositYearAverage: Int64
}

/// A product the customer holds, with its accounts and balance.
public struct HeldProduct: Sendable, Equatable {
    public let productCode: String
    public let name: String
    public let category: String
    public let accounts: Int
    public let balance: Int64
}

/// A product category's penetration: whether the customer holds it, and the share of its peers (same line and
/// industry section) who do, in basis points.
public struct CategoryPenetration: Sendable, Equatable {
    public let category: String
    public let held: Bool
    public let peerShareBP: Int64
}

/// The products tab.
public struct CustomerProducts: Sendable, Equatable {
    public let held: [HeldProduct]
    public let penetration: [CategoryPenetration]
    public let peers: Int
    /// Whether the peers are only those in this database's books (a laptop's replica holds no other customers).
    public let peersInBooksOnly: Bool
}

/// One month's contribution per domain.md, in fen; ratios in basis points.
public struct MonthlyContribution: Sendable, Equatable {
    public let month: String
    public let ftpIncome: Int64
    public let feeIncome: Int64
    public let operatingCost: Int64
    public let expectedLoss: Int64
    public let economicCapital: Int64
    /// FTP and fee income less operating cost and expected loss.
    public let profitBeforeTax: Int64
    public let profitAfterTax: Int64
    /// Pre-tax profit over economic capital, annualised (x 12), in basis points; nil without capital.
    public let rarocBP: Int64?
    /// After-tax profit less a month of the capital charge (capital x hurdle / 12).
    public let eva: Int64

    /// A month worked out from the management-accounting figures per domain.md, each derived figure rounded once.
    public init(month: String, ftpIncome: Int64, feeIncome: Int64, operatingCost: Int64, expectedLoss: Int64, economicCapital: Int64,
                settings: Settings) {
        let beforeTax = ftpIncome + feeIncome - operatingCost - expectedLoss
        let afterTax = Money.divideRounded(beforeTax * (100 - settings.taxRatePercent), by: 100)
        self.month = month
        self.ftpIncome = ftpIncome
        self.feeIncome = feeIncome
        self.operatingCost = operatingCost
        self.expectedLoss = expectedLoss
        self.economicCapital = economicCapital
        profitBeforeTax = beforeTax
        profitAfterTax = afterTax
        rarocBP = economicCapital == 0 ? nil : Money.divideRounded(beforeTax * 12 * 10_000, by: economicCapital)
        eva = afterTax - Money.divideRounded(economicCapital * settings.hurdleRatePercent, by: 100 * 12)
    }
}

/// A transaction as the 360 lists it.
public struct CustomerTransaction: Sendable, Equatable {
    public let date: BusinessDate
    public let time: String
    public let accountNo: String
    /// C in, D out.
    public let direction: String
    public let amount: Int64
    public let counterparty: String?
    public let inBank: Bool
    public let purpose: String?
    public let channel: String
    public let kind: String
    public let reversed: Bool
}

/// The transactions and fund-flows tab.
public struct CustomerFlows: Sendable, Equatable {
    /// The four totals and counterparties over the last 12 months (or since the first loaded date).
    public let year: FundFlow
    /// The same for the as-of month.
    public let month: FundFlow
    /// The latest transactions, newest first.
    public let transactions: [CustomerTransaction]
    /// Whether this database holds no transactions because they stay on the server (a laptop's replica).
    public let transactionsOnServer: Bool
}

/// The external picture (外部画像) from the registration, shareholder, relation and event extracts.
public struct ExternalProfile: Sendable, Equatable {
    public struct Shareholder: Sendable, Equatable {
        public let name: String
        public let uscc: String?
        public let holdingBP: Int64?
    }

    public struct Event: Sendable, Equatable {
        public let date: String
        public let kind: String
        public let title: String
        public let severity: Int
    }

    public let registrationStatus: String?
    public let authority: String?
    public let address: String?
    public let businessScope: String?
    public let paidInCapital: Int64?
    public let employees: Int?
    public let shareholders: [Shareholder]
    /// The latest tax rating event's title, if any.
    public let taxRating: String?
    public let events: [Event]
}

/// A related party in the relations tree: a customer of the bank (with its id) or an outside enterprise.
public struct RelatedParty: Sendable, Equatable {
    public let name: String
    public let uscc: String?
    /// Set when the party is a customer of the bank in the viewer's scope, so the tree can open it.
    public let customerID: String?
    public let detail: String?
}

/// The relations tab, one list per kind of relation.
public struct CustomerRelations: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case shareholders, investments, guaranteesGiven, guaranteesReceived, sameController, suppliers, buyers, conglomerate
    }

    public let parties: [Kind: [RelatedParty]]
}
