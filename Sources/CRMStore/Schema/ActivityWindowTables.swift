import CRMCore
import GRDB

/// The churn warning's two activity sums per customer, kept rolling (migration `v7-rolling-caches`) so that a day reads
/// three days of `app_activity_day` instead of the 120 its windows span.
///
/// - `app_activity_window_state`: the date the sums are as of (one row; none until the churn step first runs).
/// - `app_activity_window`: per customer, `recent` = the transactions of the 30 days ending on that date and `prior` =
///   those of the 90 days before them (`ChurnRules.recentDays`, `priorDays`), both from `app_activity_day`. A customer
///   with neither has no row.
///
/// `app_activity_day`'s changes to days inside the windows (a reversal, a rollback's un-reversal) reach the sums
/// through `ChurnTables.accumulateActivity`, in the same transaction.
public enum ActivityWindowTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE app_activity_window_state (as_of TEXT NOT NULL);
            CREATE TABLE app_activity_window (
              customer_id TEXT PRIMARY KEY, recent INTEGER NOT NULL, prior INTEGER NOT NULL
            ) WITHOUT ROWID;
            """)
    }

    /// Brings the sums to `date`: rolled one day on from the day before, else computed from scratch.
    public static func advance(_ db: Database, to date: BusinessDate) throws {
        let asOf = try String.fetchOne(db, sql: "SELECT as_of FROM app_activity_window_state").flatMap { BusinessDate($0) }
        if asOf == date.adding(days: -1) {
            // The date enters `recent`, the day 30 days back moves to `prior`, the day 120 days back leaves.
            let moving = date.adding(days: -ChurnRules.recentDays).description
            let leaving = date.adding(days: -(ChurnRules.recentDays + ChurnRules.priorDays)).description
            try add(db, sql: """
                SELECT customer_id, SUM(CASE WHEN biz_date = :day THEN txns WHEN biz_date = :moving THEN -txns ELSE 0 END),
                  SUM(CASE WHEN biz_date = :moving THEN txns WHEN biz_date = :leaving THEN -txns ELSE 0 END)
                FROM app_activity_day WHERE biz_date IN (:day, :moving, :leaving) GROUP BY customer_id
                """, arguments: ["day": date.description, "moving": moving, "leaving": leaving])
        } else {
            try clear(db)
            let (recentStart, priorStart) = starts(date)
            try db.execute(sql: """
                INSERT INTO app_activity_window(customer_id, recent, prior)
                SELECT customer_id, SUM(CASE WHEN biz_date >= :recent THEN txns ELSE 0 END),
                  SUM(CASE WHEN biz_date < :recent THEN txns ELSE 0 END)
                FROM app_activity_day WHERE biz_date BETWEEN :prior AND :day GROUP BY customer_id
                """, arguments: ["recent": recentStart, "prior": priorStart, "day": date.description])
        }
        try db.execute(sql: "DELETE FROM app_activity_window_state")
        try db.execute(sql: "INSERT INTO app_activity_window_state(as_of) VALUES (?)", arguments: [date.description])
    }

    /// Adds the counts of `delta` (a table of biz_date, customer_id, txns, as added to `app_activity_day`) that fall
    /// inside the windows of the date the sums are as of.
    static func addDelta(_ db: Database, delta: String) throws {
        guard let asOf = try String.fetchOne(db, sql: "SELECT as_of FROM app_activity_window_state").flatMap({ BusinessDate($0) })
        else { return }
        let (recentStart, priorStart) = starts(asOf)
        try add(db, sql: """
            SELECT customer_id, SUM(CASE WHEN biz_date >= :recent THEN txns ELSE 0 END),
              SUM(CASE WHEN biz_date < :recent THEN txns ELSE 0 END)
            FROM \(delta) WHERE biz_date BETWEEN :prior AND :day GROUP BY customer_id
            """, arguments: ["recent": recentStart, "prior": priorStart, "day": asOf.description])
    }

    /// Forgets the sums, so that the next `advance` computes them from scratch (after a rollback).
    public static func clear(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM app_activity_window_state; DELETE FROM app_activity_window")
    }

    /// The first days of the `recent` and `prior` windows of `date`.
    private static func starts(_ date: BusinessDate) -> (recent: String, prior: String) {
        let recent = date.adding(days: -(ChurnRules.recentDays - 1))
        return (recent.description, recent.adding(days: -ChurnRules.priorDays).description)
    }

    /// Adds the rows of `sql` (customer_id, recent, prior) to the sums and drops the customers left with neither.
    private static func add(_ db: Database, sql: String, arguments: StatementArguments) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.activity_change;
            CREATE TEMP TABLE activity_change AS \(sql);
            INSERT INTO app_activity_window(customer_id, recent, prior)
              SELECT * FROM temp.activity_change WHERE true
              ON CONFLICT(customer_id) DO UPDATE SET recent = recent + excluded.recent, prior = prior + excluded.prior;
            DELETE FROM app_activity_window WHERE recent = 0 AND prior = 0
              AND customer_id IN (SELECT customer_id FROM temp.activity_change);
            DROP TABLE temp.activity_change;
            """, arguments: arguments)
    }
}
