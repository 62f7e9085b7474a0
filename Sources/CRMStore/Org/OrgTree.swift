import GRDB

/// One node of the org tree with what hangs under it.
public struct OrgTreeNode: Sendable, Equatable {
    public let orgID: String
    public let parentID: String?
    public let level: OrgLevel
    public let name: String
    public let isActive: Bool
    /// Active staff in this node and every node below it.
    public var staff: Int
    /// Customers whose main manager works in this node or below it.
    public var customers: Int
}

/// A member of staff as the org tree lists them.
public struct OrgStaffMember: Sendable, Equatable {
    public let profile: StaffProfile
    public let isActive: Bool
    /// Customers they are the main manager of.
    public let customers: Int
}

/// The whole org tree (机构团队), read at once: even a large bank has a few thousand nodes, and totals for
/// every subtree come from one pass over the managers.
public struct OrgTree: Sendable {
    public private(set) var nodes: [String: OrgTreeNode] = [:]
    private var childIDs: [String: [String]] = [:]
    public private(set) var rootIDs: [String] = []

    /// An empty tree, before anything is read.
    public init() {}

    public static func load(_ db: Database) throws -> OrgTree {
        var tree = OrgTree()
        var staff: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT org_id, COUNT(*) FROM base_staff WHERE status = 'ACTIVE' GROUP BY org_id") {
            staff[row[0]] = row[1]
        }
        var customers: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT s.org_id, COUNT(*) FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
            WHERE m.role = 'MAIN' GROUP BY s.org_id
            """) {
            customers[row[0]] = row[1]
        }
        for row in try Row.fetchAll(db, sql: "SELECT org_id, parent_id, level, name, status FROM base_org ORDER BY org_id") {
            let id: String = row[0]
            guard let level = OrgLevel(rawValue: row[2]) else { continue }
            let parent: String? = row[1]
            tree.nodes[id] = OrgTreeNode(orgID: id, parentID: parent, level: level, name: row[3], isActive: row[4] == "ACTIVE",
                                         staff: staff[id] ?? 0, customers: customers[id] ?? 0)
            if let parent { tree.childIDs[parent, default: []].append(id) } else { tree.rootIDs.append(id) }
        }
        // Orphans (a parent that is not there) are shown at the top rather than lost.
        tree.rootIDs += tree.childIDs.keys.filter { tree.nodes[$0] == nil }.sorted().flatMap { tree.childIDs[$0] ?? [] }
        for root in tree.rootIDs { tree.addUp(root, seen: []) }
        return tree
    }

    /// The children of a node (the roots for nil), open ones first, each group by id.
    public func children(of orgID: String?) -> [OrgTreeNode] {
        let ids = orgID.map { childIDs[$0] ?? [] } ?? rootIDs
        return ids.compactMap { nodes[$0] }.sorted { ($0.isActive ? 0 : 1, $0.orgID) < ($1.isActive ? 0 : 1, $1.orgID) }
    }

    /// Whether `orgID` is `ancestorID` or lies below it.
    public func isWithin(_ orgID: String, _ ancestorID: String) -> Bool {
        var current: String? = orgID
        var steps = 0
        while let id = current, steps <= nodes.count {
            if id == ancestorID { return true }
            current = nodes[id]?.parentID
            steps += 1
        }
        return false
    }

    /// Names from the top down to the node: 锦程银行总行 › 福州分行 › ….
    public func path(to orgID: String) -> [String] {
        var names: [String] = []
        var current: String? = orgID
        while let id = current, let node = nodes[id], names.count <= nodes.count {
            names.insert(node.name, at: 0)
            current = node.parentID
        }
        return names
    }

    /// The staff of one node (not below it): active first, then by position and id.
    public static func staff(in orgID: String, _ db: Database) throws -> [OrgStaffMember] {
        try Row.fetchAll(db, sql: """
            SELECT s.staff_id, s.name, s.org_id, o.name, s.position, s.status,
                   (SELECT COUNT(*) FROM base_customer_manager m WHERE m.staff_id = s.staff_id AND m.role = 'MAIN')
            FROM base_staff s JOIN base_org o ON o.org_id = s.org_id WHERE s.org_id = ?
            ORDER BY s.status = 'ACTIVE' DESC, s.staff_id
            """, arguments: [orgID]).compactMap { row in
            guard let role = StaffRole(rawValue: row[4]) else { return nil }
            return OrgStaffMember(profile: StaffProfile(staffID: row[0], name: row[1], orgID: row[2], orgName: row[3], role: role),
                                  isActive: row[5] == "ACTIVE", customers: row[6])
        }
    }

    /// The id for a node made in the CRM: `C` and five digits, apart from the source's ids.
    public static func nextCreatedID(_ db: Database) throws -> String {
        let last = try Int.fetchOne(db, sql: """
            SELECT MAX(CAST(substr(org_id, 2) AS INTEGER)) FROM base_org WHERE org_id GLOB 'C[0-9][0-9][0-9][0-9][0-9]'
            """) ?? 0
        let digits = String(last + 1)
        return "C" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// Adds each node's children into its totals; `seen` stops a cycle in bad source data.
    private mutating func addUp(_ orgID: String, seen: Set<String>) {
        guard !seen.contains(orgID) else { return }
        for child in childIDs[orgID] ?? [] {
            addUp(child, seen: seen.union([orgID]))
            if let totals = nodes[child] {
                nodes[orgID]?.staff += totals.staff
                nodes[orgID]?.customers += totals.customers
            }
        }
    }
}
