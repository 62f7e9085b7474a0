import CRMCore
import Foundation
import GRDB

/// A question about a business date that the database cannot answer.
public enum QueryError: Error, CustomStringConvertible, Equatable {
    case dateNotLoaded(BusinessDate, loaded: ClosedRange<BusinessDate>?)
    case unknownCustomer(String)
    case unknownConglomerate(String)
    case unknownGroup(String)
    case nothingLoaded
    case badRange(from: BusinessDate, to: BusinessDate)

    public var description: String {
        switch self {
        case .dateNotLoaded(let date, let loaded):
            let range = loaded.map { "loaded dates are \($0.lowerBound) to \($0.upperBound)" } ?? "no date is loaded yet (run crm etl)"
            return "business date \(date) is not loaded: \(range)"
        case .unknownCustomer(let id): return "no customer '\(id)'"
        case .unknownConglomerate(let id): return "no conglomerate '\(id)'"
        case .unknownGroup(let id): return "no customer group '\(id)' of yours"
        case .nothingLoaded: return "no business date is loaded yet (run crm etl)"
        case .badRange(let from, let to): return "--from \(from) is after --to \(to)"
        }
    }
}

/// The business dates the batch has loaded.
public enum LoadedDates {
    /// The first and last loaded dates, or nil when nothing is loaded.
    public static func range(_ db: Database) throws -> ClosedRange<BusinessDate>? {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT MIN(biz_date), MAX(biz_date) FROM if_batch"))
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
        let loaded = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM if_batch WHERE biz_date = ?)"),
                                       arguments: [date.description]) ?? false
        if !loaded { throw QueryError.dateNotLoaded(date, loaded: try range(db)) }
    }

    /// Throws `badRange` when `from` is after `to`, and `dateNotLoaded` for the first day of the range that is
    /// not loaded; returns the number of calendar days in the range.
    @discardableResult
    public static func requireRange(_ db: Database, from: BusinessDate, to: BusinessDate) throws -> Int {
        guard from <= to else { throw QueryError.badRange(from: from, to: to) }
        let loaded = try String.fetchAll(db, sql: "SELECT biz_date FROM if_batch WHERE biz_date BETWEEN ? AND ? ORDER BY 1",
                                         arguments: [from.description, to.description])
        var day = from
        for date in loaded.compactMap({ BusinessDate($0) }) where date == day { day = day.adding(days: 1) }
        if day <= to { throw QueryError.dateNotLoaded(day, loaded: try range(db)) }
        return to.days(since: from) + 1
    }

    /// The source folders (parents of the date folders) that loaded dates came from.
    public static func sourceFolders(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT source_dir FROM if_batch ORDER BY source_dir")
            .map { ($0 as NSString).deletingLastPathComponent }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The conglomerate's name; throws `unknownConglomerate` unless it exists.
    public static func conglomerateName(_ db: Database, _ id: String) throws -> String {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM base_conglomerate WHERE group_id = ?", arguments: [id])
        else { throw QueryError.unknownConglomerate(id) }
        return name
    }

    /// Throws `unknownCustomer` unless the customer exists.
    public static func requireCustomer(_ db: Database, _ id: String) throws {
        let known = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM base_customer WHERE customer_id = ?)",
                                      arguments: [id]) ?? false
        if !known { throw QueryError.unknownCustomer(id) }
    }
}
