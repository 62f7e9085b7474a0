import GRDB

/// A replicated row's identity as text: its primary-key values joined by U+001F, the same on every copy.
public enum RowKey {
    /// The separator between key parts.
    public static let separator: Character = "\u{1F}"

    /// The SQL expression of a row's key, with `prefix` (`NEW.`, `OLD.`, `t.`) before each column.
    public static func expression(_ columns: [String], prefix: String) -> String {
        columns.map { "CAST(\(prefix)\($0.quotedDatabaseIdentifier) AS TEXT)" }.joined(separator: " || char(31) || ")
    }

    /// The key's parts, in primary-key order.
    public static func parts(_ key: String) -> [String] {
        key.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    /// The table's primary-key columns; every replicated table has one.
    public static func columns(of table: String, _ db: Database) throws -> [String] {
        try db.primaryKey(table).columns
    }
}
