import GRDB

/// Real-time feeds from other systems (实时大额变动推送).
///
/// `rt_movement`: account movements pushed by core banking, one row per movement id whatever the number of times
/// it was sent, with the customer the account belonged to on arrival. `rt_alert`: the large-movement alert (rule A)
/// raised at once for a movement, to reach the customer's managers before the nightly batch.
enum IngestTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE rt_movement (
              movement_id TEXT PRIMARY KEY, account_no TEXT NOT NULL, customer_id TEXT NOT NULL, kind TEXT NOT NULL,
              amount INTEGER NOT NULL, direction TEXT NOT NULL, balance_after INTEGER NOT NULL, occurred_at TEXT NOT NULL,
              received_at TEXT NOT NULL, source TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX rt_movement_customer ON rt_movement(customer_id, occurred_at);
            CREATE TABLE rt_alert (
              alert_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, movement_id TEXT NOT NULL UNIQUE, account_no TEXT NOT NULL,
              amount INTEGER NOT NULL, direction TEXT NOT NULL, balance_after INTEGER NOT NULL, occurred_at TEXT NOT NULL,
              created_at TEXT NOT NULL
            );
            CREATE INDEX rt_alert_customer ON rt_alert(customer_id, occurred_at);
            """)
    }
}
