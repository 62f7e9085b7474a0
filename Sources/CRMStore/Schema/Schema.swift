import GRDB

/// The database schema as GRDB migrations, in the layers of docs/architecture.md.
///
/// Conventions: business dates are `YYYY-MM-DD` text; amounts are INTEGER fen; rates are INTEGER
/// millionths (`rate_ppm`, 3.45% = 34500); shares and holdings are INTEGER basis points (`*_bp`, 51.5% = 5150);
/// balance-days (`bd_*`) are sums of end-of-day balances in fen.
public enum Schema {
    /// The migrator; each step is named and runs once.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-interface", migrate: InterfaceLayer.create)
        migrator.registerMigration("v1-base", migrate: BaseLayer.create)
        migrator.registerMigration("v1-summary-indicators", migrate: SummaryLayer.create)
        migrator.registerMigration("v1-application", migrate: ApplicationLayer.create)
        migrator.registerMigration("v1-system", migrate: SystemTables.create)
        migrator.registerMigration("v2-workbench", migrate: WorkbenchTables.create)
        migrator.registerMigration("v3-settings", migrate: SystemTables.addMissingSettings)
        migrator.registerMigration("v3-tags", migrate: TagTables.create)
        migrator.registerMigration("v3-customer-groups", migrate: CustomerGroupTables.create)
        migrator.registerMigration("v3-manager-assignment", migrate: AssignmentTables.create)
        migrator.registerMigration("v3-customer-search", migrate: SearchTables.create)
        migrator.registerMigration("v4-audit", migrate: AuditTables.create)
        migrator.registerMigration("v4-accounts", migrate: AccountTables.create)
        migrator.registerMigration("v4-account-settings", migrate: SystemTables.addMissingSettings)
        migrator.registerMigration("v4-access", migrate: AccessTables.create)
        migrator.registerMigration("v5-org-changes", migrate: OrgTables.create)
        migrator.registerMigration("v5-marketing", migrate: MarketingTables.create)
        migrator.registerMigration("v5-reminder-settings", migrate: SystemTables.addMissingSettings)
        migrator.registerMigration("v5-pricing-settings", migrate: SystemTables.addMissingSettings)
        migrator.registerMigration("v5-opportunity-scenarios", migrate: OpportunityScenarioTables.create)
        migrator.registerMigration("v5-churn", migrate: ChurnTables.create)
        migrator.registerMigration("v5-prospects", migrate: ProspectTables.create)
        migrator.registerMigration("v5-precision-settings", migrate: SystemTables.addMissingSettings)
        migrator.registerMigration("v5-potential-customers", migrate: PotentialCustomerTables.create)
        migrator.registerMigration("v5-loan-events", migrate: LoanEventTables.create)
        migrator.registerMigration("v6-plans", migrate: PlanTables.create)
        migrator.registerMigration("v6-plan-settings", migrate: SystemTables.addMissingSettings)
        migrator.registerMigration("v6-named-lists", migrate: NamedListTables.create)
        migrator.registerMigration("v6-prospect-cache", migrate: ProspectCacheTables.create)
        migrator.registerMigration("v7-server-auth", migrate: ServerAuthTables.create)
        migrator.registerMigration("v7-server-settings", migrate: SystemTables.addMissingSettings)
        migrator.registerMigration("v7-ingest", migrate: IngestTables.create)
        migrator.registerMigration("v7-sync", migrate: SyncTables.create)
        migrator.registerMigration("v7-rolling-caches") { db in
            try ActivityWindowTables.create(db)
            try ProspectCacheTables.recreate(db)
        }
        migrator.registerMigration("v8-sync-positional-rows", migrate: SyncTables.restartLogs)
        migrator.registerMigration(SyncTables.pageFormatMigration, migrate: SyncTables.pageFormat)
        return migrator
    }
}

/// `if_`: what was received. One row per loaded business date and per file, and every rejected row.
///
/// Accepted rows are not copied here a second time: each base row carries the business date
/// (`batch_date`) and the line it came from (`source_line`), which is the same trace at half the writes.
enum InterfaceLayer {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE if_batch (
              biz_date TEXT PRIMARY KEY,
              source_dir TEXT NOT NULL,
              manifest_sha256 TEXT NOT NULL,
              rows_loaded INTEGER NOT NULL,
              rows_rejected INTEGER NOT NULL,
              loaded_at TEXT NOT NULL
            );
            CREATE TABLE if_file (
              biz_date TEXT NOT NULL,
              file TEXT NOT NULL,
              rows INTEGER NOT NULL,
              sha256 TEXT NOT NULL,
              loaded INTEGER NOT NULL,
              rejected INTEGER NOT NULL,
              PRIMARY KEY (biz_date, file)
            ) WITHOUT ROWID;
            CREATE TABLE if_reject (
              id INTEGER PRIMARY KEY,
              biz_date TEXT NOT NULL,
              file TEXT NOT NULL,
              line INTEGER NOT NULL,
              column_name TEXT,
              reason TEXT NOT NULL,
              record TEXT NOT NULL
            );
            CREATE INDEX if_reject_date ON if_reject(biz_date, file, line);
            CREATE TABLE if_warning (
              id INTEGER PRIMARY KEY,
              biz_date TEXT NOT NULL,
              file TEXT NOT NULL,
              message TEXT NOT NULL
            );
            CREATE INDEX if_warning_date ON if_warning(biz_date);
            """)
    }
}

/// `base_`: typed, validated and conformed rows, upserted by key (dimensions) or appended by date (facts).
///
/// The fact tables have no index on the business date: a day's transactions are the rows appended in its
/// transaction (a rowid range), and only a rollback looks for facts by date, scanning. Every index costs a
/// B-tree insert per row, a million times a day. A customer's transactions are found month by month
/// (`substr(biz_date, 1, 7)` leads that index), so a day's inserts stay within the current month's part of
/// the index instead of touching a page per customer across all of history.
enum BaseLayer {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE base_org (
              org_id TEXT PRIMARY KEY, parent_id TEXT, level TEXT NOT NULL, name TEXT NOT NULL,
              region_code TEXT, bank_code TEXT, status TEXT NOT NULL,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL
            );
            CREATE INDEX base_org_parent ON base_org(parent_id);
            CREATE TABLE base_staff (
              staff_id TEXT PRIMARY KEY, name TEXT NOT NULL, org_id TEXT NOT NULL, position TEXT NOT NULL,
              status TEXT NOT NULL, batch_date TEXT NOT NULL, source_line INTEGER NOT NULL
            );
            CREATE INDEX base_staff_org ON base_staff(org_id);
            CREATE TABLE base_customer (
              customer_id TEXT PRIMARY KEY, name TEXT NOT NULL, uscc TEXT NOT NULL, line TEXT NOT NULL,
              industry_code TEXT NOT NULL, region_code TEXT, registered_capital INTEGER, founded_date TEXT,
              legal_rep TEXT, controller_name TEXT, controller_birthday TEXT, open_date TEXT, status TEXT NOT NULL,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL,
              first_batch_date TEXT NOT NULL
            );
            CREATE INDEX base_customer_uscc ON base_customer(uscc);
            CREATE INDEX base_customer_name ON base_customer(name);
            CREATE TABLE base_customer_manager (
              customer_id TEXT NOT NULL, staff_id TEXT NOT NULL, role TEXT NOT NULL, share_bp INTEGER NOT NULL,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL,
              PRIMARY KEY (customer_id, staff_id)
            ) WITHOUT ROWID;
            CREATE INDEX base_customer_manager_staff ON base_customer_manager(staff_id);
            CREATE TABLE base_customer_manager_history (
              customer_id TEXT NOT NULL, batch_date TEXT NOT NULL, staff_id TEXT NOT NULL, role TEXT NOT NULL,
              share_bp INTEGER NOT NULL, source_line INTEGER NOT NULL,
              PRIMARY KEY (customer_id, batch_date, staff_id)
            ) WITHOUT ROWID;
            CREATE INDEX base_customer_manager_history_date ON base_customer_manager_history(batch_date);
            CREATE TABLE base_product (
              product_code TEXT PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL, on_balance INTEGER NOT NULL,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL
            );
            CREATE TABLE base_account (
              account_no TEXT PRIMARY KEY, customer_id TEXT NOT NULL, product_code TEXT NOT NULL, kind TEXT NOT NULL,
              currency TEXT NOT NULL, org_id TEXT NOT NULL, open_date TEXT NOT NULL, maturity_date TEXT,
              rate_ppm INTEGER, status TEXT NOT NULL, batch_date TEXT NOT NULL, source_line INTEGER NOT NULL
            );
            CREATE INDEX base_account_customer ON base_account(customer_id);
            CREATE TABLE base_balance (
              biz_date TEXT NOT NULL, account_no TEXT NOT NULL, balance INTEGER NOT NULL, source_line INTEGER NOT NULL,
              PRIMARY KEY (biz_date, account_no)
            ) WITHOUT ROWID;
            CREATE TABLE base_transaction (
              txn_id TEXT NOT NULL UNIQUE, biz_date TEXT NOT NULL, account_no TEXT NOT NULL, customer_id TEXT NOT NULL,
              txn_time TEXT NOT NULL, direction TEXT NOT NULL, amount INTEGER NOT NULL,
              counterparty_name TEXT, counterparty_account TEXT, counterparty_bank_code TEXT,
              channel TEXT NOT NULL, purpose TEXT, kind TEXT NOT NULL, reversal_of TEXT,
              counterparty_key TEXT NOT NULL,
              counterparty_in_bank INTEGER NOT NULL,
              counterparty_customer_id TEXT,
              same_name INTEGER NOT NULL,
              reversed_on TEXT,
              source_line INTEGER NOT NULL
            );
            CREATE INDEX base_transaction_customer ON base_transaction(substr(biz_date, 1, 7), customer_id, biz_date);
            CREATE TABLE base_loan (
              contract_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, account_no TEXT, product_code TEXT NOT NULL,
              amount INTEGER NOT NULL, rate_ppm INTEGER, lpr_spread_bp INTEGER, start_date TEXT NOT NULL,
              maturity_date TEXT NOT NULL, classification TEXT NOT NULL, guarantee_type TEXT NOT NULL, status TEXT NOT NULL,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL
            );
            CREATE INDEX base_loan_customer ON base_loan(customer_id);
            CREATE TABLE base_credit_limit (
              limit_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, amount INTEGER NOT NULL, used INTEGER NOT NULL,
              start_date TEXT NOT NULL, end_date TEXT NOT NULL, status TEXT NOT NULL,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL
            );
            CREATE INDEX base_credit_limit_customer ON base_credit_limit(customer_id);
            CREATE TABLE base_conglomerate (
              group_id TEXT PRIMARY KEY, name TEXT NOT NULL, core_customer_id TEXT, status TEXT NOT NULL,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL
            );
            CREATE TABLE base_conglomerate_member (
              group_id TEXT NOT NULL, customer_id TEXT NOT NULL, relation TEXT NOT NULL, holding_bp INTEGER,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL,
              PRIMARY KEY (group_id, customer_id)
            ) WITHOUT ROWID;
            CREATE INDEX base_conglomerate_member_customer ON base_conglomerate_member(customer_id);
            CREATE TABLE base_profit (
              month TEXT NOT NULL, customer_id TEXT NOT NULL, ftp_income INTEGER NOT NULL, fee_income INTEGER NOT NULL,
              operating_cost INTEGER NOT NULL, expected_loss INTEGER NOT NULL, economic_capital INTEGER NOT NULL,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL,
              PRIMARY KEY (customer_id, month)
            ) WITHOUT ROWID;
            CREATE TABLE base_ext_registration (
              uscc TEXT PRIMARY KEY, reg_status TEXT NOT NULL, reg_authority TEXT, registered_address TEXT,
              business_scope TEXT, paid_in_capital INTEGER, employees INTEGER,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL
            );
            CREATE TABLE base_ext_shareholder (
              uscc TEXT NOT NULL, shareholder_name TEXT NOT NULL, shareholder_uscc TEXT, holding_bp INTEGER,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL,
              PRIMARY KEY (uscc, shareholder_name)
            ) WITHOUT ROWID;
            CREATE TABLE base_ext_relation (
              uscc_a TEXT NOT NULL, uscc_b TEXT NOT NULL, relation TEXT NOT NULL,
              batch_date TEXT NOT NULL, source_line INTEGER NOT NULL,
              PRIMARY KEY (uscc_a, uscc_b, relation)
            ) WITHOUT ROWID;
            CREATE INDEX base_ext_relation_b ON base_ext_relation(uscc_b);
            CREATE TABLE base_ext_event (
              event_id TEXT PRIMARY KEY, uscc TEXT NOT NULL, event_date TEXT NOT NULL, kind TEXT NOT NULL,
              title TEXT NOT NULL, severity INTEGER NOT NULL, batch_date TEXT NOT NULL, source_line INTEGER NOT NULL
            );
            CREATE INDEX base_ext_event_uscc ON base_ext_event(uscc, event_date);
            """)
    }
}

/// `sum_` (running balance-days per account) and `ind_` (indicators per customer and per roll-up, per day).
enum SummaryLayer {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sum_account_balance (
              account_no TEXT PRIMARY KEY, customer_id TEXT NOT NULL, kind TEXT NOT NULL,
              first_batch_date TEXT NOT NULL,
              balance INTEGER NOT NULL DEFAULT 0,
              bd_month INTEGER NOT NULL DEFAULT 0, bd_quarter INTEGER NOT NULL DEFAULT 0, bd_year INTEGER NOT NULL DEFAULT 0,
              as_of TEXT
            );
            CREATE TABLE sum_period_days (
              biz_date TEXT PRIMARY KEY, days_month INTEGER NOT NULL, days_quarter INTEGER NOT NULL,
              days_year INTEGER NOT NULL
            );
            CREATE TABLE sum_customer_weight (
              dimension TEXT NOT NULL, member_id TEXT NOT NULL, customer_id TEXT NOT NULL,
              share_bp INTEGER NOT NULL, counts INTEGER NOT NULL,
              PRIMARY KEY (dimension, member_id, customer_id)
            ) WITHOUT ROWID;
            CREATE INDEX sum_customer_weight_customer ON sum_customer_weight(customer_id);
            CREATE TABLE ind_customer_day (
              biz_date TEXT NOT NULL, customer_id TEXT NOT NULL,
              deposit_balance INTEGER NOT NULL, deposit_bd_month INTEGER NOT NULL,
              deposit_bd_quarter INTEGER NOT NULL, deposit_bd_year INTEGER NOT NULL,
              loan_balance INTEGER NOT NULL, loan_bd_month INTEGER NOT NULL,
              loan_bd_quarter INTEGER NOT NULL, loan_bd_year INTEGER NOT NULL,
              off_balance INTEGER NOT NULL, wealth_balance INTEGER NOT NULL,
              PRIMARY KEY (biz_date, customer_id)
            ) WITHOUT ROWID;
            CREATE TABLE ind_rollup_day (
              biz_date TEXT NOT NULL, dimension TEXT NOT NULL, member_id TEXT NOT NULL,
              deposit_balance INTEGER NOT NULL, deposit_bd_month INTEGER NOT NULL,
              deposit_bd_quarter INTEGER NOT NULL, deposit_bd_year INTEGER NOT NULL,
              loan_balance INTEGER NOT NULL, loan_bd_month INTEGER NOT NULL,
              loan_bd_quarter INTEGER NOT NULL, loan_bd_year INTEGER NOT NULL,
              customers INTEGER NOT NULL, effective_customers INTEGER NOT NULL,
              PRIMARY KEY (biz_date, dimension, member_id)
            ) WITHOUT ROWID;
            """)
    }
}

/// `app_`: what screens read: alerts, customer status and tiers, fund flows.
///
/// Tables written every day lead their key with the date or month: a day's rows then land together at the
/// end of the B-tree instead of dirtying a page per customer all over it, which is what keeps a day's cost
/// flat as history grows. Readers look one customer up period by period, by key.
enum ApplicationLayer {
    /// The four 行内/行外 来款/走款 totals and the same-name transfers, in fen.
    private static let flowTotals = """
        in_bank_in INTEGER NOT NULL DEFAULT 0, out_bank_in INTEGER NOT NULL DEFAULT 0,
        in_bank_out INTEGER NOT NULL DEFAULT 0, out_bank_out INTEGER NOT NULL DEFAULT 0,
        same_name_in INTEGER NOT NULL DEFAULT 0, same_name_out INTEGER NOT NULL DEFAULT 0,
        """

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE app_alert (
              id INTEGER PRIMARY KEY, biz_date TEXT NOT NULL, customer_id TEXT NOT NULL, rule TEXT NOT NULL,
              account_no TEXT, txn_id TEXT, amount INTEGER NOT NULL, direction TEXT NOT NULL,
              status TEXT NOT NULL, cancelled_on TEXT,
              UNIQUE (customer_id, biz_date, rule)
            );
            CREATE INDEX app_alert_date ON app_alert(biz_date);
            CREATE TABLE app_customer_status (
              customer_id TEXT PRIMARY KEY, tier TEXT NOT NULL, tier_rule TEXT NOT NULL,
              effective INTEGER NOT NULL, dormant INTEGER NOT NULL, low_efficiency INTEGER NOT NULL,
              last_active_date TEXT
            );
            CREATE TABLE app_tier_history (
              customer_id TEXT NOT NULL, from_date TEXT NOT NULL, tier TEXT NOT NULL, tier_rule TEXT NOT NULL,
              PRIMARY KEY (customer_id, from_date)
            ) WITHOUT ROWID;
            CREATE TABLE app_fundflow_day (
              biz_date TEXT NOT NULL, customer_id TEXT NOT NULL,
              \(flowTotals)
              PRIMARY KEY (biz_date, customer_id)
            ) WITHOUT ROWID;
            CREATE TABLE app_fundflow_month (
              month TEXT NOT NULL, customer_id TEXT NOT NULL,
              \(flowTotals)
              PRIMARY KEY (month, customer_id)
            ) WITHOUT ROWID;
            CREATE TABLE app_counterparty_month (
              month TEXT NOT NULL, customer_id TEXT NOT NULL, counterparty_key TEXT NOT NULL,
              counterparty_name TEXT NOT NULL, counterparty_account TEXT, counterparty_bank_code TEXT,
              in_bank INTEGER NOT NULL, inflow INTEGER NOT NULL DEFAULT 0, outflow INTEGER NOT NULL DEFAULT 0,
              supplier_payments INTEGER NOT NULL DEFAULT 0, buyer_payments INTEGER NOT NULL DEFAULT 0,
              PRIMARY KEY (month, customer_id, counterparty_key)
            ) WITHOUT ROWID;
            CREATE TABLE work_strategic_customer (
              customer_id TEXT PRIMARY KEY, marked_by TEXT NOT NULL, marked_on TEXT NOT NULL
            );
            """)
    }
}

/// `sys_`: settings (more system tables arrive with accounts and the audit log).
enum SystemTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sys_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL, description TEXT NOT NULL);
            """)
        try addMissingSettings(db)
    }

    /// Inserts the default of every setting the database does not have yet (settings added by later versions).
    static func addMissingSettings(_ db: Database) throws {
        for setting in Settings.defaults {
            try db.execute(sql: "INSERT OR IGNORE INTO sys_setting(key, value, description) VALUES (?, ?, ?)",
                           arguments: [setting.key, setting.value, setting.description])
        }
    }
}
