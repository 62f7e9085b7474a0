import CRMCore

/// The synthetic bank's state while it is generated: org tree, staff, customers and their accounts,
/// loans, limits, conglomerates, external companies and supply chains. Arrays only, indexed by position,
/// so that generation order, and therefore every output byte, is fixed by the seed.
struct BankModel {
    struct Org {
        let id: String
        let parent: Int?
        let level: String
        let name: String
        let regionCode: String
        let bankCode: String?
    }

    struct Staff {
        let id: String
        let name: String
        let org: Int
        let position: String
    }

    struct Manager {
        let staff: Int
        let role: String
        let shareBasisPoints: Int
    }

    struct Customer {
        let id: String
        let name: String
        let uscc: String
        let line: String
        let industry: Int
        let region: Int
        let registeredCapital: Int64
        let founded: BusinessDate
        let legalRep: String
        let controller: String
        let controllerBirthday: BusinessDate
        let openDate: BusinessDate
        /// The branch (index into `orgs`) and team that serve it.
        let team: Int
        var managers: [Manager]
        /// Typical deposit level in fen, which sizes its flows.
        let size: Int64
        /// Drifting away: falling balances and same-name transfers to another bank.
        let drifting: Bool
        /// Dormant: no customer-initiated transaction at all; its deposit accounts are flagged DORMANT.
        let dormant: Bool
        var accounts: [Int] = []
        /// Its basic settlement account (index into `accounts`), through which most flows pass.
        var settlement = 0
        var suppliers: [Counterparty] = []
        var buyers: [Counterparty] = []
        var loans: [Int] = []
        var payrollDay: Int
    }

    enum Counterparty {
        case customer(Int)
        case external(Int)
    }

    struct Account {
        let number: String
        let customer: Int
        let product: Int
        let kind: String
        let org: Int
        let openDate: BusinessDate
        var maturity: BusinessDate?
        let rate: String
        var status: String
        var balance: Int64 = 0
    }

    struct Loan {
        let contract: String
        let customer: Int
        let account: Int
        let product: Int
        let amount: Int64
        let rate: String
        let spreadBasisPoints: Int
        let start: BusinessDate
        let maturity: BusinessDate
        let classification: String
        let guarantee: String
        var status: String
        /// Settled before maturity on this day (a churn signal), when set.
        let earlySettlement: BusinessDate?
    }

    struct CreditLimit {
        let id: String
        let customer: Int
        let amount: Int64
        var used: Int64
        let start: BusinessDate
        let end: BusinessDate
        var status: String
    }

    struct ExternalCompany {
        let name: String
        let uscc: String
        let region: Int
        let bankCode: String
        let account: String
    }

    struct Conglomerate {
        let id: String
        let name: String
        let core: Int
        let members: [(customer: Int, relation: String, holdingBasisPoints: Int)]
    }

    var orgs: [Org] = []
    var staff: [Staff] = []
    var customers: [Customer] = []
    var accounts: [Account] = []
    var loans: [Loan] = []
    var limits: [CreditLimit] = []
    var externals: [ExternalCompany] = []
    var conglomerates: [Conglomerate] = []
    /// Relationship managers by team (org index), for assignment.
    var managersByTeam: [Int: [Int]] = [:]
    var teams: [Int] = []
    /// Codes and names of the reference data by index, so rows are written without looking them up again.
    var industryCodes: [String] = []
    var industryNames: [String] = []
    var regionCodes: [String] = []
    var regionNames: [String] = []
    var productCodes: [String] = []
}
