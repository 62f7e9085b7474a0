import CRMCore
import GRDB

/// `prospect.adopt`: turns a fund-chain prospect into a potential customer (潜在客户) of the relationship manager
/// whose customers deal with it most: the potential customer, an opportunity (a lead for an account, owned by that
/// manager) and a to-do in the manager's schedule to contact it within three days. A prospect is adopted once.
public struct AdoptProspect: Mutation {
    public let name = "prospect.adopt"
    /// Ids for the potential customer, the opportunity and the schedule item.
    public let id: String
    public let opportunityID: String
    public let scheduleID: String
    public let prospectKey: String
    /// The relationship manager it goes to (nil: the one the ranking names).
    public let ownerID: String?
    /// The day the contact is planned from (the schedule item is three days later, 10:00).
    public let today: BusinessDate

    public init(id: String, opportunityID: String, scheduleID: String, prospectKey: String, ownerID: String? = nil, today: BusinessDate) {
        self.id = id
        self.opportunityID = opportunityID
        self.scheduleID = scheduleID
        self.prospectKey = prospectKey
        self.ownerID = ownerID
        self.today = today
    }

    public var payload: JSONValue {
        .object([("id", .string(id)), ("opportunity_id", .string(opportunityID)), ("schedule_id", .string(scheduleID)),
                 ("prospect_key", .string(prospectKey)), ("owner_id", ownerID.map(JSONValue.string) ?? .null),
                 ("today", .string(today.description))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it.
    public init(payload: JSONValue) throws {
        try self.init(id: payload.text("id"), opportunityID: payload.text("opportunity_id"), scheduleID: payload.text("schedule_id"),
                      prospectKey: payload.text("prospect_key"), ownerID: payload.optionalText("owner_id"), today: payload.date("today"))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard let prospect = try Row.fetchOne(db, sql: """
            SELECT name, bank_code, top_staff_id, score FROM app_prospect WHERE counterparty_key = ?
            """, arguments: [prospectKey]) else {
            throw MutationError("没有这个资金链潜在客户 \(prospectKey) (no such prospect in the latest ranking)")
        }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM work_potential_customer WHERE prospect_key = ?", arguments: [prospectKey]) != true else {
            throw MutationError("\(prospect["name"] as String) 已转为潜在客户 (already a potential customer)")
        }
        guard let owner = ownerID ?? prospect["top_staff_id"] else {
            throw MutationError("没有与之往来的客户经理，请指定 (no manager deals with it: name one)")
        }
        let name: String = prospect["name"]
        guard let product = try String.fetchOne(db, sql: """
            SELECT product_code FROM base_product WHERE category = 'DEMAND_DEPOSIT' ORDER BY product_code LIMIT 1
            """) else { throw MutationError("没有活期存款产品可作为商机 (no demand-deposit product)") }
        try CreateOpportunity(id: opportunityID, draft: OpportunityDraft(prospectName: name, productCode: product, amount: 0,
                                                                         expectedDate: today.adding(days: 90), ownerID: owner))
            .apply(db, context: context)
        try db.execute(sql: """
            INSERT INTO work_schedule(id, staff_id, title, starts_at, customer_id, remind_minutes, note, created_at, updated_at)
            VALUES (?, ?, ?, ?, NULL, 60, ?, ?, ?)
            """, arguments: [scheduleID, owner, "接洽潜在客户：\(name)", "\(today.adding(days: 3)) 10:00",
                             "资金链潜在客户推荐，得分 \(ScaledNumber.text(Int64(prospect["score"] as Int), decimals: 2))", context.timestamp,
                             context.timestamp])
        try db.execute(sql: """
            INSERT INTO work_potential_customer(id, prospect_key, name, bank_code, owner_id, opportunity_id, schedule_id, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, prospectKey, name, prospect["bank_code"], owner, opportunityID, scheduleID, context.actor.staffID,
                             context.timestamp])
    }
}

/// The prospects already turned into potential customers.
public enum PotentialCustomerQuery {
    /// Prospect key -> the owner's name and staff id.
    public static func adopted(_ db: Database) throws -> [String: String] {
        try Row.fetchAll(db, sql: """
            SELECT p.prospect_key, COALESCE(s.name || ' ' || p.owner_id, p.owner_id) FROM work_potential_customer p
            LEFT JOIN base_staff s ON s.staff_id = p.owner_id
            """).reduce(into: [:]) { $0[$1[0]] = $1[1] }
    }
}
