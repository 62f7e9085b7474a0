import CRMCore
import GRDB

/// A named customer report (客户类报表): a described query that produces a `ReportTable` within a scope.
///
/// Every report takes the same two parameters (`ReportRequest`): the as-of date, defaulting to the last loaded
/// one, and optionally a conglomerate, which narrows the rows to its members (or, for the roll-ups, to that
/// conglomerate). Daily figures (balances, averages) are read as of that date; limits and loan contracts are the
/// current rows that had started by then.
public struct Report: Sendable {
    /// The stable name used on the command line (`credit-usage`).
    public let name: String
    public let chineseTitle: String
    public let englishTitle: String
    /// One line on what the report lists.
    public let summary: String
    let body: @Sendable (Database, ReportContext) throws -> ReportBody

    /// Runs the report for `request` within `scope`. Throws `dateNotLoaded` for an as-of date that is not loaded,
    /// `nothingLoaded` when no date is, and `unknownConglomerate` for a conglomerate that does not exist.
    public func run(_ db: Database, scope: DataScope, request: ReportRequest = ReportRequest()) throws -> ReportTable {
        guard let asOf = try request.asOf ?? LoadedDates.range(db)?.upperBound else { throw QueryError.nothingLoaded }
        try LoadedDates.require(db, asOf)
        var notes = ["数据日期 \(asOf)"]
        if let id = request.conglomerateID { notes.append("集团 \(id) \(try LoadedDates.conglomerateName(db, id))") }
        if request.from != nil || request.to != nil {
            notes.append("期间 \(request.from?.description ?? "…") ~ \(request.to?.description ?? "…")")
        }
        let result = try body(db, ReportContext(scope: scope, asOf: asOf, conglomerateID: request.conglomerateID,
                                                period: ReportPeriod(from: request.from, to: request.to)))
        return ReportTable(title: "\(chineseTitle) \(englishTitle)", notes: notes + result.notes, columns: result.columns,
                           rows: result.rows)
    }
}

/// The parameters a report is run with.
public struct ReportRequest: Sendable, Equatable {
    /// The as-of date (数据日期); nil means the last loaded date.
    public var asOf: BusinessDate?
    /// Only this conglomerate's members (or, for a roll-up, only this conglomerate).
    public var conglomerateID: String?
    /// The first and last day of the activity counted by the marketing reports (nil: unbounded).
    public var from: BusinessDate?
    public var to: BusinessDate?

    public init(asOf: BusinessDate? = nil, conglomerateID: String? = nil, from: BusinessDate? = nil, to: BusinessDate? = nil) {
        self.asOf = asOf
        self.conglomerateID = conglomerateID
        self.from = from
        self.to = to
    }
}

/// The days a report counts activity over, either end open.
struct ReportPeriod {
    let from: BusinessDate?
    let to: BusinessDate?

    /// An SQL condition on a date or timestamp column (its first ten characters are the day).
    func condition(_ column: String) -> (sql: String, arguments: StatementArguments) {
        var parts = ["1"]
        var arguments: StatementArguments = []
        if let from {
            parts.append("substr(\(column), 1, 10) >= ?")
            arguments += [from.description]
        }
        if let to {
            parts.append("substr(\(column), 1, 10) <= ?")
            arguments += [to.description]
        }
        return (parts.joined(separator: " AND "), arguments)
    }
}

/// The resolved parameters a report's body reads.
struct ReportContext {
    let scope: DataScope
    let asOf: BusinessDate
    let conglomerateID: String?
    let period: ReportPeriod

    /// An SQL condition on a customer id column: the conglomerate's members, or everyone, within the scope.
    func customerCondition(_ column: String) -> (sql: String, arguments: StatementArguments) {
        (conglomerateID.map(CustomerSelection.conglomerate) ?? .everyone).condition(column, within: scope)
    }

    /// An SQL condition on a conglomerate id column: the one asked for, else every active conglomerate
    /// (`alias` names `base_conglomerate`).
    func conglomerateCondition(_ alias: String) -> (sql: String, arguments: StatementArguments) {
        guard let conglomerateID else { return ("\(alias).status = 'ACTIVE'", []) }
        return ("\(alias).group_id = ?", [conglomerateID])
    }
}

/// What a report's body produces; `Report.run` adds the title and the common notes.
struct ReportBody {
    var notes: [String] = []
    let columns: [ReportColumn]
    let rows: [[ReportCell]]
}
