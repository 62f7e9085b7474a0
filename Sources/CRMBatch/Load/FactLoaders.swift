import CRMCore
import CRMStore
import GRDB

/// `balances.csv`: the end-of-day balance of each account that changed; also moves the running balance.
struct BalanceLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement
    private let update: BulkStatement
    private var seen: Set<String> = []

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT INTO base_balance(account_no, biz_date, balance, source_line) VALUES (?, ?, ?, ?)
            """)
        update = try BulkStatement(context.db, sql: "UPDATE sum_account_balance SET balance = ? WHERE account_no = ?")
    }

    mutating func load(_ row: RowReader) throws {
        let account = try row.required("account_no")
        try context.references.require(context.references.accounts[account] != nil, column: "account_no",
                                       what: "account", id: account)
        let balance = try row.requiredMoney("balance")
        guard seen.insert(account).inserted else {
            throw RowRejection(column: "account_no", "account '\(account)' appears twice in this file")
        }
        try insert.execute([.text(account), .text(context.dateText), .int(balance), .int(Int64(row.line))])
        try update.execute([.int(balance), .text(account)])
    }
}

/// `transactions.csv`, enriched on the way in with the customer, whether the counterparty is in-bank,
/// the normalised counterparty key and the same-name flag that fund-flow analysis groups by.
struct TransactionLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement
    private let findOriginal: Statement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT INTO base_transaction(txn_id, biz_date, account_no, customer_id, txn_time, direction, amount,
              counterparty_name, counterparty_account, counterparty_bank_code, channel, purpose, kind, reversal_of,
              counterparty_key, counterparty_in_bank, counterparty_customer_id, same_name, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        findOriginal = try context.db.makeStatement(sql: "SELECT reversed_on FROM base_transaction WHERE txn_id = ?")
    }

    mutating func load(_ row: RowReader) throws {
        let references = context.references
        let id = try row.required("txn_id")
        let accountNo = try row.required("account_no")
        guard let customerID = references.accounts[accountNo] else {
            throw RowRejection(column: "account_no", "unknown reference: account '\(accountNo)' not found")
        }
        let time = try row.required("txn_time")
        guard TransactionLoader.isTime(time) else {
            throw RowRejection(column: "txn_time", "bad time '\(time)' (expected YYYY-MM-DD HH:MM:SS)")
        }
        let amount = try row.requiredMoney("amount")
        guard amount > 0 else { throw RowRejection(column: "amount", "amount must be positive") }
        let kind = try row.code("kind", Codes.transactionKinds)
        let reversalOf = row.text("reversal_of")
        if kind == "REVERSAL" {
            guard let reversalOf else { throw RowRejection(column: "reversal_of", "missing value (required for kind REVERSAL)") }
            guard let reversedOn = try Row.fetchOne(findOriginal, arguments: [reversalOf]) else {
                throw RowRejection(column: "reversal_of", "unknown reference: transaction '\(reversalOf)' not found")
            }
            guard reversedOn[0] as String? == nil, !context.reversals.contains(where: { $0.original == reversalOf }) else {
                throw RowRejection(column: "reversal_of", "transaction '\(reversalOf)' is already reversed")
            }
        }
        let counterpartyName = row.text("counterparty_name")
        let counterpartyAccount = row.text("counterparty_account")
        let counterpartyBank = row.text("counterparty_bank_code")
        let counterpartyCustomer = counterpartyAccount.flatMap { references.accounts[$0] }
        let inBank = counterpartyCustomer != nil || counterpartyBank.map(references.ourBankCodes.contains) == true
        let key = FundFlowRules.normalizedName(counterpartyName ?? counterpartyAccount ?? "")
        let sameName = counterpartyCustomer == customerID
            || (!key.isEmpty && key == references.customers[customerID]?.normalizedName)
        do {
            try insert.execute([
                .text(id), .text(context.dateText), .text(accountNo), .text(customerID), .text(time),
                .text(try row.code("direction", Codes.directions)), .int(amount), .optional(counterpartyName),
                .optional(counterpartyAccount), .optional(counterpartyBank), .text(try row.code("channel", Codes.channels)),
                .optional(row.text("purpose")), .text(kind), .optional(reversalOf), .text(key), .int(inBank ? 1 : 0),
                .optional(counterpartyCustomer), .int(sameName ? 1 : 0), .int(Int64(row.line)),
            ])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw RowRejection(column: "txn_id", "duplicate transaction id '\(id)'")
        }
        // Recorded only once the row is in: a refused reversal reverses nothing.
        if let reversalOf, kind == "REVERSAL" { context.reversals.append((id, reversalOf)) }
    }

    /// `YYYY-MM-DD HH:MM:SS` with a real date and a time of day.
    static func isTime(_ text: String) -> Bool {
        // Read in place: this runs once per transaction, a million times on a large day.
        text.utf8.withContiguousStorageIfAvailable(isTime(bytes:)) ?? Array(text.utf8).withUnsafeBufferPointer(isTime(bytes:))
    }

    private static func isTime(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 19, bytes[10] == 0x20, bytes[13] == 0x3A, bytes[16] == 0x3A else { return false }
        let datePart = BusinessDate(isoBytes: UnsafeBufferPointer(rebasing: bytes[0..<10]))
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard datePart != nil, let h = number(11..<13), let m = number(14..<16), let s = number(17..<19) else { return false }
        return h < 24 && m < 60 && s < 60
    }
}

/// `profit.csv`: one month's management-accounting contribution per customer.
struct ProfitLoader: ExtractLoader {
    private let context: LoadContext
    private let insert: BulkStatement

    init(_ context: LoadContext) throws {
        self.context = context
        insert = try BulkStatement(context.db, sql: """
            INSERT OR REPLACE INTO base_profit(month, customer_id, ftp_income, fee_income, operating_cost, expected_loss,
              economic_capital, batch_date, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func load(_ row: RowReader) throws {
        let month = try row.required("month")
        guard BusinessDate(month + "-01") != nil else { throw RowRejection(column: "month", "bad month '\(month)' (expected YYYY-MM)") }
        let customer = try row.required("customer_id")
        try context.references.require(context.references.customers[customer] != nil, column: "customer_id",
                                       what: "customer", id: customer)
        try insert.execute([
            .text(month), .text(customer), .int(try row.requiredMoney("ftp_income")), .int(try row.requiredMoney("fee_income")),
            .int(try row.requiredMoney("operating_cost")), .int(try row.requiredMoney("expected_loss")),
            .int(try row.requiredMoney("economic_capital")), .text(context.dateText), .int(Int64(row.line)),
        ])
    }
}
