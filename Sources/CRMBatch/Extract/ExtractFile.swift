/// The files of the source-extract contract (docs/data-formats.md), in the order the batch loads them:
/// every file is loaded after the files its references point to.
public enum ExtractFile: String, CaseIterable, Sendable {
    case org, staff, products, customers, customerManagers = "customer_managers", accounts, loans
    case creditLimits = "credit_limits", conglomerates, conglomerateMembers = "conglomerate_members"
    case balances, transactions, profit
    case extRegistration = "ext_registration", extShareholders = "ext_shareholders"
    case extRelations = "ext_relations", extEvents = "ext_events"

    /// The file name inside a date folder.
    public var fileName: String { rawValue + ".csv" }

    /// The header, in the order the generator writes it.
    public var columns: [String] {
        switch self {
        case .org: return ["org_id", "parent_id", "level", "name", "region_code", "bank_code", "status"]
        case .staff: return ["staff_id", "name", "org_id", "position", "status"]
        case .customers:
            return ["customer_id", "name", "uscc", "line", "industry_code", "region_code", "registered_capital",
                    "founded_date", "legal_rep", "controller_name", "controller_birthday", "open_date", "status"]
        case .customerManagers: return ["customer_id", "staff_id", "role", "share_pct"]
        case .products: return ["product_code", "name", "category", "on_balance"]
        case .accounts:
            return ["account_no", "customer_id", "product_code", "kind", "currency", "org_id", "open_date",
                    "maturity_date", "rate", "status"]
        case .balances: return ["account_no", "balance"]
        case .transactions:
            return ["txn_id", "account_no", "txn_time", "direction", "amount", "counterparty_name",
                    "counterparty_account", "counterparty_bank_code", "channel", "purpose", "kind", "reversal_of"]
        case .loans:
            return ["contract_id", "customer_id", "account_no", "product_code", "amount", "rate", "lpr_spread_bp",
                    "start_date", "maturity_date", "classification", "guarantee_type", "status"]
        case .creditLimits: return ["limit_id", "customer_id", "amount", "used", "start_date", "end_date", "status"]
        case .conglomerates: return ["group_id", "name", "core_customer_id", "status"]
        case .conglomerateMembers: return ["group_id", "customer_id", "relation", "holding_pct"]
        case .profit:
            return ["month", "customer_id", "ftp_income", "fee_income", "operating_cost", "expected_loss",
                    "economic_capital"]
        case .extRegistration:
            return ["uscc", "reg_status", "reg_authority", "registered_address", "business_scope", "paid_in_capital",
                    "employees"]
        case .extShareholders: return ["uscc", "shareholder_name", "shareholder_uscc", "holding_pct"]
        case .extRelations: return ["uscc_a", "uscc_b", "relation"]
        case .extEvents: return ["event_id", "uscc", "event_date", "kind", "title", "severity"]
        }
    }

    /// Columns that may be left out of the header (they load as null); every other column must be present.
    public var optionalColumns: Set<String> {
        switch self {
        case .org: return ["region_code", "bank_code"]
        case .customers:
            return ["region_code", "registered_capital", "founded_date", "legal_rep", "controller_name",
                    "controller_birthday", "open_date"]
        case .accounts: return ["maturity_date", "rate"]
        case .transactions:
            return ["counterparty_name", "counterparty_account", "counterparty_bank_code", "purpose", "reversal_of"]
        case .loans: return ["account_no", "rate", "lpr_spread_bp"]
        case .conglomerates: return ["core_customer_id"]
        case .conglomerateMembers: return ["holding_pct"]
        case .extRegistration: return ["reg_authority", "registered_address", "business_scope", "paid_in_capital", "employees"]
        case .extShareholders: return ["shareholder_uscc", "holding_pct"]
        default: return []
        }
    }

    /// The manifest's own name.
    public static let manifestName = "_manifest.csv"
}
