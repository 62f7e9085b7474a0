import CRMCore
import Crypto
import Foundation
import GRDB

/// One entry of the audit log.
public struct AuditEntry: Sendable, Equatable {
    public let seq: Int64
    /// Shanghai local `YYYY-MM-DD HH:MM:SS`.
    public let at: String
    /// The staff id acting, or `-` for the system.
    public let actor: String
    public let machine: String
    /// `signin.success`, `signin.failure`, `mutation`, `customer.view`, `report`, `export` ...
    public let action: String
    public let target: String
    public let detail: String
    public let prevHash: String
    public let hash: String
}

/// What `verify` found wrong with the chain, naming the first entry that breaks it.
public enum AuditBreak: Error, Equatable, CustomStringConvertible {
    /// The entry's content no longer gives its hash: it was edited (or entries were swapped).
    case edited(seq: Int64)
    /// The entry does not follow the one before it: entries before it were deleted or moved.
    case unchained(seq: Int64, expectedPrevious: Int64)

    public var description: String {
        switch self {
        case .edited(let seq): return "audit entry #\(seq) was changed: its content does not match its hash"
        case .unchained(let seq, let previous):
            return "audit entry #\(seq) does not follow entry #\(previous): entries were deleted or moved before it"
        }
    }
}

/// The append-only, hash-chained audit log: who, when, from which machine, did what.
public enum AuditLog {
    /// The hash the first entry (or the first after an archived stretch) chains to.
    static let origin = String(repeating: "0", count: 64)

    /// Appends an entry in the caller's transaction, chained to the last one.
    public static func append(_ db: Database, at: String, actor: String, machine: String, action: String, target: String,
                              detail: String) throws {
        // Cached statements: the server appends an entry for every look at a customer.
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM sys_audit ORDER BY seq DESC LIMIT 1"))
        let checkpoint = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM sys_audit_checkpoint ORDER BY seq DESC LIMIT 1"))
        let previous: (seq: Int64, hash: String) = last.map { ($0[0], $0[1]) } ?? checkpoint.map { ($0[0], $0[1]) } ?? (0, origin)
        let seq = previous.seq + 1
        let hash = digest(seq: seq, at: at, actor: actor, machine: machine, action: action, target: target, detail: detail,
                          previous: previous.hash)
        try db.cachedStatement(sql: """
            INSERT INTO sys_audit(seq, at, actor, machine, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [seq, at, actor, machine, action, target, detail, previous.hash, hash])
    }

    /// Walks the chain from the last archive checkpoint; throws the first break.
    public static func verify(_ db: Database) throws -> Int {
        let checkpoint = try Row.fetchOne(db, sql: "SELECT seq, hash FROM sys_audit_checkpoint ORDER BY seq DESC LIMIT 1")
        var previous: (seq: Int64, hash: String) = checkpoint.map { ($0[0], $0[1]) } ?? (0, origin)
        var count = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT seq, at, actor, machine, action, target, detail, prev_hash, hash FROM sys_audit ORDER BY seq")
        while let row = try cursor.next() {
            let seq: Int64 = row[0]
            let stored: String = row[8]
            if seq != previous.seq + 1 || (row[7] as String) != previous.hash {
                // A gap or a foreign link: say which it is by whether the entry still matches its own content.
                if digest(seq: seq, at: row[1], actor: row[2], machine: row[3], action: row[4], target: row[5], detail: row[6],
                          previous: row[7]) != stored {
                    throw AuditBreak.edited(seq: seq)
                }
                throw AuditBreak.unchained(seq: seq, expectedPrevious: previous.seq)
            }
            if digest(seq: seq, at: row[1], actor: row[2], machine: row[3], action: row[4], target: row[5], detail: row[6],
                      previous: previous.hash) != stored {
                throw AuditBreak.edited(seq: seq)
            }
            previous = (seq, stored)
            count += 1
        }
        return count
    }

    /// Entries matching the filters, newest first.
    public static func query(_ db: Database, actor: String? = nil, action: String? = nil, target: String? = nil,
                             from: String? = nil, to: String? = nil, limit: Int = 200) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let actor { conditions.append("actor = ?"); arguments += [actor] }
        if let action { conditions.append("action LIKE ? ESCAPE '\\'"); arguments += [likePrefix(action)] }
        if let target { conditions.append("target = ?"); arguments += [target] }
        if let from { conditions.append("at >= ?"); arguments += [from] }
        if let to { conditions.append("at < ?"); arguments += [to] }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try Row.fetchAll(db, sql: """
            SELECT seq, at, actor, machine, action, target, detail, prev_hash, hash FROM sys_audit \(filter) ORDER BY seq DESC LIMIT ?
            """, arguments: arguments + [limit]).map {
            AuditEntry(seq: $0[0], at: $0[1], actor: $0[2], machine: $0[3], action: $0[4], target: $0[5], detail: $0[6],
                       prevHash: $0[7], hash: $0[8])
        }
    }

    /// `action` as a LIKE prefix (`mutation` matches `mutation.tag.add`), with LIKE's wildcards escaped.
    private static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// SHA-256 over the fields, each length-prefixed so that no two different entries give the same input.
    static func digest(seq: Int64, at: String, actor: String, machine: String, action: String, target: String, detail: String,
                       previous: String) -> String {
        var input = Data()
        for field in [previous, String(seq), at, actor, machine, action, target, detail] {
            let bytes = Data(field.utf8)
            input.append(contentsOf: String(bytes.count).utf8)
            input.append(0x3A)
            input.append(bytes)
        }
        return SHA256.hash(data: input).hexadecimal
    }
}

extension AuditLog {
    /// Moves the entries up to `seq` into a JSON Lines file and keeps a checkpoint (the last moved entry's seq and
    /// hash), from which the remaining chain still verifies. Refuses to archive a broken chain.
    public static func archive(_ db: Database, through seq: Int64, to path: String, at: String) throws -> Int {
        _ = try verify(db)
        let entries = try Row.fetchAll(db, sql: """
            SELECT seq, at, actor, machine, action, target, detail, prev_hash, hash FROM sys_audit WHERE seq <= ? ORDER BY seq
            """, arguments: [seq])
        guard let last = entries.last else { return 0 }
        var lines = ""
        for row in entries {
            let object: JSONValue = .object([
                ("seq", .int(row[0])), ("at", .string(row[1])), ("actor", .string(row[2])), ("machine", .string(row[3])),
                ("action", .string(row[4])), ("target", .string(row[5])), ("detail", .string(row[6])),
                ("prev_hash", .string(row[7])), ("hash", .string(row[8])),
            ])
            lines += object.rendered() + "\n"
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(lines.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.cannotCreate(path)
        }
        try db.execute(sql: "INSERT INTO sys_audit_checkpoint(seq, hash, archived_at, archive_file) VALUES (?, ?, ?, ?)",
                       arguments: [last[0] as Int64, last[8] as String, at, path])
        try db.execute(sql: "DROP TRIGGER sys_audit_no_delete")
        try db.execute(sql: "DELETE FROM sys_audit WHERE seq <= ?", arguments: [seq])
        try db.execute(sql: AuditTables.noDeleteTrigger)
        return entries.count
    }
}

extension AppDatabase {
    /// Records a look or an export (not a change: changes are audited by `MutationLog`) in its own transaction.
    /// `actor` is a staff id, or `-` for a command run without `--as`.
    public func audit(actor: String, action: String, target: String, detail: String = "", clock: WallClock,
                      machine: String = Machine.name) throws {
        try AuditedWriter(database: self, clock: clock, machine: machine).write { db, stamp in
            try stamp.record(db, actor: actor, action: action, target: target, detail: detail)
        }
    }
}
