import CRMCore
import CRMStore

/// `ext_registration.csv`: business registration from the data vendor, keyed by USCC.
struct RegistrationLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_ext_registration(uscc, reg_status, reg_authority, registered_address, business_scope,
              paid_in_capital, employees, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        try insert.execute([
            .text(try row.uscc("uscc")!), .text(try row.code("reg_status", Codes.registrationStatus)),
            .optional(row.text("reg_authority")), .optional(row.text("registered_address")),
            .optional(row.text("business_scope")), .optional(try row.money("paid_in_capital")),
            .optional(try row.integer("employees")), .text(context.dateText), .int(Int64(row.line)),
        ])
    }
}

/// `ext_shareholders.csv`.
struct ShareholderLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_ext_shareholder(uscc, shareholder_name, shareholder_uscc, holding_bp, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        try insert.execute([
            .text(try row.uscc("uscc")!), .text(try row.required("shareholder_name")),
            .optional(try row.uscc("shareholder_uscc", required: false)),
            .optional(try row.scaled("holding_pct", decimals: Scale.sharePercentDecimals)),
            .text(context.dateText), .int(Int64(row.line)),
        ])
    }
}

/// `ext_relations.csv`.
struct RelationLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_ext_relation(uscc_a, uscc_b, relation, batch_date, source_line) VALUES (?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        try insert.execute([.text(try row.uscc("uscc_a")!), .text(try row.uscc("uscc_b")!),
                            .text(try row.code("relation", Codes.externalRelations)), .text(context.dateText),
                            .int(Int64(row.line))])
    }
}

/// `ext_events.csv`: lawsuits, penalties, news and ratings with a severity of 1 to 5.
struct EventLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_ext_event(event_id, uscc, event_date, kind, title, severity, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        guard let severity = try row.integer("severity"), (1...5).contains(severity) else {
            throw RowRejection(column: "severity", "severity must be a whole number from 1 to 5")
        }
        try insert.execute([.text(try row.required("event_id")), .text(try row.uscc("uscc")!),
                            .text(try row.requiredDate("event_date").description), .text(try row.code("kind", Codes.eventKinds)),
                            .text(try row.required("title")), .int(severity), .text(context.dateText), .int(Int64(row.line))])
    }
}
