import GRDB

/// What a member of staff can be in the CRM, from their position in the staff extract.
public enum StaffRole: String, CaseIterable, Sendable {
    case relationshipManager = "RM"
    case teamLead = "TEAM_LEAD"
    case branchHead = "BRANCH_HEAD"
    case headOffice = "HQ_ANALYST"
    case administrator = "ADMIN"

    /// The `--as` word of `crm demo`.
    public var demoWord: String {
        switch self {
        case .relationshipManager: return "rm"
        case .teamLead: return "lead"
        case .branchHead: return "branch"
        case .headOffice: return "hq"
        case .administrator: return "admin"
        }
    }

    public init?(demoWord: String) {
        guard let role = StaffRole.allCases.first(where: { $0.demoWord == demoWord.lowercased() }) else { return nil }
        self = role
    }

    public var chineseName: String {
        switch self {
        case .relationshipManager: return "客户经理"
        case .teamLead: return "团队长"
        case .branchHead: return "分支行行长"
        case .headOffice: return "总行分析"
        case .administrator: return "系统管理员"
        }
    }

    public var englishName: String {
        switch self {
        case .relationshipManager: return "Relationship manager"
        case .teamLead: return "Team lead"
        case .branchHead: return "Branch head"
        case .headOffice: return "Head office"
        case .administrator: return "Administrator"
        }
    }

    /// Whether this role publishes announcements to its org subtree.
    public var publishesAnnouncements: Bool { self == .headOffice || self == .branchHead }
}

/// A signed-in member of staff: who, where in the org tree, in what role.
public struct StaffProfile: Sendable, Equatable {
    public let staffID: String
    public let name: String
    public let orgID: String
    public let orgName: String
    public let role: StaffRole

    public init(staffID: String, name: String, orgID: String, orgName: String, role: StaffRole) {
        self.staffID = staffID
        self.name = name
        self.orgID = orgID
        self.orgName = orgName
        self.role = role
    }
}

/// Looks staff up for sign-in and for the demo user picker.
public enum StaffDirectory {
    private static let select = """
        SELECT s.staff_id, s.name, s.org_id, o.name, s.position
        FROM base_staff s JOIN base_org o ON o.org_id = s.org_id
        """

    /// Active staff, by role then staff id.
    public static func active(_ db: Database) throws -> [StaffProfile] {
        try Row.fetchAll(db, sql: select + " WHERE s.status = 'ACTIVE' ORDER BY s.staff_id").compactMap(profile)
            .sorted { (roleOrder($0.role), $0.staffID) < (roleOrder($1.role), $1.staffID) }
    }

    /// One member of staff, active or not; nil when unknown.
    public static func profile(_ db: Database, staffID: String) throws -> StaffProfile? {
        try Row.fetchOne(db.cachedStatement(sql: select + " WHERE s.staff_id = ?"), arguments: [staffID]).flatMap(profile)
    }

    /// The first active member of staff in a role (by staff id): who `crm demo --as ROLE` signs in as.
    public static func firstActive(_ db: Database, role: StaffRole) throws -> StaffProfile? {
        try active(db).first { $0.role == role }
    }

    /// The active managers (relationship managers and team leads) `assigner` may give customers to: those of
    /// their branch for a branch head, everyone's for head office.
    public static func assignable(_ db: Database, by assigner: StaffProfile) throws -> [StaffProfile] {
        var condition = ""
        var arguments: StatementArguments = []
        if assigner.role != .headOffice {
            condition = " AND s.org_id IN (\(DataScope.subtreeSQL))"
            arguments = [assigner.orgID]
        }
        return try Row.fetchAll(db, sql: select + " WHERE s.status = 'ACTIVE' AND s.position IN ('RM', 'TEAM_LEAD')\(condition) ORDER BY s.org_id, s.staff_id",
                                arguments: arguments).compactMap(profile)
    }

    private static func profile(_ row: Row) -> StaffProfile? {
        guard let role = StaffRole(rawValue: row[4]) else { return nil }
        return StaffProfile(staffID: row[0], name: row[1], orgID: row[2], orgName: row[3], role: role)
    }

    private static func roleOrder(_ role: StaffRole) -> Int { StaffRole.allCases.firstIndex(of: role)! }
}
