/// The built-in roles a user may hold (one or several). Permissions come from roles; the data scope comes from
/// the position in the staff extract.
public enum AccessRole: String, CaseIterable, Sendable {
    case relationshipManager = "rm"
    case teamLead = "team-lead"
    case branchHead = "branch-head"
    case headOfficeAnalyst = "hq-analyst"
    case productManager = "product-manager"
    case administrator = "admin"
    case auditor = "auditor"

    public var chineseName: String {
        switch self {
        case .relationshipManager: return "客户经理"
        case .teamLead: return "团队长"
        case .branchHead: return "分支行行长"
        case .headOfficeAnalyst: return "总行分析"
        case .productManager: return "产品经理"
        case .administrator: return "系统管理员"
        case .auditor: return "审计员"
        }
    }

    /// The role a position gives when no role was granted explicitly.
    public init(position role: StaffRole) {
        switch role {
        case .relationshipManager: self = .relationshipManager
        case .teamLead: self = .teamLead
        case .branchHead: self = .branchHead
        case .headOffice: self = .headOfficeAnalyst
        case .administrator: self = .administrator
        }
    }
}
