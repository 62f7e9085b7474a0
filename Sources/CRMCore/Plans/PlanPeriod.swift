/// The period of a business plan (经营计划): a calendar month (`2025-03`), quarter (`2025-Q1`) or year (`2025`).
public struct PlanPeriod: Hashable, Sendable, CustomStringConvertible {
    public let kind: Period
    /// The first calendar day of the period.
    public let start: BusinessDate

    /// The period of `kind` that holds `date`.
    public init(_ kind: Period, containing date: BusinessDate) {
        self.kind = kind
        start = date.start(of: kind)
    }

    /// Reads `2025`, `2025-Q1` or `2025-03`; nil for anything else.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, first.allSatisfy(\.isASCII), let year = Int(first), year >= 1900 else { return nil }
        switch parts.count {
        case 1:
            self.init(.year, containing: BusinessDate(year: year, month: 1, day: 1)!)
        case 2 where parts[1].count == 2 && parts[1].first == "Q":
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            self.init(.quarter, containing: BusinessDate(year: year, month: quarter * 3 - 2, day: 1)!)
        case 2 where parts[1].count == 2 && parts[1].allSatisfy(\.isASCII):
            guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.init(.month, containing: BusinessDate(year: year, month: month, day: 1)!)
        default:
            return nil
        }
    }

    /// The last calendar day of the period.
    public var end: BusinessDate {
        switch kind {
        case .month: return start.endOfMonth
        case .quarter: return BusinessDate(year: start.year, month: start.month + 2, day: 1)!.endOfMonth
        case .year: return BusinessDate(year: start.year, month: 12, day: 31)!
        }
    }

    /// Calendar days in the period, weekends and holidays included.
    public var days: Int { end.days(since: start) + 1 }

    /// Whether `date` falls within the period.
    public func contains(_ date: BusinessDate) -> Bool { start <= date && date <= end }

    /// The same period a year earlier (last year's actual, 去年同期).
    public var yearEarlier: PlanPeriod {
        PlanPeriod(kind, containing: BusinessDate(year: start.year - 1, month: start.month, day: 1)!)
    }

    /// `2025`, `2025-Q1` or `2025-03`.
    public var description: String {
        switch kind {
        case .year: return String(start.year)
        case .quarter: return "\(start.year)-Q\((start.month + 2) / 3)"
        case .month: return start.monthKey
        }
    }
}
