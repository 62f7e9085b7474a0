import CRMCore
import CRMStore
import GRDB

/// Large fund-movement alerts (大额资金变动提醒) of domain.md: rule A (one large customer-initiated
/// transaction) and rule B (a large net change of the day's deposit balance). One alert per customer, day and rule.
enum AlertStep {
    /// Raises or refreshes rule A for the customer-days of the transactions selected by `filter`: the alert shows
    /// the largest qualifying transaction that is not reversed. Customer-days in `temp.alert_refresh` that no longer
    /// qualify are cancelled as of `today`.
    static func raiseRuleA(_ db: Database, filter: String, arguments: StatementArguments, minimum: Int64) throws {
        let kinds = FundFlowStep.customerInitiatedKindsSQL
        var all = arguments
        all += ["minimum": minimum]
        try db.execute(sql: """
            INSERT INTO app_alert(biz_date, customer_id, rule, account_no, txn_id, amount, direction, status)
            SELECT biz_date, customer_id, 'A', account_no, txn_id, amount, direction, 'ACTIVE' FROM (
              SELECT biz_date, customer_id, account_no, txn_id, amount, direction,
                ROW_NUMBER() OVER (PARTITION BY customer_id, biz_date ORDER BY amount DESC, txn_id) AS rank
              FROM base_transaction
              WHERE kind IN (\(kinds)) AND amount >= :minimum AND reversed_on IS NULL AND (\(filter))
            ) WHERE rank = 1
            ON CONFLICT(customer_id, biz_date, rule) DO UPDATE SET
              account_no = excluded.account_no, txn_id = excluded.txn_id, amount = excluded.amount,
              direction = excluded.direction, status = 'ACTIVE', cancelled_on = NULL
            """, arguments: all)
    }

    /// Re-evaluates rule A for the customer-days whose transactions were reversed (or un-reversed by a rollback).
    static func refreshReversed(_ db: Database, customerDays: [(customer: String, day: String)], today: String,
                                minimum: Int64) throws {
        guard !customerDays.isEmpty else { return }
        for pair in customerDays {
            try db.execute(sql: """
                UPDATE app_alert SET status = 'CANCELLED', cancelled_on = ? WHERE customer_id = ? AND biz_date = ? AND rule = 'A'
                """, arguments: [today, pair.customer, pair.day])
            // One customer-day at a time, by the month-led customer index of base_transaction (a range on the
            // day, because an equality would let SQLite fold it into the month expression and miss the index).
            try raiseRuleA(db, filter: "substr(biz_date, 1, 7) = :month AND customer_id = :customer AND biz_date BETWEEN :day AND :day",
                           arguments: ["month": String(pair.day.prefix(7)), "customer": pair.customer, "day": pair.day],
                           minimum: minimum)
        }
    }

    /// Rule B for `date`: |deposit balance today - yesterday| >= the minimum and >= the ratio of yesterday's balance.
    /// Needs yesterday's indicators; on the first loaded date nothing is known before, so nothing is raised.
    static func raiseRuleB(_ db: Database, date: BusinessDate, settings: Settings) throws {
        let yesterday = date.adding(days: -1).description
        let loaded = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM sum_period_days WHERE biz_date = ?)",
                                       arguments: [yesterday]) ?? false
        guard loaded else { return }
        try db.execute(sql: """
            INSERT INTO app_alert(biz_date, customer_id, rule, account_no, txn_id, amount, direction, status)
            SELECT :day, t.customer_id, 'B', NULL, NULL, abs(t.deposit_balance - COALESCE(y.deposit_balance, 0)),
              CASE WHEN t.deposit_balance > COALESCE(y.deposit_balance, 0) THEN 'C' ELSE 'D' END, 'ACTIVE'
            FROM ind_customer_day t
            LEFT JOIN ind_customer_day y ON y.biz_date = :yesterday AND y.customer_id = t.customer_id
            WHERE t.biz_date = :day
              AND abs(t.deposit_balance - COALESCE(y.deposit_balance, 0)) >= :minimum
              AND abs(t.deposit_balance - COALESCE(y.deposit_balance, 0)) * 100 >= :ratio * abs(COALESCE(y.deposit_balance, 0))
            ON CONFLICT(customer_id, biz_date, rule) DO UPDATE SET amount = excluded.amount, direction = excluded.direction
            """, arguments: ["day": date.description, "yesterday": yesterday, "minimum": settings.netChangeMinimum,
                             "ratio": settings.netChangeRatioPercent])
    }
}
