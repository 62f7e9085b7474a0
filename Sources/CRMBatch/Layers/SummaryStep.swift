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
    /// Used only when a run goes back in time; its cost grows with the year's history, which a normal day never pays.
    static func rebuild(_ db: Database, asOf date: BusinessDate, firstLoaded: BusinessDate) throws {
        let day = date.description
        try db.execute(sql: """
            UPDATE sum_account_balance SET
              balance = COALESCE((SELECT b.balance FROM base_balance b WHERE b.account_no = sum_account_balance.account_no
                                  AND b.biz_date <= :day ORDER BY b.biz_date DESC LIMIT 1), 0),
              bd_month = 0, bd_quarter = 0, bd_year = 0, as_of = :day
            """, arguments: ["day": day])
        for period in Period.allCases {
            let start = max(date.start(of: period), firstLoaded).description
            try db.execute(sql: "DROP TABLE IF EXISTS temp.rebuilt_balance_days")
            try db.execute(sql: """
                CREATE TEMP TABLE rebuilt_balance_days AS
                WITH points AS (
                  SELECT b.account_no, :start AS d, b.balance FROM base_balance b
                  WHERE b.biz_date = (SELECT MAX(x.biz_date) FROM base_balance x
                                      WHERE x.account_no = b.account_no AND x.biz_date < :start)
                    AND NOT EXISTS (SELECT 1 FROM base_balance y WHERE y.account_no = b.account_no AND y.biz_date = :start)
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
            try db.execute(sql: """
                UPDATE sum_account_balance SET bd_\(period.rawValue) = COALESCE(
                  (SELECT balance_days FROM temp.rebuilt_balance_days r WHERE r.account_no = sum_account_balance.account_no), 0)
                """)
        }
        try db.execute(sql: "DROP TABLE IF EXISTS temp.rebuilt_balance_days")
    }
}
