import GRDB

/// The tables a replica holds, and which buckets each row belongs to (docs/sync.md).
///
/// Buckets: `ref` (reference data every user gets), `portfolio:{staff}` (what one member of staff manages
/// or owns), `org:{org}` (an org node's roll-up figures) and `bank` (the bank's lines, for head office). A user subscribes to their own portfolio, a team lead or branch head to every portfolio in their
/// org subtree, head office to all; so moving a customer to another manager moves its rows from one portfolio
/// to another and no row is logged twice for one person. Interface, history and audit tables stay on the server.
public enum SyncCatalog {
    /// How a table's rows are assigned to buckets.
    public enum Rule: Sendable, Equatable {
        /// Every user gets every row.
        case reference
        /// The portfolios of the managers of the customer in `column`.
        case customer(column: String)
        /// The portfolio of the member of staff in `column`.
        case staff(column: String)
        /// Both: the managers of `customerColumn` (when set) and the member of staff in `staffColumn`.
        case customerOrStaff(customerColumn: String, staffColumn: String)
        /// The managers of the customers whose USCC is in any of `columns` (outside-bank information: a
        /// relation between two enterprises belongs to the books of both).
        case uscc(columns: [String])
        /// The buckets of the row of `parent` whose key is in `column`.
        case parent(table: String, column: String)
        /// A roll-up row by its dimension: a member of staff's own figures go to their portfolio, an org node's
        /// to `org:{org}`, the bank's lines to `bank`.
        case rollup(dimensionColumn: String, memberColumn: String)
    }

    /// How much of a history table a replica keeps, counted back from the latest loaded business date.
    public enum Window: Sendable, Equatable {
        /// Rows whose `YYYY-MM-DD` column is within the last `days` days.
        case days(column: String, days: Int)
        /// Rows whose `YYYY-MM` column is within the last `months` months.
        case months(column: String, months: Int)

        /// The column the window is on.
        public var column: String {
            switch self {
            case .days(let column, _), .months(let column, _): return column
            }
        }

        /// The first value inside the window when `latest` is the latest loaded business date. The server and
        /// every replica count it the same way, so a row leaves both at the same date.
        public func start(latest: String, _ db: Database) throws -> String? {
            switch self {
            case .days(_, let days):
                return try String.fetchOne(db, sql: "SELECT date(?, '-\(days - 1) days')", arguments: [latest])
            case .months(_, let months):
                return try String.fetchOne(db, sql: "SELECT substr(date(?, 'start of month', '-\(months - 1) months'), 1, 7)",
                                           arguments: [latest])
            }
        }
    }

    /// One replicated table.
    public struct Table: Sendable {
        public let name: String
        public let rule: Rule
        public let window: Window?
        /// Columns that stay on the server: a replica keeps their defaults. For working figures no replica
        /// query reads and that change every day, which would otherwise send the row again every day.
        public let serverOnly: Set<String>

        init(_ name: String, _ rule: Rule, window: Window? = nil, serverOnly: Set<String> = []) {
            self.name = name
            self.rule = rule
            self.window = window
            self.serverOnly = serverOnly
        }

        /// The columns a row travels with, in the table's column order: the row data of its ops.
        public func replicatedColumns(_ db: Database) throws -> [String] {
            try db.columns(in: name).map(\.name).filter { !serverOnly.contains($0) }
        }
    }

    /// Daily history a replica keeps: enough for this month's and last month's daily averages and alerts.
    public static let recentDays = 62
    /// Monthly history a replica keeps: the twelve months the fund chain and contribution read.
    public static let recentMonths = 12

    /// Every replicated table, in publishing order: parents before the tables that follow them, and the
    /// customer-manager table first because every customer row's buckets hang on it.
    public static let tables: [Table] = [
        Table("base_customer_manager", .customer(column: "customer_id")),
        Table("base_org", .reference),
        Table("base_staff", .reference),
        Table("base_product", .reference),
        Table("base_conglomerate", .reference),
        Table("sys_setting", .reference),
        Table("sys_role_permission", .reference),
        Table("sys_user_role", .reference),
        Table("sum_period_days", .reference),
        Table("if_batch", .reference),
        Table("work_kpi", .reference),
        Table("work_tag_group", .reference),
        Table("work_tag", .reference),
        Table("work_announcement", .reference),
        Table("work_task", .reference),
        Table("work_plan", .reference),
        Table("work_plan_target", .reference),
        Table("base_customer", .customer(column: "customer_id")),
        Table("base_account", .customer(column: "customer_id")),
        // The balance-day accumulators move every day for every account; replicas read daily averages from
        // ind_customer_day and only `balance` from here.
        Table("sum_account_balance", .customer(column: "customer_id"), serverOnly: ["bd_month", "bd_quarter", "bd_year", "as_of"]),
        Table("base_loan", .customer(column: "customer_id")),
        Table("base_credit_limit", .customer(column: "customer_id")),
        Table("base_profit", .customer(column: "customer_id"), window: .months(column: "month", months: recentMonths)),
        Table("base_conglomerate_member", .customer(column: "customer_id")),
        Table("app_customer_status", .customer(column: "customer_id")),
        Table("app_customer_search", .customer(column: "customer_id")),
        Table("app_tier_history", .customer(column: "customer_id")),
        Table("app_alert", .customer(column: "customer_id"), window: .days(column: "biz_date", days: recentDays)),
        Table("rt_alert", .customer(column: "customer_id")),
        Table("app_loan_event", .customer(column: "customer_id")),
        Table("app_fundflow_month", .customer(column: "customer_id"), window: .months(column: "month", months: recentMonths)),
        Table("app_counterparty_month", .customer(column: "customer_id"), window: .months(column: "month", months: recentMonths)),
        Table("ind_customer_day", .customer(column: "customer_id"), window: .days(column: "biz_date", days: recentDays)),
        Table("app_churn", .customer(column: "customer_id"), window: .days(column: "biz_date", days: recentDays)),
        Table("app_fundflow_day", .customer(column: "customer_id"), window: .days(column: "biz_date", days: recentDays)),
        Table("ind_rollup_day", .rollup(dimensionColumn: "dimension", memberColumn: "member_id"), window: .days(column: "biz_date", days: recentDays)),
        Table("base_ext_registration", .uscc(columns: ["uscc"])),
        Table("base_ext_event", .uscc(columns: ["uscc"])),
        // A customer's shareholders, and the enterprises the customer holds shares in.
        Table("base_ext_shareholder", .uscc(columns: ["uscc", "shareholder_uscc"])),
        Table("base_ext_relation", .uscc(columns: ["uscc_a", "uscc_b"])),
        Table("work_customer_tag", .customer(column: "customer_id")),
        Table("work_strategic_customer", .customer(column: "customer_id")),
        Table("work_task_customer", .customer(column: "customer_id")),
        Table("work_manager_assignment", .customer(column: "customer_id")),
        Table("work_customer_group", .staff(column: "owner")),
        Table("work_customer_group_member", .parent(table: "work_customer_group", column: "group_id")),
        Table("work_named_list", .staff(column: "created_by")),
        Table("work_named_list_member", .parent(table: "work_named_list", column: "list_id")),
        Table("work_schedule", .staff(column: "staff_id")),
        Table("work_home_layout", .staff(column: "staff_id")),
        Table("work_reminder_state", .staff(column: "staff_id")),
        Table("work_announcement_read", .staff(column: "staff_id")),
        Table("work_potential_customer", .staff(column: "owner_id")),
        Table("work_opportunity", .customerOrStaff(customerColumn: "customer_id", staffColumn: "owner_id")),
        Table("work_opportunity_stage", .parent(table: "work_opportunity", column: "opportunity_id")),
        Table("work_opportunity_scenario", .parent(table: "work_opportunity", column: "opportunity_id")),
        Table("work_visit", .customerOrStaff(customerColumn: "customer_id", staffColumn: "staff_id")),
        Table("work_visit_attachment", .parent(table: "work_visit", column: "visit_id")),
    ]

    /// Tables whose business fields follow the conflict rule: a change based on an old version is refused.
    public static let versionCheckedTables: Set<String> = ["work_opportunity", "work_plan_target"]

    /// The catalog entry of `name`, if it is replicated.
    public static func table(named name: String) -> Table? { tables.first { $0.name == name } }
}
