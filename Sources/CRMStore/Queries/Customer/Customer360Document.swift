import CRMCore
import GRDB

/// Every tab of the customer 360 view, read together: what `crm customer show --json` prints and the server's
/// `GET /customers/{id}` answers, in one JSON shape.
public struct Customer360Document: Sendable {
    public let overview: CustomerOverview
    public let history: [BalancePoint]
    public let products: CustomerProducts
    public let contribution: [MonthlyContribution]
    public let flows: CustomerFlows
    public let external: ExternalProfile
    public let relations: CustomerRelations

    /// Reads every tab of a customer in `scope`; throws `QueryError.unknownCustomer` for an unknown customer and
    /// for one outside the scope alike.
    public static func read(_ db: Database, customerID: String, scope: DataScope, asOf: BusinessDate) throws -> Customer360Document {
        let overview = try Customer360Query.overview(db, customerID: customerID, scope: scope, asOf: asOf)
        return Customer360Document(
            overview: overview, history: try Customer360Query.history(db, customerID: customerID, asOf: asOf),
            products: try Customer360Query.products(db, customerID: customerID),
            contribution: try Customer360Query.contribution(db, customerID: customerID, settings: try Settings.read(db)),
            flows: try Customer360Query.flows(db, customerID: customerID, asOf: asOf, transactions: 50),
            external: try Customer360Query.external(db, uscc: overview.identity.uscc),
            relations: try Customer360Query.relations(db, identity: overview.identity, scope: scope))
    }

    /// The document as JSON, keys in a fixed order, amounts as yuan.
    public var json: JSONValue {
        .object(identityMembers + overviewMembers + historyAndProductMembers + contributionMembers + flowMembers
                + externalMembers + relationMembers)
    }

    private typealias Members = [(String, JSONValue)]

    private func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    private var identityMembers: Members {
        let id = overview.identity
        return [
            ("customer_id", .string(id.customerID)), ("name", .string(id.name)), ("uscc", .string(id.uscc)),
            ("line", .string(id.line)), ("industry_code", .string(id.industryCode)), ("region_code", optional(id.regionCode)),
            ("registered_capital", id.registeredCapital.map(JSONValue.money) ?? .null), ("founded_date", optional(id.foundedDate)),
            ("legal_rep", optional(id.legalRep)), ("controller", optional(id.controllerName)), ("open_date", optional(id.openDate)),
            ("status", .string(id.status)),
        ]
    }

    private var overviewMembers: Members {
        let o = overview
        func figures(_ f: BalanceFigures) -> JSONValue {
            .object([("balance", .money(f.balance)), ("mtd_avg", .money(f.mtdAverage)), ("qtd_avg", .money(f.qtdAverage)),
                     ("ytd_avg", .money(f.ytdAverage))])
        }
        let history: [JSONValue] = o.tierHistory.map {
            .object([("from", .string($0.from.description)), ("tier", .string($0.tier.rawValue)), ("rule", .string($0.rule))])
        }
        let managers: [JSONValue] = o.managers.map {
            .object([("staff_id", .string($0.staffID)), ("name", .string($0.name)), ("org", .string($0.orgName)),
                     ("role", .string($0.role)), ("share_pct", .decimal($0.shareBP, decimals: 2))])
        }
        let alerts: [JSONValue] = o.alerts.map {
            .object([("date", .string($0.date.description)), ("kind", .string($0.kind.rawValue)), ("amount", .money($0.amount))])
        }
        let start: Members = [
            ("deposit_change_since_year_start", o.yearStart.map { .money(o.balances.deposit.balance - $0.deposit.balance) } ?? .null),
            ("loan_change_since_year_start", o.yearStart.map { .money(o.balances.loan.balance - $0.loan.balance) } ?? .null),
            ("deposit_ytd_avg_growth", o.yearStart.map { .money(o.balances.deposit.ytdAverage - $0.deposit.ytdAverage) } ?? .null),
        ]
        return [
            ("as_of", .string(o.asOf.description)), ("tier", .string(o.tier.rawValue)), ("tier_rule", .string(o.tierRule)),
            ("tier_history", .array(history)), ("effective", .bool(o.effective)), ("dormant", .bool(o.dormant)),
            ("last_active_date", optional(o.lastActiveDate)), ("conglomerate", optional(o.conglomerate)),
            ("managers", .array(managers)), ("deposit", figures(o.balances.deposit)), ("loan", figures(o.balances.loan)),
        ] + start + [("alerts", .array(alerts))]
    }

    private var historyAndProductMembers: Members {
        let points: [JSONValue] = history.map {
            .object([("date", .string($0.date.description)), ("deposit", .money($0.deposit)), ("loan", .money($0.loan)),
                     ("deposit_ytd_avg", .money($0.depositYearAverage))])
        }
        let held: [JSONValue] = products.held.map {
            .object([("product_code", .string($0.productCode)), ("name", .string($0.name)), ("category", .string($0.category)),
                     ("accounts", .int(Int64($0.accounts))), ("balance", .money($0.balance))])
        }
        let categories: [JSONValue] = products.penetration.map {
            .object([("category", .string($0.category)), ("held", .bool($0.held)), ("peer_share_pct", .decimal($0.peerShareBP, decimals: 2))])
        }
        return [("history", .array(points)), ("products", .array(held)),
                ("penetration", .object([("peers", .int(Int64(products.peers))), ("categories", .array(categories))]))]
    }

    private var contributionMembers: Members {
        let months: [JSONValue] = contribution.map { m in
            let money: Members = [
                ("ftp_income", .money(m.ftpIncome)), ("fee_income", .money(m.feeIncome)), ("operating_cost", .money(m.operatingCost)),
                ("expected_loss", .money(m.expectedLoss)), ("economic_capital", .money(m.economicCapital)),
                ("profit_before_tax", .money(m.profitBeforeTax)), ("profit_after_tax", .money(m.profitAfterTax)),
            ]
            return .object([("month", .string(m.month))] + money
                           + [("raroc_pct", m.rarocBP.map { .decimal($0, decimals: 2) } ?? .null), ("eva", .money(m.eva))])
        }
        return [("contribution", .array(months))]
    }

    private var flowMembers: Members {
        func totals(_ flow: FundFlow) -> JSONValue {
            let parties: [JSONValue] = flow.counterparties.prefix(20).map { party in
                .object([("name", .string(party.name)), ("in_bank", .bool(party.inBank)), ("inflow", .money(party.inflow)),
                         ("outflow", .money(party.outflow)), ("role", optional(party.role?.rawValue))])
            }
            return .object([("from", .string(flow.from.description)), ("to", .string(flow.to.description)),
                            ("in_bank_in", .money(flow.inBankIn)), ("out_bank_in", .money(flow.outBankIn)),
                            ("in_bank_out", .money(flow.inBankOut)), ("out_bank_out", .money(flow.outBankOut)),
                            ("counterparties", .array(parties))])
        }
        let transactions: [JSONValue] = flows.transactions.map { t in
            .object([("date", .string(t.date.description)), ("time", .string(t.time)), ("account_no", .string(t.accountNo)),
                     ("direction", .string(t.direction)), ("amount", .money(t.amount)), ("counterparty", optional(t.counterparty)),
                     ("in_bank", .bool(t.inBank)), ("purpose", optional(t.purpose)), ("channel", .string(t.channel)),
                     ("kind", .string(t.kind)), ("reversed", .bool(t.reversed))])
        }
        return [("fund_flows", .object([("month", totals(flows.month)), ("twelve_months", totals(flows.year))])),
                ("transactions", .array(transactions))]
    }

    private var externalMembers: Members {
        let e = external
        let shareholders: [JSONValue] = e.shareholders.map {
            .object([("name", .string($0.name)), ("uscc", optional($0.uscc)),
                     ("holding_pct", $0.holdingBP.map { .decimal($0, decimals: 2) } ?? .null)])
        }
        let events: [JSONValue] = e.events.map {
            .object([("date", .string($0.date)), ("kind", .string($0.kind)), ("title", .string($0.title)), ("severity", .int(Int64($0.severity)))])
        }
        let registration: Members = [
            ("registration_status", optional(e.registrationStatus)), ("authority", optional(e.authority)), ("address", optional(e.address)),
            ("business_scope", optional(e.businessScope)), ("paid_in_capital", e.paidInCapital.map(JSONValue.money) ?? .null),
            ("employees", e.employees.map { .int(Int64($0)) } ?? .null), ("tax_rating", optional(e.taxRating)),
        ]
        return [("external", .object(registration + [("shareholders", .array(shareholders)), ("events", .array(events))]))]
    }

    private var relationMembers: Members {
        let kinds: Members = CustomerRelations.Kind.allCases.map { kind in
            let parties: [JSONValue] = (relations.parties[kind] ?? []).map {
                .object([("name", .string($0.name)), ("uscc", optional($0.uscc)), ("customer_id", optional($0.customerID)),
                         ("detail", optional($0.detail))])
            }
            return (kind.rawValue, .array(parties))
        }
        return [("relations", .object(kinds))]
    }
}
