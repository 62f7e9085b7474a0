import GRDB

/// A replicated row as an op carries it: a JSON array of the table's column values in the table's column order,
/// `["8010000005","某某公司",12500000,null]`. Positional rather than keyed, because the column names were half
/// the bytes of a download; both sides know the columns from the schema version every request carries.
///
/// A migration may add columns at the end of a replicated table: a replica that knows fewer columns reads the
/// first values and leaves the rest, one that knows more reads the missing trailing values as NULL. Any other
/// change to a replicated table's columns needs a new epoch.
public enum SyncRowData {
    /// The SQL expression that renders the row `alias` (with these columns) as op data.
    public static func sql(_ columns: [String], alias: String) -> String {
        "json_array(" + columns.map { "\(alias).\($0.quotedDatabaseIdentifier)" }.joined(separator: ", ") + ")"
    }
}

/// Op data that is not a JSON array of values.
public struct SyncRowDataError: Error, CustomStringConvertible {
    public let data: String

    public var description: String { "row data is not a JSON array of values: \(data.prefix(80))" }
}
