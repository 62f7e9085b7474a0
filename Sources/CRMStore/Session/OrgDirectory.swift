import GRDB

/// An org node by id and name.
public struct OrgNode: Sendable, Equatable {
    public let orgID: String
    public let name: String
}

public enum OrgDirectory {
    /// The active branches and sub-branches a scope may look into: every one for head office, those in the
    /// subtree for an org scope, none for a manager's own book.
    public static func branches(_ db: Database, scope: DataScope) throws -> [OrgNode] {
        try Row.fetchAll(db, sql: """
            SELECT org_id, name FROM base_org WHERE level IN ('BRANCH', 'SUBBRANCH') AND status = 'ACTIVE' ORDER BY org_id
            """).map { OrgNode(orgID: $0[0], name: $0[1]) }.filter { try scope.canSee(orgID: $0.orgID, db) }
    }
}
