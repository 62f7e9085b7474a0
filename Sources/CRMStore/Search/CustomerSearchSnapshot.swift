import CRMCore
import Foundation
import GRDB

/// The customers of one scope with their search keys and figures, read once and then searched in memory at every
/// keystroke.
///
/// A search is one pass over the customers, which are held largest deposit first: a byte search in one
/// lower-case string of all a customer's keys rejects most of them, and the rest fall into four buckets by how well
/// they match. Relevance order is then the buckets in turn, already by deposit; a column sort orders the matches.
/// On 50,000 customers a keystroke costs a few milliseconds, where SQL had to look every match's balance up.
public struct CustomerSearchSnapshot: Sendable {
    struct Entry: Sendable {
        let result: CustomerSearchResult
        /// Lower-case UTF-8 keys.
        let name: [UInt8], pinyin: [UInt8], initials: [UInt8], uscc: [UInt8], id: [UInt8], manager: [UInt8]
        /// All the keys and the managers' names, separated by NUL bytes, which typed text never holds.
        let haystack: [UInt8]
        /// The main manager's org as an index into `orgParents`, or nil.
        let org: Int?
        let tierOrder: Int
    }

    let entries: [Entry]
    /// Each org's parent, by org index.
    let orgParents: [Int?]
    let orgIndex: [String: Int]

    /// The customers in `scope`, with balances of the latest loaded date.
    public static func load(_ db: Database, scope: DataScope) throws -> CustomerSearchSnapshot {
        let orgs = try Row.fetchAll(db, sql: "SELECT org_id, parent_id, level, name FROM base_org ORDER BY org_id")
        var orgIndex: [String: Int] = [:]
        for (index, org) in orgs.enumerated() { orgIndex[org["org_id"]] = index }
        let orgParents = orgs.map { ($0["parent_id"] as String?).flatMap { orgIndex[$0] } }
        /// The branch above (or at) each org.
        var branchOf: [Int: Int?] = [:]
        func branch(_ org: Int) -> Int? {
            if let known = branchOf[org] { return known }
            let found = (orgs[org]["level"] as String) == "BRANCH" ? org : orgParents[org].flatMap(branch)
            branchOf[org] = found
            return found
        }

        let latest = try String.fetchOne(db, sql: "SELECT MAX(biz_date) FROM if_batch")
        let condition = scope.customerCondition("x.customer_id")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT x.customer_id, x.name, x.pinyin, x.initials, x.uscc, x.managers, c.line, c.industry_code, c.status,
              COALESCE(t.tier, 'POTENTIAL') AS tier, ms.name AS main_manager, ms.org_id AS main_org,
              COALESCE(i.deposit_balance, 0) AS deposit_balance, COALESCE(i.loan_balance, 0) AS loan_balance
            FROM app_customer_search x
            JOIN base_customer c ON c.customer_id = x.customer_id
            LEFT JOIN app_customer_status t ON t.customer_id = x.customer_id
            LEFT JOIN ind_customer_day i ON i.biz_date = ? AND i.customer_id = x.customer_id
            LEFT JOIN base_staff ms ON ms.staff_id = (
              SELECT m.staff_id FROM base_customer_manager m WHERE m.customer_id = x.customer_id AND m.role = 'MAIN'
              ORDER BY m.share_bp DESC, m.staff_id LIMIT 1)
            WHERE \(condition.sql)
            ORDER BY deposit_balance DESC, x.customer_id
            """, arguments: [latest] + condition.arguments)
        var entries: [Entry] = []
        while let row = try rows.next() {
            let org = (row["main_org"] as String?).flatMap { orgIndex[$0] }
            let branchIndex = org.flatMap(branch)
            let tier = CustomerTier(rawValue: row["tier"]) ?? .potential
            let result = CustomerSearchResult(
                customerID: row["customer_id"], name: row["name"], uscc: row["uscc"], tier: tier, line: row["line"],
                industryCode: row["industry_code"], status: row["status"], mainManager: row["main_manager"],
                branchID: branchIndex.map { orgs[$0]["org_id"] }, branchName: branchIndex.map { orgs[$0]["name"] },
                depositBalance: row["deposit_balance"], loanBalance: row["loan_balance"])
            let keys = [result.name, row["pinyin"], row["initials"], result.uscc, result.customerID, result.mainManager ?? "",
                        row["managers"]].map { Array(($0 as String).lowercased().utf8) }
            entries.append(Entry(result: result, name: keys[0], pinyin: keys[1], initials: keys[2], uscc: keys[3], id: keys[4],
                                 manager: keys[5], haystack: Array(keys.joined(separator: [0])), org: org,
                                 tierOrder: CustomerTier.allCases.firstIndex(of: tier)!))
        }
        return CustomerSearchSnapshot(entries: entries, orgParents: orgParents, orgIndex: orgIndex)
    }

    /// No customers (nothing could be read).
    public static let empty = CustomerSearchSnapshot(entries: [], orgParents: [], orgIndex: [:])

    /// The number of customers in the snapshot.
    public var count: Int { entries.count }

    /// The customers matching `text` within the filters, in the given order, at most `limit` of them. See
    /// `CustomerSearchSort.relevance` for what ranks first; an empty text matches every customer.
    public func search(_ text: String, filters: CustomerSearchFilters = .init(), sort: CustomerSearchSort = .relevance,
                       limit: Int) -> [CustomerSearchResult] {
        let key = Array(text.trimmingCharacters(in: .whitespaces).lowercased().utf8)
        // Pinyin is typed with spaces or apostrophes between syllables at times (chang'an); the index has neither.
        let compact = Array(String(decoding: key, as: UTF8.self).filter { !" '’".contains($0) }.utf8)
        let within = filters.orgID.map(subtree)
        let section = filters.industrySection.map { Array($0.utf8) }
        var buckets: [[Int]] = Array(repeating: [], count: 4)
        for index in entries.indices {
            let entry = entries[index]
            let result = entry.result
            if let tier = filters.tier, result.tier != tier { continue }
            if let line = filters.line, result.line != line { continue }
            if let status = filters.status, result.status != status { continue }
            if let section, !result.industryCode.utf8.starts(with: section) { continue }
            if let within, !(entry.org.map { within[$0] } ?? false) { continue }
            if let rank = Self.rank(entry, key: key, compact: compact) { buckets[rank].append(index) }
        }
        var matches = buckets.joined().map { $0 }
        if case .column(let column, let ascending) = sort {
            matches = matches.enumerated().sorted { a, b in
                let order = compare(entries[a.element], entries[b.element], by: column)
                if order == 0 { return a.offset < b.offset }
                return ascending ? order < 0 : order > 0
            }.map(\.element)
        }
        return matches.prefix(limit).map { entries[$0].result }
    }

    /// 0 exact id or USCC, 1 name prefix, 2 initials or pinyin prefix, 3 any key contains the text; nil: no match.
    private static func rank(_ entry: Entry, key: [UInt8], compact: [UInt8]) -> Int? {
        if key.isEmpty { return 3 }
        guard contains(entry.haystack, key) || (compact != key && contains(entry.haystack, compact)) else { return nil }
        if entry.id == key || entry.uscc == key { return 0 }
        if entry.name.starts(with: key) { return 1 }
        if !compact.isEmpty, entry.initials.starts(with: compact) || entry.pinyin.starts(with: compact) { return 2 }
        return 3
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (UTF-8 never matches inside another character).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let count = needle.count, last = haystack.count - needle.count
        guard count > 0 else { return true }
        guard last >= 0 else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var start = 0
                while start <= last {
                    if hay[start] == pin[0] {
                        var offset = 1
                        while offset < count, hay[start + offset] == pin[offset] { offset += 1 }
                        if offset == count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// Which orgs are `orgID` or below it, by org index.
    private func subtree(_ orgID: String) -> [Bool] {
        var inside = [Bool](repeating: false, count: orgParents.count)
        guard let root = orgIndex[orgID] else { return inside }
        for org in orgParents.indices {
            var node: Int? = org
            while let current = node, current != root { node = orgParents[current] }
            inside[org] = node == root
        }
        return inside
    }

    /// Negative, zero or positive as `a` comes before, with or after `b` in ascending order of the column.
    private func compare(_ a: Entry, _ b: Entry, by column: CustomerSearchColumn) -> Int {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        func bytes(_ x: [UInt8], _ y: [UInt8]) -> Int { x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1) }
        switch column {
        case .name: return bytes(a.pinyin, b.pinyin) != 0 ? bytes(a.pinyin, b.pinyin) : bytes(a.name, b.name)
        case .customerID: return bytes(a.id, b.id)
        case .tier: return order(a.tierOrder, b.tierOrder)
        case .line: return order(a.result.line, b.result.line)
        case .mainManager: return bytes(a.manager, b.manager)
        case .deposit: return order(a.result.depositBalance, b.result.depositBalance)
        case .loan: return order(a.result.loanBalance, b.result.loanBalance)
        }
    }
}
