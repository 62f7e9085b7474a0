import CRMStore
import GRDB

/// What a replica needs to write one replicated table's op data: the columns it travels with, where the key
/// columns are among them, and one prepared upsert and delete, bound through SQLite's C API.
struct ReplicaTableShape {
    let name: String
    private let binder: SyncRowBinder
    private let upsert: BulkStatement
    private let delete: BulkStatement

    init(_ table: SyncCatalog.Table, _ db: Database) throws {
        name = table.name
        let columns = try table.replicatedColumns(db)
        let keyColumns = try RowKey.columns(of: name, db)
        binder = SyncRowBinder(columnCount: columns.count, keyPositions: try keyColumns.map { [name] key in
            guard let position = columns.firstIndex(of: key) else { throw SyncFailure("bad_schema", "\(name).\(key) is a key kept on the server") }
            return position
        })
        let updates = columns.filter { !keyColumns.contains($0) }.map { "\($0.quotedDatabaseIdentifier) = excluded.\($0.quotedDatabaseIdentifier)" }
        upsert = try BulkStatement(db, sql: """
            INSERT INTO \(name)(\(columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT(\(keyColumns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")))
            \(updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", "))
            """)
        delete = try BulkStatement(db, sql: "DELETE FROM \(name) WHERE "
                                   + keyColumns.map { "\($0.quotedDatabaseIdentifier) = ?" }.joined(separator: " AND "))
    }

    /// Reads an op's data into the upsert's parameters, ready for ``writeBound(_:)``; returns the row's key.
    func bind(_ data: String) throws -> String {
        try upsert.bind { try binder.bind(data, to: $0) }
    }

    /// Writes the row last bound; returns how many rows changed (0 or 1).
    func writeBound(_ db: Database) throws -> Int {
        try upsert.step()
        return db.changesCount
    }

    /// Deletes the row with this key; returns how many rows changed.
    func delete(key: String, _ db: Database) throws -> Int {
        try delete.execute(RowKey.parts(key).map(SQLValue.text))
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
