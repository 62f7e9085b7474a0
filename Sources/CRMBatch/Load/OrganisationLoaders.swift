import CRMCore
import CRMStore

/// `org.csv`: held until the whole file is read, because a parent may appear after its children.
struct OrgLoader: ExtractLoader {
    private struct Pending {
        let line: Int
        let record: String
        let values: [SQLValue]
        let id: String
        let parent: String?
        let bankCode: String?
    }

    private let context: LoadContext
    private let insert: BulkStatement
    private var pending: [Pending] = []

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_org(org_id, parent_id, level, name, region_code, bank_code, status, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let id = try row.required("org_id")
        let level = try row.code("level", Codes.orgLevels)
        let parent = row.text("parent_id")
        if parent == nil, level != "HQ" { throw RowRejection(column: "parent_id", "missing value (only HQ has no parent)") }
        let bankCode = row.text("bank_code")
        if let bankCode, bankCode.utf8.count != 12 || !bankCode.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw RowRejection(column: "bank_code", "bad CNAPS code '\(bankCode)' (expected 12 digits)")
        }
        let values: [SQLValue] = [.text(id), .optional(parent), .text(level), .text(try row.required("name")),
                                  .optional(row.text("region_code")), .optional(bankCode),
                                  .text(try row.code("status", Codes.activeClosed)), .text(context.dateText),
                                  .int(Int64(row.line))]
        pending.append(Pending(line: row.line, record: row.csv.recordText, values: values, id: id, parent: parent,
                               bankCode: bankCode))
    }

    /// Refuses every org whose parent is neither known nor accepted in this file, repeating until nothing more
    /// falls (a refused parent takes its children with it), then stores the rest.
    mutating func finish() throws -> [DeferredRejection] {
        var accepted = Set(pending.map(\.id))
        var refused = Set<Int>()
        var changed = true
        while changed {
            changed = false
            for (index, org) in pending.enumerated() where !refused.contains(index) {
                guard let parent = org.parent, !accepted.contains(parent), context.references.orgBankCodes[parent] == nil
                else { continue }
                refused.insert(index)
                accepted.remove(org.id)
                changed = true
            }
        }
        var rejections: [DeferredRejection] = []
        for (index, org) in pending.enumerated() {
            if refused.contains(index) {
                rejections.append(DeferredRejection(line: org.line, rejection: RowRejection(
                    column: "parent_id", "unknown reference: org '\(org.parent ?? "")' not found"), record: org.record))
                continue
            }
            try insert.execute(org.values)
            context.references.addOrg(id: org.id, bankCode: org.bankCode)
        }
        return rejections
    }
}

/// `staff.csv`.
struct StaffLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_staff(staff_id, name, org_id, position, status, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let id = try row.required("staff_id")
        let org = try row.required("org_id")
        try context.references.require(context.references.orgBankCodes[org] != nil, column: "org_id", what: "org", id: org)
        try insert.execute([.text(id), .text(try row.required("name")), .text(org),
                            .text(try row.code("position", Codes.positions)), .text(try row.code("status", Codes.staffStatus)),
                            .text(context.dateText), .int(Int64(row.line))])
        context.references.staff.insert(id)
    }
}

/// `products.csv`.
struct ProductLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_product(product_code, name, category, on_balance, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let code = try row.required("product_code")
        let onBalance = try row.code("on_balance", Codes.yesNo) == "Y"
        try insert.execute([.text(code), .text(try row.required("name")), .text(try row.code("category", Codes.categories)),
                            .int(onBalance ? 1 : 0), .text(context.dateText), .int(Int64(row.line))])
        context.references.products.insert(code)
    }
}
