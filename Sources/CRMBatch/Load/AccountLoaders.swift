import CRMCore
import CRMStore
import GRDB

/// `accounts.csv`; also gives each new account its running-balance row in the summary layer.
struct AccountLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement
    private let summary: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_account(account_no, customer_id, product_code, kind, currency, org_id, open_date,
              maturity_date, rate_ppm, status, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        summary = try BulkStatement(context.db, sql: """
            INSERT INTO sum_account_balance(account_no, customer_id, kind, first_batch_date) VALUES (?, ?, ?, ?)
            ON CONFLICT(account_no) DO UPDATE SET customer_id = excluded.customer_id, kind = excluded.kind
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let references = context.references
        let number = try row.required("account_no")
        let customer = try row.required("customer_id")
        try references.require(references.customers[customer] != nil, column: "customer_id", what: "customer", id: customer)
        let product = try row.required("product_code")
        try references.require(references.products.contains(product), column: "product_code", what: "product", id: product)
        let org = try row.required("org_id")
        try references.require(references.orgBankCodes[org] != nil, column: "org_id", what: "org", id: org)
        let kind = try row.code("kind", Codes.accountKinds)
        try insert.execute([
            .text(number), .text(customer), .text(product), .text(kind), .text(try row.code("currency", Codes.currencies)),
            .text(org), .text(try row.requiredDate("open_date").description), .optional(try row.date("maturity_date")?.description),
            .optional(try row.scaled("rate", decimals: Scale.ratePercentDecimals)),
            .text(try row.code("status", Codes.accountStatus)), .text(context.dateText), .int(Int64(row.line)),
        ])
        try summary.execute([.text(number), .text(customer), .text(kind), .text(context.dateText)])
        references.accounts[number] = customer
    }
}

/// `loans.csv`.
struct LoanLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement
    private let event: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_loan(contract_id, customer_id, account_no, product_code, amount, rate_ppm,
              lpr_spread_bp, start_date, maturity_date, classification, guarantee_type, status, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        event = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO app_loan_event(biz_date, event_id, kind, customer_id, contract_id, amount, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let references = context.references
        let customer = try row.required("customer_id")
        try references.require(references.customers[customer] != nil, column: "customer_id", what: "customer", id: customer)
        let account = row.text("account_no")
        if let account {
            try references.require(references.accounts[account] != nil, column: "account_no", what: "account", id: account)
        }
        let product = try row.required("product_code")
        try references.require(references.products.contains(product), column: "product_code", what: "product", id: product)
        let contract = try row.required("contract_id")
        let amount = try row.requiredMoney("amount")
        let maturity = try row.requiredDate("maturity_date")
        let classification = try row.code("classification", Codes.classifications)
        let status = try row.code("status", Codes.loanStatus)
        let stored = try Row.fetchOne(context.db.cachedStatement(sql: "SELECT status, classification FROM base_loan WHERE contract_id = ?"),
                                      arguments: [contract])
        try insert.execute([
            .text(contract), .text(customer), .optional(account), .text(product),
            .int(amount), .optional(try row.scaled("rate", decimals: Scale.ratePercentDecimals)),
            .optional(try row.integer("lpr_spread_bp")), .text(try row.requiredDate("start_date").description),
            .text(maturity.description), .text(classification),
            .text(try row.code("guarantee_type", Codes.guaranteeTypes)), .text(status),
            .text(context.dateText), .int(Int64(row.line)),
        ])
        let old = stored.map { (status: $0[0] as String, classification: $0[1] as String) }
        for change in LoanEventStep.changes(old: old, status: status, classification: classification, maturity: maturity, date: context.date) {
            try event.execute([.text(context.dateText), .text("\(contract):\(change.kind)"), .text(change.kind), .text(customer), .text(contract),
                               .int(amount), .text(change.detail)])
        }
    }
}

/// `credit_limits.csv`.
struct CreditLimitLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_credit_limit(limit_id, customer_id, amount, used, start_date, end_date, status,
              batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let customer = try row.required("customer_id")
        try context.references.require(context.references.customers[customer] != nil, column: "customer_id",
                                       what: "customer", id: customer)
        try insert.execute([
            .text(try row.required("limit_id")), .text(customer), .int(try row.requiredMoney("amount")),
            .int(try row.requiredMoney("used")), .text(try row.requiredDate("start_date").description),
            .text(try row.requiredDate("end_date").description), .text(try row.code("status", Codes.limitStatus)),
            .text(context.dateText), .int(Int64(row.line)),
        ])
    }
}

/// `conglomerates.csv`.
struct ConglomerateLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_conglomerate(group_id, name, core_customer_id, status, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let id = try row.required("group_id")
        let core = row.text("core_customer_id")
        if let core {
            try context.references.require(context.references.customers[core] != nil, column: "core_customer_id",
                                           what: "customer", id: core)
        }
        try insert.execute([.text(id), .text(try row.required("name")), .optional(core),
                            .text(try row.code("status", Codes.activeClosed)), .text(context.dateText), .int(Int64(row.line))])
        context.references.conglomerates.insert(id)
    }
}

/// `conglomerate_members.csv`.
struct ConglomerateMemberLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_conglomerate_member(group_id, customer_id, relation, holding_bp, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let references = context.references
        let group = try row.required("group_id")
        try references.require(references.conglomerates.contains(group), column: "group_id", what: "conglomerate", id: group)
        let customer = try row.required("customer_id")
        try references.require(references.customers[customer] != nil, column: "customer_id", what: "customer", id: customer)
        try insert.execute([.text(group), .text(customer), .text(try row.code("relation", Codes.memberRelations)),
                            .optional(try row.scaled("holding_pct", decimals: Scale.sharePercentDecimals)),
                            .text(context.dateText), .int(Int64(row.line))])
    }
}
