import ArgumentParser
import CRMCore
import CRMStore

/// `crm admin org list|add|rename|move|close|move-staff`: the org tree (机构团队管理).
struct AdminOrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "List the org tree; add, rename, move and close orgs; move staff (机构团队管理).",
        discussion: """
            Changes show at once and are dated the business date after the last one loaded: the batch applies them \
            again on that date, and a source extract row for the same org or person received later wins.
            """,
        subcommands: [List.self, Add.self, Rename.self, Move.self, Close.self, MoveStaff.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The org tree with active staff and customers under each node.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let tree = try database.open().writer.read(OrgTree.load)
            var rows: [(node: OrgTreeNode, depth: Int)] = []
            func walk(_ parent: String?, depth: Int) {
                for node in tree.children(of: parent) {
                    rows.append((node, depth))
                    walk(node.orgID, depth: depth + 1)
                }
            }
            walk(nil, depth: 0)
            if output.json {
                printJSON(.array(rows.map { row in
                    .object([("org_id", .string(row.node.orgID)), ("parent_id", row.node.parentID.map(JSONValue.string) ?? .null),
                             ("level", .string(row.node.level.rawValue)), ("name", .string(row.node.name)),
                             ("status", .string(row.node.isActive ? "ACTIVE" : "CLOSED")), ("staff", .int(Int64(row.node.staff))),
                             ("customers", .int(Int64(row.node.customers)))])
                }))
                return
            }
            var table = TextTable([("机构 org", .left), ("机构号 id", .left), ("层级 level", .left), ("状态 status", .left),
                                   ("人员 staff", .right), ("客户 customers", .right)])
            for row in rows {
                table.add([String(repeating: "  ", count: row.depth) + row.node.name, row.node.orgID, row.node.level.chineseName,
                           row.node.isActive ? "在用" : "已撤销", String(row.node.staff), String(row.node.customers)])
            }
            print(table.render())
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an org below another; prints its id (C and five digits).")
        @Option(help: "The parent org id.") var parent: String
        @Option(help: "BRANCH, SUBBRANCH or TEAM.") var level: OrgLevel
        @Option(help: "The name.") var name: String
        @OptionGroup var administrator: AdministratorOptions

        func run() throws {
            let id = try administrator.run { db, admin in
                let id = try db.writer.read(OrgTree.nextCreatedID)
                try apply(OrgChange(kind: .create, targetID: id, name: name, parentID: parent, level: level), db, admin)
                return id
            }
            print("\(id): \(name) added below \(parent)")
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename an org.")
        @Argument(help: "The org id.") var org: String
        @Option(help: "The new name.") var name: String
        @OptionGroup var administrator: AdministratorOptions

        func run() throws {
            try administrator.run { try apply(OrgChange(kind: .rename, targetID: org, name: name), $0, $1) }
            print("\(org): renamed \(name)")
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move an org, with everything below it, under another parent.")
        @Argument(help: "The org id.") var org: String
        @Option(help: "The new parent org id.") var to: String
        @OptionGroup var administrator: AdministratorOptions

        func run() throws {
            try administrator.run { try apply(OrgChange(kind: .move, targetID: org, parentID: to), $0, $1) }
            print("\(org): now below \(to)")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close an org; its active staff, and so their customers, go to the successor.",
            discussion: "Orgs below it must be moved or closed first. --to is needed while it has active staff.")
        @Argument(help: "The org id.") var org: String
        @Option(help: "The successor org id.") var to: String?
        @OptionGroup var administrator: AdministratorOptions

        func run() throws {
            try administrator.run { try apply(OrgChange(kind: .close, targetID: org, successorID: to), $0, $1) }
            print("\(org): closed" + (to.map { "; its staff and their customers are now in \($0)" } ?? ""))
        }
    }

    struct MoveStaff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move-staff", abstract: "Move a member of staff to another org; their customers go with them.")
        @Argument(help: "The staff id.") var staff: String
        @Option(help: "The org id they now work in.") var to: String
        @OptionGroup var administrator: AdministratorOptions

        func run() throws {
            try administrator.run { try apply(OrgChange(kind: .staffMove, targetID: staff, parentID: to), $0, $1) }
            print("\(staff): now in \(to)")
        }
    }
}

extension OrgLevel: ExpressibleByArgument {}

/// Applies one change to the org tree as the administrator (audited as a mutation).
private func apply(_ change: OrgChange, _ db: AppDatabase, _ admin: StaffProfile) throws {
    try MutationLog(database: db, clock: .system).apply(OrgTreeMutation(id: MutationID.make(), change: change), by: admin)
}
