import CRMCore
import GRDB

/// The summary layer: carry-forward balances and running balance-days per account (`sum_`).
///
/// A day costs one pass over the accounts, whatever the history: each account's month, quarter and
/// year balance-days grow by today's balance, restarting on the first day of their period.
enum SummaryStep {
    static func advance(_ db: Database, date: BusinessDate, firstLoaded: BusinessDate) throws {
        func restart(_ period: Period) -> Int { DailyAverage.startsNewPeriod(period, on: date, firstLoaded: firstLoaded) ? 1 : 0 }
        try db.execute(sql: """
            UPDATE sum_account_balance SET
              bd_month = CASE WHEN :month THEN 0 ELSE bd_month END + balance,
              bd_quarter = CASE WHEN :quarter THEN 0 ELSE bd_quarter END + balance,
              bd_year = CASE WHEN :year THEN 0 ELSE bd_year END + balance,
              as_of = :date
            """, arguments: ["month": restart(.month), "quarter": restart(.quarter), "year": restart(.year),
                             "date": date.description])
        try recordPeriodDays(db, date: date, firstLoaded: firstLoaded)
    }

    /// Stores N, the elapsed days of each period at `date`, which every average divides by.
    static func recordPeriodDays(_ db: Database, date: BusinessDate, firstLoaded: BusinessDate) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO sum_period_days(biz_date, days_month, days_quarter, days_year) VALUES (?, ?, ?, ?)
            """, arguments: [date.description,
                             DailyAverage.elapsedDays(.month, asOf: date, firstLoaded: firstLoaded),
                             DailyAverage.elapsedDays(.quarter, asOf: date, firstLoaded: firstLoaded),
                             DailyAverage.elapsedDays(.year, asOf: date, firstLoaded: firstLoaded)])
    }

    /// Rebuilds every account's running state as it stood at the end of `date` from the stored balance changes.
    /// Used only when a run goes back in time; it scans the balance history, which a normal day never does.
    static func rebuild(_ db: Database, asOf date: BusinessDate, firstLoaded: BusinessDate) throws {
        let day = date.description
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.latest_balance;
            CREATE TEMP TABLE latest_balance(account_no TEXT PRIMARY KEY, balance INTEGER NOT NULL);
            INSERT INTO temp.latest_balance \(latestBalances(before: "<= :day"));
            UPDATE sum_account_balance SET
              balance = COALESCE((SELECT l.balance FROM temp.latest_balance l WHERE l.account_no = sum_account_balance.account_no), 0),
              bd_month = 0, bd_quarter = 0, bd_year = 0, as_of = :day;
            DROP TABLE temp.latest_balance;
            """, arguments: ["day": day])
        for period in Period.allCases {
            let start = max(date.start(of: period), firstLoaded).description
            try db.execute(sql: "DROP TABLE IF EXISTS temp.rebuilt_balance_days")
            // Each balance holds from its day to the day before the account's next change (or to `date`);
            // the balance carried in from before the period starts the period.
            try db.execute(sql: """
                CREATE TEMP TABLE rebuilt_balance_days AS
                WITH points AS (
                  SELECT account_no, :start AS d, balance FROM (\(latestBalances(before: "< :start")))
                  WHERE account_no NOT IN (SELECT account_no FROM base_balance WHERE biz_date = :start)
                  UNION ALL
                  SELECT account_no, biz_date, balance FROM base_balance WHERE biz_date BETWEEN :start AND :day
                ),
                spans AS (
                  SELECT account_no, balance,
                    CAST(julianday(COALESCE(LEAD(d) OVER (PARTITION BY account_no ORDER BY d), date(:day, '+1 day')))
                         - julianday(d) AS INTEGER) AS days
                  FROM points
                )
                SELECT account_no, SUM(balance * days) AS balance_days FROM spans GROUP BY account_no
                """, arguments: ["start": start, "day": day])
            try db.execute(sql: "CREATE INDEX temp.rebuilt_balance_days_account ON rebuilt_balance_days(account_no)")
            try db.execute(sql: """
                UPDATE sum_account_balance SET bd_\(period.rawValue) = COALESCE(
                  (SELECT balance_days FROM temp.rebuilt_balance_days r WHERE r.account_no = sum_account_balance.account_no), 0)
                """)
        }
        try db.execute(sql: "DROP TABLE IF EXISTS temp.rebuilt_balance_days")
    }

    /// SQL for each account's last received balance on a date matching `condition` (e.g. `<= :day`).
    private static func latestBalances(before condition: String) -> String {
        """
        SELECT account_no, balance FROM (
          SELECT account_no, balance, ROW_NUMBER() OVER (PARTITION BY account_no ORDER BY biz_date DESC) AS newest
          FROM base_balance WHERE biz_date \(condition)
        ) WHERE newest = 1
        """
    }
}
