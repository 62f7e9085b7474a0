import GRDB

/// The customers and org nodes a signed-in member of staff may see: the one scope filter every query uses.
///
/// RM: the customers they manage (main or assisting). Team lead: the customers of the team's managers.
/// Branch head: the customers managed anywhere in the branch's subtree. Head office: every customer.
/// Administrator: no customer data.
public struct DataScope: Sendable, Equatable {
    public enum Reach: Sendable, Equatable {
        case managedBy(staffID: String)
        case orgSubtree(orgID: String)
        case everything
        case nothing
    }

    public let reach: Reach

    public init(reach: Reach) { self.reach = reach }

    public init(profile: StaffProfile) {
        switch profile.role {
        case .relationshipManager: reach = .managedBy(staffID: profile.staffID)
        case .teamLead, .branchHead: reach = .orgSubtree(orgID: profile.orgID)
        case .headOffice: reach = .everything
        case .administrator: reach = .nothing
        }
    }

    /// An SQL condition true for the rows whose `column` (a customer id) is in scope, with its arguments.
    public func customerCondition(_ column: String) -> (sql: String, arguments: StatementArguments) {
        switch reach {
        case .everything:
            return ("1", [])
        case .nothing:
            return ("0", [])
        case .managedBy(let staffID):
            return ("\(column) IN (SELECT customer_id FROM base_customer_manager WHERE staff_id = ?)", [staffID])
        case .orgSubtree(let orgID):
            return ("""
                \(column) IN (SELECT m.customer_id FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
                  WHERE s.org_id IN (\(DataScope.subtreeSQL)))
                """, [orgID])
        }
    }

    /// Whether the customer is in scope (an unknown customer is not).
    public func contains(customerID: String, _ db: Database) throws -> Bool {
        let condition = customerCondition("customer_id")
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM base_customer WHERE customer_id = ? AND \(condition.sql)"),
                                 arguments: [customerID] + condition.arguments) ?? false
    }

    /// An SQL condition true for the rows whose `column` (an org id) may be looked at, as ``canSee(orgID:_:)``
    /// decides one at a time, with its arguments.
    public func orgCondition(_ column: String) -> (sql: String, arguments: StatementArguments) {
        switch reach {
        case .everything: return ("1", [])
        case .nothing, .managedBy: return ("0", [])
        case .orgSubtree(let root): return ("\(column) IN (\(DataScope.subtreeSQL))", [root])
        }
    }

    /// Whether the org node may be looked at (its figures, its announcements' audience).
    public func canSee(orgID: String, _ db: Database) throws -> Bool {
        switch reach {
        case .everything: return true
        case .nothing, .managedBy: return false
        case .orgSubtree(let root):
            return try Bool.fetchOne(db, sql: "SELECT 1 WHERE ? IN (\(DataScope.subtreeSQL))", arguments: [orgID, root]) ?? false
        }
    }

    /// The ids of an org and everything below it; one `?` for the root.
    public static let subtreeSQL = """
        WITH RECURSIVE subtree(org_id) AS (
          SELECT ? UNION ALL SELECT o.org_id FROM base_org o JOIN subtree t ON o.parent_id = t.org_id
        ) SELECT org_id FROM subtree
        """

    /// The ids of an org and its ancestors up to head office; one `?` for the org.
    public static let ancestorsSQL = """
        WITH RECURSIVE up(org_id) AS (
          SELECT ? UNION ALL SELECT o.parent_id FROM base_org o JOIN up ON o.org_id = up.org_id WHERE o.parent_id IS NOT NULL
        ) SELECT org_id FROM up
        """
}
