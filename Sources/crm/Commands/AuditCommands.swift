import ArgumentParser
import CRMCore
import CRMStore
import Foundation

/// `crm admin audit query`: entries by actor, action, target and time, newest first.
struct AuditQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "List audit entries, newest first.")

    @Option(help: "Staff id of the actor (`-` for commands run without --as).") var actor: String?
    @Option(help: "Action, or its start: signin, mutation, mutation.tag.add, customer.view, report, export.") var action: String?
    @Option(help: "Target: a customer id, a report name, a mutation id ...") var target: String?
    @Option(help: "From this local time or date (YYYY-MM-DD[ HH:MM:SS]).") var from: String?
    @Option(help: "Before this local time or date.") var to: String?
    @Option(help: "At most this many entries.") var limit = 200
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let entries = try database.open().writer.read {
            try AuditLog.query($0, actor: actor, action: action, target: target, from: from, to: to, limit: limit)
        }
        if output.json {
            printJSON(.array(entries.map { entry in
                .object([("seq", .int(entry.seq)), ("at", .string(entry.at)), ("actor", .string(entry.actor)),
                         ("machine", .string(entry.machine)), ("action", .string(entry.action)), ("target", .string(entry.target)),
                         ("detail", .string(entry.detail)), ("hash", .string(entry.hash))])
            }))
            return
        }
        var table = TextTable([("#", .right), ("时间 at", .left), ("操作人 actor", .left), ("机器 machine", .left), ("操作 action", .left),
                               ("对象 target", .left), ("内容 detail", .left)])
        for entry in entries {
            table.add([String(entry.seq), entry.at, entry.actor, entry.machine, entry.action, entry.target, String(entry.detail.prefix(60))])
        }
        print(table.render())
    }
}

/// `crm admin audit verify`: walks the hash chain; exit 1 naming the first broken entry.
struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check that no audit entry was edited, deleted or reordered (exit 1 names the first that was).")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        do {
            let db = try database.open()
            let count = try db.writer.read(AuditLog.verify)
            let newest = try db.writer.read { try AuditLog.query($0, limit: 1) }.first
            print("audit log intact: \(count) entries chain from the last checkpoint")
            if let newest {
                // A chain alone cannot show that its newest entries were cut off; a copy of this line kept elsewhere can.
                print("newest entry #\(newest.seq) at \(newest.at), hash \(newest.hash)")
            }
        } catch let broken as AuditBreak {
            throw CommandFailure(broken.description)
        }
    }
}

/// `crm admin audit archive`: moves old entries to a file, keeping the rest verifiable from a checkpoint.
struct AuditArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Move entries before a date into a JSON Lines file; the chain stays verifiable.")

    @Option(help: "Archive the entries before this date.") var before: BusinessDate
    @Option(help: "The archive file to write (JSON Lines).") var out: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.open()
        let moved = try db.writer.write { db -> Int in
            guard let last = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM sys_audit WHERE at < ?", arguments: [before.description])
            else { return 0 }
            return try AuditLog.archive(db, through: last, to: out, at: ShanghaiTime.timestamp(WallClock.system.now()))
        }
        print(moved == 0 ? "no entry before \(before)" : "archived \(moved) entries to \(out)")
    }
}
