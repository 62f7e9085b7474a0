import CRMStore
import GRDB

/// What a replica needs to write one replicated table's op data: the columns it travels with, where the key
/// columns are among them, and one prepared upsert.
struct ReplicaTableShape {
    let name: String
    let columns: [String]
    let keyColumns: [String]
    private let keyPositions: [Int]
    private let upsert: Statement
    private let delete: Statement

    init(_ table: SyncCatalog.Table, _ db: Database) throws {
        let name = table.name
        let columns = try table.replicatedColumns(db)
        let keyColumns = try RowKey.columns(of: name, db)
        keyPositions = try keyColumns.map { key in
            guard let position = columns.firstIndex(of: key) else { throw SyncFailure("bad_schema", "\(name).\(key) is a key kept on the server") }
            return position
        }
        let updates = columns.filter { !keyColumns.contains($0) }.map { "\($0.quotedDatabaseIdentifier) = excluded.\($0.quotedDatabaseIdentifier)" }
        upsert = try db.makeStatement(sql: """
            INSERT INTO \(name)(\(columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT(\(keyColumns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")))
            \(updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", "))
            """)
        delete = try db.makeStatement(sql: "DELETE FROM \(name) WHERE "
                                      + keyColumns.map { "\($0.quotedDatabaseIdentifier) = ?" }.joined(separator: " AND "))
        (self.name, self.columns, self.keyColumns) = (name, columns, keyColumns)
    }

    /// An op's data read into the table's column values.
    func values(_ data: String) throws -> [DatabaseValue] {
        try SyncRowData.values(data, count: columns.count)
    }

    /// The row key of these values, as the server spells it (each key value as SQLite's text, joined by U+001F).
    func rowKey(_ values: [DatabaseValue]) -> String {
        keyPositions.map { position in
            switch values[position].storage {
            case .string(let text): return text
            case .int64(let number): return String(number)
            case .double(let number): return String(number)
            case .null, .blob: return ""
            }
        }.joined(separator: String(RowKey.separator))
    }

    /// Writes the row; returns how many rows changed (0 or 1).
    func write(_ values: [DatabaseValue], _ db: Database) throws -> Int {
        try upsert.execute(arguments: StatementArguments(values))
        return db.changesCount
    }

    /// Deletes the row with this key; returns how many rows changed.
    func delete(key: String, _ db: Database) throws -> Int {
        try delete.execute(arguments: StatementArguments(RowKey.parts(key)))
        return db.changesCount
    }
}

/// The shapes of the tables one transaction writes, prepared once each.
struct ReplicaTableShapes {
    private var shapes: [String: ReplicaTableShape] = [:]

    /// The shape of the replicated table `name`; an unknown table is a page the replica cannot trust.
    mutating func shape(_ name: String, _ db: Database) throws -> ReplicaTableShape {
        if let shape = shapes[name] { return shape }
        guard let table = SyncCatalog.table(named: name) else {
            throw SyncFailure("bad_op", "收到的同步数据校验失败 (an op names an unknown table \(name))", temporary: true)
        }
        let shape = try ReplicaTableShape(table, db)
        shapes[name] = shape
        return shape
    }
}
