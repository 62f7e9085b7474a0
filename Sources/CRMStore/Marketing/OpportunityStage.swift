/// Where an opportunity (商机) stands: the six steps from a lead to money on the books, or lost.
public enum OpportunityStage: String, CaseIterable, Sendable, Comparable {
    case lead = "LEAD"
    case contact = "CONTACT"
    case proposal = "PROPOSAL"
    case approval = "APPROVAL"
    case signed = "SIGNED"
    case landed = "LANDED"
    case lost = "LOST"

    /// The open stages and the won one, in order (lost stands apart).
    public static let pipeline: [OpportunityStage] = [.lead, .contact, .proposal, .approval, .signed, .landed]

    public static func < (lhs: OpportunityStage, rhs: OpportunityStage) -> Bool {
        (pipeline.firstIndex(of: lhs) ?? pipeline.count) < (pipeline.firstIndex(of: rhs) ?? pipeline.count)
    }

    public var chineseName: String {
        switch self {
        case .lead: return "线索"
        case .contact: return "接洽"
        case .proposal: return "方案"
        case .approval: return "审批"
        case .signed: return "签约"
        case .landed: return "落地"
        case .lost: return "丢失"
        }
    }

    public var englishName: String {
        switch self {
        case .lead: return "lead"
        case .contact: return "contact"
        case .proposal: return "proposal"
        case .approval: return "approval"
        case .signed: return "signed"
        case .landed: return "landed"
        case .lost: return "lost"
        }
    }

    /// The probability an opportunity gets on entering the stage, unless the user gives one.
    public var defaultProbability: Int {
        switch self {
        case .lead: return 10
        case .contact: return 20
        case .proposal: return 40
        case .approval: return 60
        case .signed: return 80
        case .landed: return 100
        case .lost: return 0
        }
    }

    /// Landed and lost opportunities are closed.
    public var isClosed: Bool { self == .landed || self == .lost }
}
