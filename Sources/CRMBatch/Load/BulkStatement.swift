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
/// which matters at a million rows a day.
final class BulkStatement {
    private let statement: Statement

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds `values` to parameters 1...n and runs the statement once.
    func execute(_ values: [SQLValue]) throws {
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
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                                sql: statement.sql)
        }
    }
}

/// SQLite's SQLITE_TRANSIENT: copy the bound bytes before returning.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
