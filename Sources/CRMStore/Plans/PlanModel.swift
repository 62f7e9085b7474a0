import CRMCore

/// Whether a node of a target tree is an org node or a manager.
public enum PlanNodeKind: String, Sendable {
    case org = "ORG"
    case staff = "STAFF"
}

/// A node of a plan's target tree (全行 → 机构 → 团队 → 客户经理).
public struct PlanNodeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let kind: PlanNodeKind
    public let id: String

    public init(_ kind: PlanNodeKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// `ORG:B001` or `STAFF:S0001`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let kind = PlanNodeKind(rawValue: String(parts[0])) else { return nil }
        self.init(kind, String(parts[1]))
    }

    /// The form of the text ``init(_:)`` reads, for messages.
    static let textForm = "ORG:… | STAFF:…"

    public var description: String { "\(kind.rawValue):\(id)" }

    public static func < (a: PlanNodeID, b: PlanNodeID) -> Bool { (a.kind.rawValue, a.id) < (b.kind.rawValue, b.id) }
}

/// How a node's target was set.
public enum PlanTargetMethod: String, CaseIterable, Sendable {
    /// Issued by head office at the root.
    case issued = "ISSUED"
    /// Split by hand.
    case manual = "MANUAL"
    /// Split equally.
    case equal = "EQUAL"
    /// Split in proportion to last year's actual.
    case lastYear = "LAST_YEAR"
    /// Asked in proportion to last year's actual, split equally because there was none.
    case equalNoHistory = "EQUAL_NO_HISTORY"
    /// Changed on its own, with a reason.
    case revised = "REVISED"

    /// The method as the screens write it.
    public var chineseName: String {
        switch self {
        case .issued: return "下达"
        case .manual: return "手工分解"
        case .equal: return "平均分解"
        case .lastYear: return "按去年同期"
        case .equalNoHistory: return "无去年同期，平均分解"
        case .revised: return "调整"
        }
    }

    public var englishName: String {
        switch self {
        case .issued: return "issued"
        case .manual: return "by hand"
        case .equal: return "equally"
        case .lastYear: return "by last year"
        case .equalNoHistory: return "equally, no history"
        case .revised: return "revised"
        }
    }
}

/// An issued plan: an indicator, a period and the bank's target, locked once issued.
public struct Plan: Sendable, Equatable {
    public let id: String
    public let indicator: KPIIndicator
    public let period: PlanPeriod
    public let rootOrgID: String
    public let note: String
    public let issuedBy: String
    public let issuedAt: String
}

/// One node's target.
public struct PlanTarget: Sendable, Equatable {
    public let node: PlanNodeID
    /// The org the target was split from; nil at the root.
    public let parentOrgID: String?
    /// The org's or the manager's name.
    public let name: String
    public let target: Int64
    public let method: PlanTargetMethod
    /// 1 when first set, one more at each change.
    public let revision: Int
    public let updatedBy: String
    public let updatedAt: String
}

/// One change of a target, kept for good: before and after, how, why, who and when.
public struct PlanRevision: Sendable, Equatable {
    public let seq: Int64
    public let node: PlanNodeID
    public let name: String
    /// nil when the target was first set.
    public let before: Int64?
    public let after: Int64
    public let method: PlanTargetMethod
    public let reason: String
    public let changedBy: String
    public let changedAt: String
}
