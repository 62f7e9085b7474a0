import GRDB

/// The staff and org nodes whose work a member of staff may look at: everyone for head office; the staff and
/// orgs of their subtree for a team lead or branch head; themselves otherwise. Tasks and opportunities belong
/// to people and orgs rather than to customers, so they are shown by this rather than by `DataScope`.
public struct StaffReach: Sendable {
    /// nil: every org and everyone.
    private let orgs: Set<String>?
    private let staff: Set<String>

    /// Every org and everyone, as the batch operator sees.
    public static let everyone = StaffReach(orgs: nil, staff: [])

    private init(orgs: Set<String>?, staff: Set<String>) {
        self.orgs = orgs
        self.staff = staff
    }

    public init(_ db: Database, viewer: StaffProfile) throws {
        try self.init(db, scope: DataScope(profile: viewer))
    }

    /// The reach that goes with a data scope: a manager's book is their own work, an org subtree the work of its
    /// orgs and staff, everything everyone's, nothing no one's.
    public init(_ db: Database, scope: DataScope) throws {
        switch scope.reach {
        case .everything:
            orgs = nil
            staff = []
        case .orgSubtree(let root):
            orgs = try Set(String.fetchAll(db, sql: DataScope.subtreeSQL, arguments: [root]))
            staff = try Set(String.fetchAll(db, sql: "SELECT staff_id FROM base_staff WHERE org_id IN (\(DataScope.subtreeSQL))",
                                            arguments: [root]))
        case .managedBy(let staffID):
            orgs = []
            staff = [staffID]
        case .nothing:
            orgs = []
            staff = []
        }
    }

    public func contains(staffID: String) -> Bool { orgs == nil || staff.contains(staffID) }

    public func contains(orgID: String) -> Bool { orgs?.contains(orgID) ?? true }
}
