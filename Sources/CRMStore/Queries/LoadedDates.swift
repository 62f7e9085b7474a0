import CRMCore
import Foundation
import GRDB

/// A question about a business date that the database cannot answer.
public enum QueryError: Error, CustomStringConvertible, Equatable {
    case dateNotLoaded(BusinessDate, loaded: ClosedRange<BusinessDate>?)
    case unknownCustomer(String)
    case badRange(from: BusinessDate, to: BusinessDate)

    public var description: String {
        switch self {
        case .dateNotLoaded(let date, let loaded):
            let range = loaded.map { "loaded dates are \($0.lowerBound) to \($0.upperBound)" } ?? "no date is loaded yet (run crm etl)"
            return "business date \(date) is not loaded: \(range)"
        case .unknownCustomer(let id): return "no customer '\(id)'"
        case .badRange(let from, let to): return "--from \(from) is after --to \(to)"
        }
    }
}

/// The business dates the batch has loaded.
public enum LoadedDates {
    /// The first and last loaded dates, or nil when nothing is loaded.
    public static func range(_ db: Database) throws -> ClosedRange<BusinessDate>? {
        let row = try Row.fetchOne(db, sql: "SELECT MIN(biz_date), MAX(biz_date) FROM if_batch")
        guard let first = (row?[0] as String?).flatMap({ BusinessDate($0) }),
              let last = (row?[1] as String?).flatMap({ BusinessDate($0) }) else { return nil }
        return first...last
    }

    /// The last loaded business date before `day`, nil when none is.
    public static func last(before day: BusinessDate, _ db: Database) throws -> BusinessDate? {
        try String.fetchOne(db, sql: "SELECT MAX(biz_date) FROM sum_period_days WHERE biz_date < ?", arguments: [day.description])
            .flatMap { BusinessDate($0) }
    }

    /// The last loaded date of each of the `count` months up to `date` (its own month included), oldest first.
    public static func monthEnds(through date: BusinessDate, count: Int, _ db: Database) throws -> [BusinessDate] {
        try String.fetchAll(db, sql: """
            SELECT MAX(biz_date) FROM sum_period_days WHERE biz_date <= ? GROUP BY substr(biz_date, 1, 7)
            ORDER BY 1 DESC LIMIT ?
            """, arguments: [date.description, count]).compactMap { BusinessDate($0) }.reversed()
    }

    /// Throws `dateNotLoaded` unless `date` has been loaded.
    public static func require(_ db: Database, _ date: BusinessDate) throws {
        let loaded = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM if_batch WHERE biz_date = ?)",
                                       arguments: [date.description]) ?? false
        if !loaded { throw QueryError.dateNotLoaded(date, loaded: try range(db)) }
    }

    /// The source folders (parents of the date folders) that loaded dates came from.
    public static func sourceFolders(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT source_dir FROM if_batch ORDER BY source_dir")
            .map { ($0 as NSString).deletingLastPathComponent }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Throws `unknownCustomer` unless the customer exists.
    public static func requireCustomer(_ db: Database, _ id: String) throws {
        let known = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM base_customer WHERE customer_id = ?)",
                                      arguments: [id]) ?? false
        if !known { throw QueryError.unknownCustomer(id) }
    }
}
