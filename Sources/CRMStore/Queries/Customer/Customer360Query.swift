import CRMCore
import GRDB

/// The customer 360 view (客户统一视图), tab by tab. The overview checks the scope; a customer outside it reads
/// as unknown. The other tabs are read when first shown, so the view's first frame needs the overview only.
public enum Customer360Query {
    /// The overview as of `asOf`.
    public static func overview(_ db: Database, customerID: String, scope: DataScope, asOf: BusinessDate) throws -> CustomerOverview {
        let condition = scope.customerCondition("c.customer_id")
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT c.customer_id, c.name, c.uscc, c.line, c.industry_code, c.region_code, c.registered_capital, c.founded_date,
                   c.legal_rep, c.controller_name, c.open_date, c.status,
                   COALESCE(s.tier, 'POTENTIAL'), COALESCE(s.tier_rule, ''), COALESCE(s.effective, 0), COALESCE(s.dormant, 0),
                   s.last_active_date
            FROM base_customer c LEFT JOIN app_customer_status s ON s.customer_id = c.customer_id
            WHERE c.customer_id = ? AND \(condition.sql)
            """), arguments: [customerID] + condition.arguments)
        else { throw QueryError.unknownCustomer(customerID) }
        let identity = CustomerIdentity(customerID: row[0], name: row[1], uscc: row[2], line: row[3], industryCode: row[4],
                                        regionCode: row[5], registeredCapital: row[6], foundedDate: row[7], legalRep: row[8],
                                        controllerName: row[9], openDate: row[10], status: row[11])
        let history = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT from_date, tier, tier_rule FROM app_tier_history WHERE customer_id = ? ORDER BY from_date DESC
            """), arguments: [customerID]).compactMap { period -> TierPeriod? in
            guard let from = BusinessDate(period[0] as String), let tier = CustomerTier(rawValue: period[1]) else { return nil }
            return TierPeriod(from: from, tier: tier, rule: period[2])
        }
        let managers = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT m.staff_id, s.name, o.name, m.role, m.share_bp FROM base_customer_manager m
            JOIN base_staff s ON s.staff_id = m.staff_id JOIN base_org o ON o.org_id = s.org_id
            WHERE m.customer_id = ? ORDER BY m.role = 'MAIN' DESC, m.share_bp DESC, m.staff_id
            """), arguments: [customerID]).map {
            ManagerShare(staffID: $0[0], name: $0[1], orgName: $0[2], role: $0[3], shareBP: $0[4])
        }
        let yearStart = try LoadedDates.last(before: asOf.startOfYear, db)
        let conglomerate = try String.fetchOne(db.cachedStatement(sql: """
            SELECT g.name FROM base_conglomerate_member m JOIN base_conglomerate g ON g.group_id = m.group_id
            WHERE m.customer_id = ? AND g.status = 'ACTIVE' ORDER BY g.group_id LIMIT 1
            """), arguments: [customerID])
        return CustomerOverview(
            identity: identity, tier: CustomerTier(rawValue: row[12]) ?? .potential, tierRule: row[13], tierHistory: history,
            effective: row[14], dormant: row[15], lastActiveDate: row[16], managers: managers, asOf: asOf,
            balances: try BalanceQuery.customer(db, id: customerID, asOf: asOf),
            yearStart: try yearStart.map { try BalanceQuery.customer(db, id: customerID, asOf: $0) },
            alerts: try alerts(db, customerID: customerID, name: identity.name, through: asOf), conglomerate: conglomerate)
    }

    /// Large-movement alerts of the 30 days up to `date`, newest first.
    static func alerts(_ db: Database, customerID: String, name: String, through date: BusinessDate) throws -> [CustomerAlert] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT rule, direction, biz_date, amount FROM app_alert
            WHERE customer_id = ? AND biz_date BETWEEN ? AND ? AND status = 'ACTIVE' ORDER BY biz_date DESC, rule
            """), arguments: [customerID, date.adding(days: -29).description, date.description]).map { alert in
            CustomerAlert(kind: CustomerAlert.Kind(rule: alert[0], direction: alert[1]), customerID: customerID, customerName: name,
                          date: BusinessDate(alert[2] as String)!, amount: alert[3])
        }
    }

    /// Month-end deposit and loan balances and the deposit YTD average, for the 13 months up to `asOf`.
    public static func history(_ db: Database, customerID: String, asOf: BusinessDate) throws -> [BalancePoint] {
        try CustomerSetQuery.monthEndBalances(db, customerIDs: [customerID], asOf: asOf)
    }

    /// Products held (accounts not closed) and the penetration of each product category among the customer's
    /// peers: customers of the same line and industry section.
    public static func products(_ db: Database, customerID: String) throws -> CustomerProducts {
        let held = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.product_code, p.name, p.category, COUNT(*), COALESCE(SUM(b.balance), 0)
            FROM base_account a JOIN base_product p ON p.product_code = a.product_code
            LEFT JOIN sum_account_balance b ON b.account_no = a.account_no
            WHERE a.customer_id = ? AND a.status <> 'CLOSED'
            GROUP BY a.product_code ORDER BY p.category, a.product_code
            """), arguments: [customerID]).map {
            HeldProduct(productCode: $0[0], name: $0[1], category: $0[2], accounts: $0[3], balance: $0[4])
        }
        let peers = try Row.fetchAll(db.cachedStatement(sql: """
            WITH me AS (SELECT line, substr(industry_code, 1, 1) AS section FROM base_customer WHERE customer_id = ?),
                 peer AS (SELECT c.customer_id FROM base_customer c, me
                          WHERE c.line = me.line AND substr(c.industry_code, 1, 1) = me.section AND c.status = 'ACTIVE')
            SELECT p.category, COUNT(DISTINCT a.customer_id), (SELECT COUNT(*) FROM peer)
            FROM peer JOIN base_account a ON a.customer_id = peer.customer_id AND a.status <> 'CLOSED'
            JOIN base_product p ON p.product_code = a.product_code
            GROUP BY p.category ORDER BY p.category
            """), arguments: [customerID])
        let heldCategories = Set(held.map(\.category))
        let peerCount: Int = peers.first?[2] ?? 0
        let penetration = peers.map { row -> CategoryPenetration in
            let holders: Int64 = row[1]
            return CategoryPenetration(category: row[0], held: heldCategories.contains(row[0]),
                                       peerShareBP: peerCount == 0 ? 0 : Money.divideRounded(holders * 10_000, by: Int64(peerCount)))
        }
        return CustomerProducts(held: held, penetration: penetration, peers: peerCount,
                                peersInBooksOnly: try SyncRole.current(db) == .replica)
    }

    /// Monthly contribution, RAROC and EVA for the last `months` months with data, newest first.
    public static func contribution(_ db: Database, customerID: String, settings: Settings, months: Int = 12) throws
        -> [MonthlyContribution] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT month, ftp_income, fee_income, operating_cost, expected_loss, economic_capital FROM base_profit
            WHERE customer_id = ? ORDER BY month DESC LIMIT ?
            """), arguments: [customerID, months]).map { row in
            MonthlyContribution(month: row[0], ftpIncome: row[1], feeIncome: row[2], operatingCost: row[3], expectedLoss: row[4],
                                economicCapital: row[5], settings: settings)
        }
    }

    /// The four totals and counterparties for the as-of month and the 12 months up to `asOf` (from the first
    /// loaded date when later), and the latest transactions.
    public static func flows(_ db: Database, customerID: String, asOf: BusinessDate, transactions limit: Int = 200) throws
        -> CustomerFlows {
        let first = try LoadedDates.range(db)?.lowerBound ?? asOf
        let yearStart = max(first, asOf.adding(days: -364))
        // One seek per month on the month-led customer index: a range over the months would walk every
        // customer's transactions of the year.
        var months: [String] = []
        var month = yearStart.startOfMonth
        while month <= asOf {
            months.append(month.monthKey)
            month = month.endOfMonth.adding(days: 1)
        }
        let transactions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT biz_date, txn_time, account_no, direction, amount, counterparty_name, counterparty_in_bank, purpose, channel, kind,
                   reversed_on IS NOT NULL
            FROM base_transaction
            WHERE substr(biz_date, 1, 7) IN (\(months.map { _ in "?" }.joined(separator: ", "))) AND customer_id = ? AND biz_date <= ?
            ORDER BY biz_date DESC, txn_time DESC, txn_id DESC LIMIT ?
            """), arguments: StatementArguments(months) + [customerID, asOf.description, limit]).map {
            CustomerTransaction(date: BusinessDate($0[0] as String)!, time: $0[1], accountNo: $0[2], direction: $0[3], amount: $0[4],
                                counterparty: $0[5], inBank: $0[6], purpose: $0[7], channel: $0[8], kind: $0[9], reversed: $0[10])
        }
        return CustomerFlows(year: try FundFlowQuery.customer(db, id: customerID, from: yearStart, to: asOf),
                             month: try FundFlowQuery.customer(db, id: customerID, from: max(first, asOf.startOfMonth), to: asOf),
                             transactions: transactions, transactionsOnServer: try SyncRole.current(db) == .replica)
    }

    /// What the external extracts say about the enterprise with this USCC.
    public static func external(_ db: Database, uscc: String) throws -> ExternalProfile {
        let registration = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT reg_status, reg_authority, registered_address, business_scope, paid_in_capital, employees
            FROM base_ext_registration WHERE uscc = ?
            """), arguments: [uscc])
        let shareholders = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT shareholder_name, shareholder_uscc, holding_bp FROM base_ext_shareholder WHERE uscc = ?
            ORDER BY holding_bp DESC, shareholder_name
            """), arguments: [uscc]).map { ExternalProfile.Shareholder(name: $0[0], uscc: $0[1], holdingBP: $0[2]) }
        let events = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT event_date, kind, title, severity FROM base_ext_event WHERE uscc = ? ORDER BY event_date DESC, event_id DESC
            """), arguments: [uscc]).map { ExternalProfile.Event(date: $0[0], kind: $0[1], title: $0[2], severity: $0[3]) }
        return ExternalProfile(registrationStatus: registration?[0], authority: registration?[1], address: registration?[2],
                               businessScope: registration?[3], paidInCapital: registration?[4], employees: registration?[5],
                               shareholders: shareholders, taxRating: events.first { $0.kind == "TAX_RATING" }?.title, events: events)
    }

    /// Related parties by kind. A party that is a customer in the viewer's scope carries its customer id.
    public static func relations(_ db: Database, identity: CustomerIdentity, scope: DataScope) throws -> CustomerRelations {
        let condition = scope.customerCondition("c.customer_id")
        // Names come from the bank's customers, else from the party's own registration row in ext_shareholders.
        func parties(_ sql: String, _ arguments: StatementArguments) throws -> [RelatedParty] {
            try Row.fetchAll(db.cachedStatement(sql: """
                WITH party(uscc, detail) AS (\(sql))
                SELECT party.uscc, COALESCE(c.name, (SELECT shareholder_name FROM base_ext_shareholder WHERE shareholder_uscc = party.uscc LIMIT 1), party.uscc),
                       CASE WHEN c.customer_id IS NOT NULL AND \(condition.sql) THEN c.customer_id END, party.detail
                FROM party LEFT JOIN base_customer c ON c.uscc = party.uscc
                ORDER BY 2
                """), arguments: arguments + condition.arguments).map {
                RelatedParty(name: $0[1], uscc: $0[0], customerID: $0[2], detail: $0[3])
            }
        }
        let uscc = identity.uscc
        var result: [CustomerRelations.Kind: [RelatedParty]] = [:]
        let shareholders = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.shareholder_name, s.shareholder_uscc, s.holding_bp,
                   CASE WHEN c.customer_id IS NOT NULL AND \(condition.sql) THEN c.customer_id END
            FROM base_ext_shareholder s LEFT JOIN base_customer c ON c.uscc = s.shareholder_uscc
            WHERE s.uscc = ? ORDER BY s.holding_bp DESC, s.shareholder_name
            """), arguments: condition.arguments + [uscc]).map { row -> RelatedParty in
            let holding: Int64? = row[2]
            return RelatedParty(name: row[0], uscc: row[1], customerID: row[3],
                                detail: holding.map { ScaledNumber.text($0, decimals: 2) + "%" })
        }
        result[.shareholders] = shareholders
        result[.investments] = try parties("""
            SELECT uscc, printf('%.2f%%', holding_bp / 100.0) FROM base_ext_shareholder WHERE shareholder_uscc = ?
            """, [uscc])
        result[.guaranteesGiven] = try parties("SELECT uscc_b, NULL FROM base_ext_relation WHERE uscc_a = ? AND relation = 'GUARANTEES'", [uscc])
        result[.guaranteesReceived] = try parties("SELECT uscc_a, NULL FROM base_ext_relation WHERE uscc_b = ? AND relation = 'GUARANTEES'", [uscc])
        result[.sameController] = try parties("""
            SELECT uscc_b, NULL FROM base_ext_relation WHERE uscc_a = ? AND relation = 'SAME_CONTROLLER'
            UNION SELECT uscc_a, NULL FROM base_ext_relation WHERE uscc_b = ? AND relation = 'SAME_CONTROLLER'
            """, [uscc, uscc])
        result[.suppliers] = try parties("SELECT uscc_a, NULL FROM base_ext_relation WHERE uscc_b = ? AND relation = 'SUPPLIES'", [uscc])
        result[.buyers] = try parties("SELECT uscc_b, NULL FROM base_ext_relation WHERE uscc_a = ? AND relation = 'SUPPLIES'", [uscc])
        result[.conglomerate] = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.name, c.uscc, CASE WHEN \(condition.sql) THEN c.customer_id END, g.name || ' · ' || m.relation
            FROM base_conglomerate_member me JOIN base_conglomerate g ON g.group_id = me.group_id
            JOIN base_conglomerate_member m ON m.group_id = me.group_id AND m.customer_id <> me.customer_id
            JOIN base_customer c ON c.customer_id = m.customer_id
            WHERE me.customer_id = ? ORDER BY m.relation, c.name
            """), arguments: condition.arguments + [identity.customerID]).map {
            RelatedParty(name: $0[0], uscc: $0[1], customerID: $0[2], detail: $0[3])
        }
        return CustomerRelations(parties: result)
    }
}
