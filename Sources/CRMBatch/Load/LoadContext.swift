import CRMCore
import CRMStore
import GRDB

/// What every file loader of one business date shares: the connection inside the day's transaction,
/// the date, the reference cache, and the rejects and warnings it writes.
final class LoadContext {
    let db: Database
    let date: BusinessDate
    let dateText: String
    let references: ReferenceCache
    /// Reversals loaded today: (reversal txn id, reversed txn id).
    var reversals: [(reversal: String, original: String)] = []
    private let rejectStatement: BulkStatement
    private let warningStatement: BulkStatement

    init(db: Database, date: BusinessDate, references: ReferenceCache) throws {
        self.db = db
        self.date = date
        dateText = date.description
        self.references = references
        rejectStatement = try BulkStatement(db, sql: """
            INSERT INTO if_reject(biz_date, file, line, column_name, reason, record) VALUES (?, ?, ?, ?, ?, ?)
            """)
        warningStatement = try BulkStatement(db, sql: "INSERT INTO if_warning(biz_date, file, message) VALUES (?, ?, ?)")
    }

    func reject(file: String, line: Int, _ rejection: RowRejection, record: String) throws {
        try rejectStatement.execute([.text(dateText), .text(file), .int(Int64(line)), .optional(rejection.column),
                                     .text(rejection.reason), .text(record)])
    }

    func warn(file: String, _ message: String) throws {
        try warningStatement.execute([.text(dateText), .text(file), .text(message)])
    }
}

/// A row a loader held back for a check that needs the whole file, refused at the end.
struct DeferredRejection {
    let line: Int
    let rejection: RowRejection
    let record: String
}

/// Loads the rows of one contract file into the base layer.
protocol ExtractLoader {
    init(_ context: LoadContext) throws
    /// Validates and stores the current row, or throws `RowRejection`.
    mutating func load(_ row: RowReader) throws
    /// Finishes checks that need the whole file; returns the rows refused by them.
    mutating func finish() throws -> [DeferredRejection]
}

extension ExtractLoader {
    mutating func finish() throws -> [DeferredRejection] { [] }
}
