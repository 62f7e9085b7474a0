/// The levels of the org tree, from the top: head office, branch, sub-branch, team. Managers sit in teams.
public enum OrgLevel: String, CaseIterable, Sendable, Comparable {
    case headOffice = "HQ"
    case branch = "BRANCH"
    case subBranch = "SUBBRANCH"
    case team = "TEAM"

    /// 0 for head office, growing downwards: a parent's rank is always below its children's.
    public var rank: Int { OrgLevel.allCases.firstIndex(of: self)! }

    public static func < (lhs: OrgLevel, rhs: OrgLevel) -> Bool { lhs.rank < rhs.rank }

    public var chineseName: String {
        switch self {
        case .headOffice: return "总行"
        case .branch: return "分行"
        case .subBranch: return "支行"
        case .team: return "团队"
        }
    }

    public var englishName: String {
        switch self {
        case .headOffice: return "head office"
        case .branch: return "branch"
        case .subBranch: return "sub-branch"
        case .team: return "team"
        }
    }

    /// The levels a member of staff in `position` works at: managers in teams, branch heads in a branch or
    /// sub-branch, head-office analysts and administrators at head office.
    public static func levels(for position: StaffRole) -> Set<OrgLevel> {
        switch position {
        case .relationshipManager, .teamLead: return [.team]
        case .branchHead: return [.branch, .subBranch]
        case .headOffice, .administrator: return [.headOffice]
        }
    }
}
