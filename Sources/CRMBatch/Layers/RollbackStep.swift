import CRMCore
import CRMStore
import GRDB

/// Takes the database back to the end of the day before `date`, so that `date` can be loaded again and
/// give exactly the results of a first load.
///
/// Facts and everything derived from them are removed from `date` on; running states are rebuilt as they
/// stood the day before. Dimension rows (customers, accounts, ...) keep their latest received version,
/// as the contract upserts them and keeps no history.
enum RollbackStep {
    static func run(_ db: Database, from date: BusinessDate, settings: Settings) throws {
        let day = date.description
        let month = date.monthKey
        let previous = date.adding(days: -1)
        let firstLoaded = try LoadedDates.range(db)?.lowerBound

        // Transactions that a removed reversal had taken out of earlier days count again.
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.unreversed;
            CREATE TEMP TABLE unreversed AS
              SELECT txn_id, customer_id, biz_date FROM base_transaction WHERE reversed_on >= :day AND biz_date < :day;
            """, arguments: ["day": day])
        // The prospect cache compares what it counted of these months with what they hold once rebuilt.
        try ProspectStep.markStale(db, fromMonth: month)
        try db.execute(sql: "DELETE FROM app_counterparty_month WHERE month >= ?", arguments: [month])
        // The churn step's rolling activity sums are computed again below, as of the day before.
        try ActivityWindowTables.clear(db)
        try db.execute(sql: "DELETE FROM app_fundflow_month WHERE month >= ?", arguments: [month])
        try db.execute(sql: "DELETE FROM app_fundflow_day WHERE biz_date >= ?", arguments: [day])
        try db.execute(sql: "UPDATE base_transaction SET reversed_on = NULL WHERE txn_id IN (SELECT txn_id FROM temp.unreversed)")
        let unreversed = "txn_id IN (SELECT txn_id FROM temp.unreversed)"
        try FundFlowStep.accumulate(db, sign: 1, filter: unreversed, arguments: [:], targets: .days)
        try ChurnTables.accumulateActivity(db, sign: 1, filter: unreversed, arguments: [:])
        try FundFlowStep.accumulate(db, sign: 1, filter: "\(unreversed) AND biz_date < :monthStart",
                                    arguments: ["monthStart": date.startOfMonth.description], targets: .months)
        // This month's rows are rebuilt from the days before `date`.
        try FundFlowStep.accumulate(db, sign: 1, filter: "biz_date >= :monthStart AND biz_date < :day",
                                    arguments: ["monthStart": date.startOfMonth.description, "day": day], targets: .months)
        let affected = try Row.fetchAll(db, sql: "SELECT DISTINCT customer_id, biz_date FROM temp.unreversed")
            .map { (customer: $0[0] as String, day: $0[1] as String) }
        try db.execute(sql: "DROP TABLE temp.unreversed")

        for table in ["base_transaction", "base_balance", "app_alert", "ind_customer_day", "ind_rollup_day",
                      "app_activity_day", "app_same_name_transfer", "app_churn",
                      "sum_period_days", "if_batch", "if_file", "if_reject", "if_warning"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE biz_date >= ?", arguments: [day])
        }
        try db.execute(sql: "DELETE FROM base_profit WHERE batch_date >= ?", arguments: [day])
        // Loan changes read from the transactions go with them. Those read from loan rows stay: the rows keep their
        // latest version, so loading the day again finds nothing left to compare and would lose them.
        try db.execute(sql: "DELETE FROM app_loan_event WHERE biz_date >= ? AND kind IN ('DRAWDOWN', 'REPAYMENT')", arguments: [day])
        try db.execute(sql: "DELETE FROM app_tier_history WHERE from_date >= ?", arguments: [day])
        // Manager sets received from `date` on give way to the set each customer had the day before.
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.reassigned;
            CREATE TEMP TABLE reassigned AS SELECT DISTINCT customer_id FROM base_customer_manager_history WHERE batch_date >= :day;
            DELETE FROM base_customer_manager_history WHERE batch_date >= :day;
            DELETE FROM base_customer_manager WHERE customer_id IN (SELECT customer_id FROM temp.reassigned);
            INSERT INTO base_customer_manager(customer_id, staff_id, role, share_bp, batch_date, source_line)
              SELECT h.customer_id, h.staff_id, h.role, h.share_bp, h.batch_date, h.source_line
              FROM base_customer_manager_history h
              WHERE h.customer_id IN (SELECT customer_id FROM temp.reassigned)
                AND h.batch_date = (SELECT MAX(x.batch_date) FROM base_customer_manager_history x WHERE x.customer_id = h.customer_id);
            DROP TABLE temp.reassigned;
            """, arguments: ["day": day])
        try ManagerAssignment.restorePending(from: date, db)
        try IndicatorStep.refreshWeights(db, .all)
        try SearchIndexStep.rollBack(db, from: date)
        // Accounts and customers first received from `date` on did not exist the day before.
        try db.execute(sql: "DELETE FROM sum_account_balance WHERE first_batch_date >= ?", arguments: [day])
        try db.execute(sql: """
            DELETE FROM app_customer_status WHERE customer_id IN (SELECT customer_id FROM base_customer WHERE first_batch_date >= ?)
            """, arguments: [day])
        try AlertStep.refreshReversed(db, customerDays: affected, today: day, minimum: settings.largeMovementMinimum)

        guard let firstLoaded, previous >= firstLoaded else {
            // Nothing loaded remains: back to an empty summary.
            try db.execute(sql: "UPDATE sum_account_balance SET balance = 0, bd_month = 0, bd_quarter = 0, bd_year = 0, as_of = NULL")
            try db.execute(sql: "DELETE FROM app_customer_status")
            try db.execute(sql: "DELETE FROM app_prospect")
            try ProspectStep.clear(db)
            return
        }
        try SummaryStep.rebuild(db, asOf: previous, firstLoaded: firstLoaded)
        try CustomerStatusStep.run(db, date: previous, firstLoaded: firstLoaded, settings: settings, lastActive: .history)
        try ActivityWindowTables.advance(db, to: previous)
        try ProspectStep.run(db, date: previous)
    }
}
