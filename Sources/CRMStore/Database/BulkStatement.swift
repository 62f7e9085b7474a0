import GRDB
import GRDBSQLite

/// A value bound to a statement parameter.
public enum SQLValue {
    case null
    case int(Int64)
    case text(String)

    /// `.text` or `.null`.
    public static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    /// `.int` or `.null`.
    public static func optional(_ value: Int64?) -> SQLValue { value.map(SQLValue.int) ?? .null }
}

/// A prepared statement executed many times with positional values, straight through SQLite's C API.
///
/// GRDB prepares it (and owns its lifetime); binding skips GRDB's per-call argument boxing,
/// which matters at a million rows a day (the batch) or a hundred thousand ops in a first download (sync).
public final class BulkStatement {
    private let statement: Statement

    public init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds `values` to parameters 1...n and runs the statement once.
    public func execute(_ values: [SQLValue]) throws {
        bind(values)
        try step()
    }

    /// Binds `values` and returns the first column of the first row, if there is one and it is an integer.
    public func int64(_ values: [SQLValue]) throws -> Int64? {
        bind(values)
        return try step()
    }

    /// Binds parameters some other way: `body` gets the statement's SQLite handle.
    public func bind<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(statement.sqliteStatement)
    }

    /// Runs the bound statement to its first row or its end, and resets it; returns the first row's first column
    /// when it is an integer.
    @discardableResult
    public func step() throws -> Int64? {
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                                sql: statement.sql)
        }
        guard code == SQLITE_ROW, sqlite3_column_type(handle, 0) == SQLITE_INTEGER else { return nil }
        return sqlite3_column_int64(handle, 0)
    }

    private func bind(_ values: [SQLValue]) {
        let handle = statement.sqliteStatement
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .null: sqlite3_bind_null(handle, position)
            case .int(let number): sqlite3_bind_int64(handle, position, number)
            case .text(let text):
                var text = text
                text.withUTF8 { utf8 in
                    _ = sqlite3_bind_text(handle, position, UnsafeRawPointer(utf8.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                          Int32(utf8.count), sqliteTransient)
                }
            }
        }
    }
}

/// SQLite's SQLITE_TRANSIENT: copy the bound bytes before returning.
public let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
