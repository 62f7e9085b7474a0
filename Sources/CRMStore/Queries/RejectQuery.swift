import CRMCore
import GRDB

/// A row the batch refused, with where it stood and why (`crm etl --rejects`).
public struct RejectedRow: Sendable, Equatable {
    public let file: String
    /// The line on which the record starts; the header is line 1.
    public let line: Int
    public let column: String?
    public let reason: String
    public let record: String
}

public enum RejectQuery {
    public static func rejected(_ db: Database, on date: BusinessDate) throws -> [RejectedRow] {
        try LoadedDates.require(db, date)
        return try Row.fetchAll(db, sql: """
            SELECT file, line, column_name, reason, record FROM if_reject WHERE biz_date = ? ORDER BY file, line, id
            """, arguments: [date.description]).map { row in
            RejectedRow(file: row[0], line: row[1], column: row[2], reason: row[3], record: row[4])
        }
    }
}
