import CRMCore
import GRDB

/// The churn warning's tables (migration `v5-churn`): the two daily facts it reads that no other table keeps, and
/// its result per business date.
///
/// - `app_activity_day`: customer-initiated transactions (`NORMAL`, `LOAN_DRAW`, `LOAN_REPAY`, not reversed) per
///   customer and day.
/// - `app_same_name_transfer`: every same-name transfer to another bank (kind `NORMAL`, direction `D`, out-of-bank,
///   same name); whether it was reversed is read from `base_transaction` when the churn step runs.
/// - `app_churn`: per date, the customers with at least one signal: score, band and the figures the signals fired
///   on (a customer without a row scored 0, green). Keyed by date first, like every table written daily.
public enum ChurnTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE app_activity_day (
              biz_date TEXT NOT NULL, customer_id TEXT NOT NULL, txns INTEGER NOT NULL,
              PRIMARY KEY (biz_date, customer_id)
            ) WITHOUT ROWID;
            CREATE TABLE app_same_name_transfer (
              biz_date TEXT NOT NULL, txn_id TEXT NOT NULL, customer_id TEXT NOT NULL, amount INTEGER NOT NULL,
              PRIMARY KEY (biz_date, txn_id)
            ) WITHOUT ROWID;
            CREATE TABLE app_churn (
              biz_date TEXT NOT NULL, customer_id TEXT NOT NULL, score INTEGER NOT NULL,
              band TEXT NOT NULL CHECK (band IN ('RED', 'AMBER', 'GREEN')),
              deposit_avg_m1 INTEGER, deposit_avg_m2 INTEGER, deposit_avg_m3 INTEGER, deposit_avg_m4 INTEGER,
              out_bank_outflow INTEGER NOT NULL, total_outflow INTEGER NOT NULL,
              transfer_amount INTEGER, transfer_txn_id TEXT, mtd_average INTEGER NOT NULL,
              txns_recent INTEGER NOT NULL, txns_prior INTEGER,
              settled_loan TEXT, unrenewed_limit TEXT,
              PRIMARY KEY (biz_date, customer_id)
            ) WITHOUT ROWID;
            """)
        // A database loaded before this migration gets its history's counts and transfers now.
        try groupActivity(db, sign: 1, filter: "true", arguments: [:])
        try db.execute(sql: "DROP TABLE temp.activity_delta")
        try recordTransfers(db, filter: "true", arguments: [:])
    }

    /// Adds (`sign` 1) or takes back (`sign` -1) the customer-initiated, unreversed transactions selected by `filter`
    /// (an SQL condition on `base_transaction`) in `app_activity_day` and in the rolling sums of
    /// `ActivityWindowTables`; a count taken back to 0 is deleted.
    public static func accumulateActivity(_ db: Database, sign: Int, filter: String, arguments: StatementArguments) throws {
        try groupActivity(db, sign: sign, filter: filter, arguments: arguments)
        try ActivityWindowTables.addDelta(db, delta: "temp.activity_delta")
        try db.execute(sql: "DROP TABLE temp.activity_delta")
        if sign < 0 {
            // By the dates touched, not over the whole table: history must not slow a day down.
            try db.execute(sql: """
                DELETE FROM app_activity_day WHERE txns = 0
                  AND biz_date IN (SELECT DISTINCT biz_date FROM base_transaction WHERE \(filter))
                """, arguments: arguments)
        }
    }

    /// Groups the transactions of `accumulateActivity` into `temp.activity_delta` (biz_date, customer_id, txns) and adds
    /// them to `app_activity_day`.
    private static func groupActivity(_ db: Database, sign: Int, filter: String, arguments: StatementArguments) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.activity_delta;
            CREATE TEMP TABLE activity_delta AS
              SELECT biz_date, customer_id, \(sign) * COUNT(*) AS txns FROM base_transaction
              WHERE kind IN (\(customerInitiatedKindsSQL)) AND reversed_on IS NULL AND (\(filter))
              GROUP BY biz_date, customer_id;
            INSERT INTO app_activity_day(biz_date, customer_id, txns)
              SELECT biz_date, customer_id, txns FROM temp.activity_delta WHERE true
              ON CONFLICT(biz_date, customer_id) DO UPDATE SET txns = txns + excluded.txns;
            """, arguments: arguments)
    }

    /// Records the same-name transfers to another bank among the transactions selected by `filter`.
    public static func recordTransfers(_ db: Database, filter: String, arguments: StatementArguments) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO app_same_name_transfer(biz_date, txn_id, customer_id, amount)
            SELECT biz_date, txn_id, customer_id, amount FROM base_transaction
            WHERE kind = 'NORMAL' AND direction = 'D' AND same_name = 1 AND counterparty_in_bank = 0 AND (\(filter))
            """, arguments: arguments)
    }

    /// The customer-initiated transaction kinds as an SQL list (`'LOAN_DRAW', 'LOAN_REPAY', 'NORMAL'`).
    public static let customerInitiatedKindsSQL = FundFlowRules.customerInitiatedKinds.sorted().map { "'\($0)'" }
        .joined(separator: ", ")
}
