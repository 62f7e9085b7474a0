import CRMCore
import CRMStore

/// `customers.csv`.
struct CustomerLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT INTO base_customer(customer_id, name, uscc, line, industry_code, region_code,
              registered_capital, founded_date, legal_rep, controller_name, controller_birthday, open_date, status,
              batch_date, source_line, first_batch_date)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?14)
            ON CONFLICT(customer_id) DO UPDATE SET name = excluded.name, uscc = excluded.uscc, line = excluded.line,
              industry_code = excluded.industry_code, region_code = excluded.region_code,
              registered_capital = excluded.registered_capital, founded_date = excluded.founded_date,
              legal_rep = excluded.legal_rep, controller_name = excluded.controller_name,
              controller_birthday = excluded.controller_birthday, open_date = excluded.open_date, status = excluded.status,
              batch_date = excluded.batch_date, source_line = excluded.source_line
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let id = try row.required("customer_id")
        let name = try row.required("name")
        let uscc = try row.uscc("uscc")!
        let industry = try row.required("industry_code")
        guard CustomerLoader.isIndustryCode(industry) else {
            throw RowRejection(column: "industry_code", "bad industry code '\(industry)' (expected a section letter A-T and 2 to 4 digits)")
        }
        let region = row.text("region_code")
        if let region, !CustomerLoader.isRegionCode(region) {
            throw RowRejection(column: "region_code", "bad region code '\(region)' (expected 6 digits)")
        }
        try insert.execute([
            .text(id), .text(name), .text(uscc), .text(try row.code("line", Codes.lines)), .text(industry), .optional(region),
            .optional(try row.money("registered_capital")), .optional(try row.date("founded_date")?.description),
            .optional(row.text("legal_rep")), .optional(row.text("controller_name")),
            .optional(try row.date("controller_birthday")?.description), .optional(try row.date("open_date")?.description),
            .text(try row.code("status", Codes.activeClosed)), .text(context.dateText), .int(Int64(row.line)),
        ])
        context.references.customers[id] = ReferenceCache.Customer(normalizedName: FundFlowRules.normalizedName(name))
    }

    static func isIndustryCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard (3...5).contains(bytes.count), bytes[0] >= 0x41, bytes[0] <= 0x54 else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isRegionCode(_ code: String) -> Bool {
        code.utf8.count == 6 && code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// `customer_managers.csv`: each customer's rows are its whole set of managers, checked together
/// (shares sum to 100%, exactly one main manager) and then replace the earlier set. Every set received is
/// also kept with its date, the assignment history that a rollback restores from.
struct CustomerManagerLoader: ExtractLoader {
    private struct Assignment {
        let line: Int
        let record: String
        let staffID: String
        let role: String
        let shareBasisPoints: Int64
    }

    private let context: LoadContext
    private let delete: BulkStatement
    private let insert: BulkStatement
    private let history: BulkStatement
    private var byCustomer: [String: [Assignment]] = [:]
    private var customerOrder: [String] = []

    init(_ context: LoadContext) throws {
        self.context = context
        delete = try BulkStatement(context.db, sql: "DELETE FROM base_customer_manager WHERE customer_id = ?")
        insert = try BulkStatement(context.db, sql: """
            INSERT INTO base_customer_manager(customer_id, staff_id, role, share_bp, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        history = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_customer_manager_history(customer_id, staff_id, role, share_bp, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let customer = try row.required("customer_id")
        try context.references.require(context.references.customers[customer] != nil, column: "customer_id",
                                       what: "customer", id: customer)
        let staff = try row.required("staff_id")
        try context.references.require(context.references.staff.contains(staff), column: "staff_id", what: "staff", id: staff)
        guard let share = try row.scaled("share_pct", decimals: Scale.sharePercentDecimals) else {
            throw RowRejection(column: "share_pct", "missing value")
        }
        guard share > 0, share <= 10_000 else { throw RowRejection(column: "share_pct", "share must be above 0 and at most 100") }
        let assignment = Assignment(line: row.line, record: row.csv.recordText, staffID: staff,
                                    role: try row.code("role", Codes.managerRoles), shareBasisPoints: share)
        if byCustomer[customer] == nil { customerOrder.append(customer) }
        byCustomer[customer, default: []].append(assignment)
    }

    mutating func finish() throws -> [DeferredRejection] {
        var rejections: [DeferredRejection] = []
        for customer in customerOrder {
            let set = byCustomer[customer]!
            let total = set.reduce(0) { $0 + $1.shareBasisPoints }
            let mains = set.filter { $0.role == "MAIN" }.count
            var problem: RowRejection?
            if total != 10_000 {
                problem = RowRejection(column: "share_pct", "shares of customer '\(customer)' sum to \(ScaledNumber.text(total, decimals: 2)), not 100")
            } else if mains != 1 {
                problem = RowRejection(column: "role", "customer '\(customer)' has \(mains) MAIN managers, expected exactly 1")
            } else if Set(set.map(\.staffID)).count != set.count {
                problem = RowRejection(column: "staff_id", "customer '\(customer)' lists the same manager twice")
            }
            if let problem {
                rejections += set.map { DeferredRejection(line: $0.line, rejection: problem, record: $0.record) }
                continue
            }
            try delete.execute([.text(customer)])
            for assignment in set {
                let values: [SQLValue] = [.text(customer), .text(assignment.staffID), .text(assignment.role),
                                          .int(assignment.shareBasisPoints), .text(context.dateText), .int(Int64(assignment.line))]
                try insert.execute(values)
                try history.execute(values)
            }
        }
        return rejections
    }
}
