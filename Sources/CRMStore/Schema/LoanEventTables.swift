import GRDB

/// `app_loan_event`: the loan changes of each business date (贷款变动提醒): drawdowns and repayments from the day's
/// transactions, early settlements and five-level classification changes from the day's loan rows.
enum LoanEventTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE app_loan_event (
              biz_date TEXT NOT NULL, event_id TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('DRAWDOWN', 'REPAYMENT', 'EARLY_SETTLEMENT', 'CLASSIFICATION')),
              customer_id TEXT NOT NULL, contract_id TEXT, amount INTEGER NOT NULL, detail TEXT NOT NULL,
              PRIMARY KEY (biz_date, event_id)
            ) WITHOUT ROWID;
            CREATE INDEX app_loan_event_customer ON app_loan_event(customer_id, biz_date);
            """)
    }
}
