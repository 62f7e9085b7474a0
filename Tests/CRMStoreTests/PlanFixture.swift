import CRMCore
import GRDB
@testable import CRMStore

/// The hand-made org tree of `ScopeFixture` with a second branch (B2 › T3 › R4), a mutation log, and hand-made
/// indicator rows: what the plan tests issue, split and track against.
struct PlanFixture {
    let database: AppDatabase
    let log: MutationLog

    init() throws {
        database = try ScopeFixture.orgTree()
        log = MutationLog(database: database, clock: .fixed(date: BusinessDate("2025-03-11")!, hour: 9))
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO base_org(org_id, parent_id, level, name, status, batch_date, source_line) VALUES
                  ('B2', 'HQ', 'BRANCH', '机构B2', 'ACTIVE', '2025-01-01', 1), ('T3', 'B2', 'TEAM', '机构T3', 'ACTIVE', '2025-01-01', 1);
                INSERT INTO base_staff(staff_id, name, org_id, position, status, batch_date, source_line) VALUES
                  ('R4', '员工R4', 'T3', 'RM', 'ACTIVE', '2025-01-01', 1), ('BH2', '员工BH2', 'B2', 'BRANCH_HEAD', 'ACTIVE', '2025-01-01', 1);
                """)
        }
    }

    func profile(_ staffID: String) throws -> StaffProfile { try ScopeFixture.profile(database, staffID) }

    @discardableResult
    func apply<M: Mutation>(_ mutation: M, as staffID: String) throws -> Bool { try log.apply(mutation, by: profile(staffID)) }

    /// A loaded date with its elapsed days (month, quarter, year).
    func load(_ date: String, days: (Int, Int, Int)) throws {
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO sum_period_days(biz_date, days_month, days_quarter, days_year) VALUES (?, ?, ?, ?)",
                           arguments: [date, days.0, days.1, days.2])
            try db.execute(sql: """
                INSERT INTO if_batch(biz_date, source_dir, manifest_sha256, rows_loaded, rows_rejected, loaded_at)
                VALUES (?, '/src/' || ?, '', 0, 0, '')
                """, arguments: [date, date])
        }
    }

    /// A roll-up row: `member` is `ORG:ID` or `STAFF:ID`; deposits and loans in fen, balance-days of month,
    /// quarter and year.
    func rollup(_ date: String, _ member: String, deposit: Int64, depositDays: (Int64, Int64, Int64) = (0, 0, 0), loan: Int64 = 0,
                customers: Int64 = 0, effective: Int64 = 0) throws {
        let node = PlanNodeID(member)!
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO ind_rollup_day(biz_date, dimension, member_id, deposit_balance, deposit_bd_month, deposit_bd_quarter,
                  deposit_bd_year, loan_balance, loan_bd_month, loan_bd_quarter, loan_bd_year, customers, effective_customers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?)
                """, arguments: [date, node.kind.rawValue, node.id, deposit, depositDays.0, depositDays.1, depositDays.2, loan, customers,
                                 effective])
        }
    }

    func tree(_ planID: String, for staffID: String? = nil) throws -> PlanTree {
        let viewer = try staffID.map(profile)
        return try database.writer.read { try PlanTree.load($0, planID: planID, for: viewer) }!
    }

    func track(_ planID: String, margin: Int64 = 5) throws -> PlanTracking {
        let tree = try self.tree(planID)
        return try database.writer.read { try PlanTracking.track($0, tree: tree, marginPercent: margin) }
    }

    func targets(_ planID: String) throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: try tree(planID).targets.map { ($0.key.description, $0.value.target) })
    }
}
