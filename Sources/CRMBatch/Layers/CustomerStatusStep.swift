import CRMCore
import CRMStore
import GRDB

/// Customer status (`app_customer_status`) and tier history: tier by the default rules with the rule that
/// matched, effective (有效户), dormant (睡眠) and low-efficiency (低效) flags, and the last customer-initiated day.
///
/// "Any active loan" is read as a loan point balance above zero on the day: a fact of that day, so the tier of a
/// past day does not change when a loan contract's status is updated later.
enum CustomerStatusStep {
    /// Where the last active day comes from: carried forward from yesterday's status plus today's transactions
    /// (a normal day), or searched in the whole history (after a rollback).
    enum LastActiveSource {
        /// Yesterday's last active day, or today when one of the transactions appended after this rowid counts.
        case incremental(transactionsAfter: Int64)
        /// A scan of every transaction up to the day.
        case history
    }

    static func run(_ db: Database, date: BusinessDate, firstLoaded: BusinessDate, settings: Settings,
                    lastActive: LastActiveSource) throws {
        let day = date.description
        let kinds = FundFlowStep.customerInitiatedKindsSQL
        let activeSQL: String
        var arguments: StatementArguments = ["day": day]
        switch lastActive {
        case .incremental(let after):
            activeSQL = """
                SELECT DISTINCT customer_id, :day AS last_active FROM base_transaction
                WHERE rowid > :after AND kind IN (\(kinds)) AND reversed_on IS NULL
                """
            arguments += ["after": after]
        case .history:
            activeSQL = """
                SELECT customer_id, MAX(biz_date) AS last_active FROM base_transaction
                WHERE biz_date <= :day AND kind IN (\(kinds)) AND reversed_on IS NULL GROUP BY customer_id
                """
        }
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.active_customer;
            CREATE TEMP TABLE active_customer(customer_id TEXT PRIMARY KEY, last_active TEXT NOT NULL);
            INSERT INTO temp.active_customer \(activeSQL);
            """, arguments: arguments)
        let lastActiveSQL: String
        switch lastActive {
        case .incremental: lastActiveSQL = "COALESCE(t.last_active, s.last_active_date)"
        case .history: lastActiveSQL = "t.last_active"
        }
        let daysYear = try Int.fetchOne(db, sql: "SELECT days_year FROM sum_period_days WHERE biz_date = ?", arguments: [day]) ?? 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.customer_id, c.status, c.open_date,
              COALESCE(i.deposit_bd_year, 0) AS deposit_bd_year, COALESCE(i.loan_balance, 0) AS loan_balance,
              EXISTS (SELECT 1 FROM work_strategic_customer w WHERE w.customer_id = c.customer_id) AS strategic,
              COALESCE(a.deposit_accounts, 0) AS deposit_accounts, COALESCE(a.dormant_accounts, 0) AS dormant_accounts,
              (SELECT h.tier FROM app_tier_history h WHERE h.customer_id = c.customer_id AND h.from_date <= :day
                 ORDER BY h.from_date DESC LIMIT 1) AS previous_tier,
              \(lastActiveSQL) AS last_active,
              s.tier AS status_tier, s.tier_rule AS status_rule, s.effective AS status_effective,
              s.dormant AS status_dormant, s.low_efficiency AS status_low_efficiency, s.last_active_date AS status_last_active
            FROM base_customer c
            LEFT JOIN ind_customer_day i ON i.biz_date = :day AND i.customer_id = c.customer_id
            LEFT JOIN app_customer_status s ON s.customer_id = c.customer_id
            LEFT JOIN temp.active_customer t ON t.customer_id = c.customer_id
            LEFT JOIN (
              SELECT customer_id, SUM(status <> 'CLOSED') AS deposit_accounts, SUM(status = 'DORMANT') AS dormant_accounts
              FROM base_account WHERE kind = 'DEPOSIT' GROUP BY customer_id
            ) a ON a.customer_id = c.customer_id
            WHERE c.first_batch_date <= :day
            ORDER BY c.customer_id
            """, arguments: ["day": day])
        var statuses: [[SQLValue]] = []
        var changes: [[SQLValue]] = []
        while let row = try rows.next() {
            let customer: String = row["customer_id"]
            let ytdAverage = DailyAverage.average(balanceDays: row["deposit_bd_year"], days: daysYear)
            let (tier, rule) = TierRules.tier(for: TierInputs(markedStrategic: row["strategic"],
                                                              depositYTDAverage: ytdAverage,
                                                              loanBalance: row["loan_balance"],
                                                              hasActiveLoan: (row["loan_balance"] as Int64) > 0),
                                              thresholds: settings.tiers)
            let lastActiveDay: String? = row["last_active"]
            let openDate = (row["open_date"] as String?).flatMap { BusinessDate($0) } ?? firstLoaded
            let quietSince = lastActiveDay.flatMap { BusinessDate($0) } ?? max(openDate, firstLoaded)
            let depositAccounts: Int = row["deposit_accounts"]
            let dormantAccounts: Int = row["dormant_accounts"]
            let dormant = date.days(since: quietSince) >= settings.dormantDays
                || (depositAccounts > 0 && dormantAccounts == depositAccounts)
            let effective = ytdAverage >= settings.tiers.effectiveAccountMinimum
            let active = (row["status"] as String) == "ACTIVE"
            let lowEfficiency = active && !dormant && !effective
            // Most customers' status is the same as yesterday's: only changes are written.
            let unchanged = (row["status_tier"] as String?) == tier.rawValue && (row["status_rule"] as String?) == rule
                && (row["status_effective"] as Bool?) == effective && (row["status_dormant"] as Bool?) == dormant
                && (row["status_low_efficiency"] as Bool?) == lowEfficiency
                && (row["status_last_active"] as String?) == lastActiveDay
            if !unchanged {
                statuses.append([.text(customer), .text(tier.rawValue), .text(rule), .int(effective ? 1 : 0), .int(dormant ? 1 : 0),
                                 .int(lowEfficiency ? 1 : 0), .optional(lastActiveDay)])
            }
            if (row["previous_tier"] as String?) != tier.rawValue {
                changes.append([.text(customer), .text(day), .text(tier.rawValue), .text(rule)])
            }
        }
        let upsert = try BulkStatement(db, sql: """
            INSERT OR REPLACE INTO app_customer_status(customer_id, tier, tier_rule, effective, dormant,
              low_efficiency, last_active_date) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for status in statuses { try upsert.execute(status) }
        let history = try BulkStatement(db, sql: """
            INSERT OR REPLACE INTO app_tier_history(customer_id, from_date, tier, tier_rule) VALUES (?, ?, ?, ?)
            """)
        for change in changes { try history.execute(change) }
    }
}
