import CRMCore
import Foundation
import GRDB

/// The customers of one scope with their search keys and figures, read once and then searched in memory at every
/// keystroke.
///
/// The customers are held largest deposit first, their lower-case keys side by side in one byte array, so a search
/// is one pass over that array with no reference counting: a byte search in a customer's keys rejects most of them,
/// and the rest fall into four buckets by how well they match. Relevance order is the buckets in turn, already by
/// deposit; a column sort orders the matches. SQL would have had to look up every match's balance to order them.
public struct CustomerSearchSnapshot: Sendable {
    /// The keys of each customer, in this order in `keys`.
    private enum Field: Int, CaseIterable {
        case name, pinyin, initials, uscc, id, manager, managers
    }

    /// The customers, largest deposit first.
    let results: [CustomerSearchResult]
    /// Every customer's lower-case UTF-8 keys, field after field, each followed by a NUL byte (typed text holds none).
    let keys: [UInt8]
    /// Where each field starts in `keys`: `Field.allCases.count` per customer, then the end of the array.
    let fieldStarts: [Int]
    /// Each customer's tier as its position in `CustomerTier.allCases` (strategic first).
    let tierOrders: [Int]
    /// Each customer's main manager's org as an index into `orgParents`, or -1.
    let orgs: [Int]
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
        var results: [CustomerSearchResult] = [], keys: [UInt8] = [], fieldStarts: [Int] = [], tierOrders: [Int] = []
        var customerOrgs: [Int] = []
        while let row = try rows.next() {
            let org = (row["main_org"] as String?).flatMap { orgIndex[$0] }
            let branchIndex = org.flatMap(branch)
            let tier = CustomerTier(rawValue: row["tier"]) ?? .potential
            let result = CustomerSearchResult(
                customerID: row["customer_id"], name: row["name"], uscc: row["uscc"], tier: tier, line: row["line"],
                industryCode: row["industry_code"], status: row["status"], mainManager: row["main_manager"],
                branchID: branchIndex.map { orgs[$0]["org_id"] }, branchName: branchIndex.map { orgs[$0]["name"] },
                depositBalance: row["deposit_balance"], loanBalance: row["loan_balance"])
            for key in [result.name, row["pinyin"], row["initials"], result.uscc, result.customerID, result.mainManager ?? "",
                        row["managers"]] as [String] {
                fieldStarts.append(keys.count)
                keys += key.lowercased().utf8
                keys.append(0)
            }
            results.append(result)
            tierOrders.append(CustomerTier.allCases.firstIndex(of: tier)!)
            customerOrgs.append(org ?? -1)
        }
        fieldStarts.append(keys.count)
        return CustomerSearchSnapshot(results: results, keys: keys, fieldStarts: fieldStarts, tierOrders: tierOrders,
                                      orgs: customerOrgs, orgParents: orgParents, orgIndex: orgIndex)
    }

    /// No customers (nothing could be read).
    public static let empty = CustomerSearchSnapshot(results: [], keys: [], fieldStarts: [0], tierOrders: [], orgs: [],
                                                     orgParents: [], orgIndex: [:])

    /// The number of customers in the snapshot.
    public var count: Int { results.count }

    /// The customers matching `text` within the filters, in the given order, at most `limit` of them. See
    /// `CustomerSearchSort.relevance` for what ranks first; an empty text matches every customer.
    public func search(_ text: String, filters: CustomerSearchFilters = .init(), sort: CustomerSearchSort = .relevance,
                       limit: Int) -> [CustomerSearchResult] {
        let key = Array(text.trimmingCharacters(in: .whitespaces).lowercased().utf8)
        // Pinyin is typed with spaces or apostrophes between syllables at times (chang'an); the index has neither.
        let compact = Array(String(decoding: key, as: UTF8.self).filter { !" '’".contains($0) }.utf8)
        let within = filters.orgID.map(subtree)
        let section = filters.industrySection.map { Array($0.utf8) }
        let tierOrder = filters.tier.map { CustomerTier.allCases.firstIndex(of: $0)! }
        var buckets: [[Int]] = Array(repeating: [], count: 4)
        let fieldCount = Field.allCases.count
        keys.withUnsafeBufferPointer { keys in
            fieldStarts.withUnsafeBufferPointer { starts in
                for customer in results.indices {
                    if let tierOrder, tierOrders[customer] != tierOrder { continue }
                    if let line = filters.line, results[customer].line != line { continue }
                    if let status = filters.status, results[customer].status != status { continue }
                    if let section, !results[customer].industryCode.utf8.starts(with: section) { continue }
                    if let within, orgs[customer] < 0 || !within[orgs[customer]] { continue }
                    if let allowed = filters.customerIDs, !allowed.contains(results[customer].customerID) { continue }
                    let fields = UnsafeBufferPointer(rebasing: starts[customer * fieldCount...customer * fieldCount + fieldCount])
                    if let rank = Self.rank(keys, fields, key: key, compact: compact) { buckets[rank].append(customer) }
                }
            }
        }
        var matches = Array(buckets.joined())
        if case .column(let column, let ascending) = sort {
            matches = matches.enumerated().sorted { a, b in
                let order = compare(a.element, b.element, by: column)
                if order == 0 { return a.offset < b.offset }
                return ascending ? order < 0 : order > 0
            }.map(\.element)
        }
        return matches.prefix(limit).map { results[$0] }
    }

    /// 0 exact id or USCC, 1 name prefix, 2 initials or pinyin prefix, 3 any key contains the text; nil: no match.
    /// `fields` are the customer's field starts followed by the next customer's first.
    private static func rank(_ keys: UnsafeBufferPointer<UInt8>, _ fields: UnsafeBufferPointer<Int>, key: [UInt8],
                             compact: [UInt8]) -> Int? {
        if key.isEmpty { return 3 }
        let all = fields[0]..<fields[Field.allCases.count]
        guard contains(keys, all, key) || (compact != key && contains(keys, all, compact)) else { return nil }
        func field(_ field: Field) -> Range<Int> { fields[field.rawValue]..<(fields[field.rawValue + 1] - 1) }
        if equals(keys, field(.id), key) || equals(keys, field(.uscc), key) { return 0 }
        if startsWith(keys, field(.name), key) { return 1 }
        if !compact.isEmpty, startsWith(keys, field(.initials), compact) || startsWith(keys, field(.pinyin), compact) { return 2 }
        return 3
    }

    private static func equals(_ keys: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: [UInt8]) -> Bool {
        range.count == text.count && startsWith(keys, range, text)
    }

    private static func startsWith(_ keys: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: [UInt8]) -> Bool {
        guard range.count >= text.count else { return false }
        for offset in text.indices where keys[range.lowerBound + offset] != text[offset] { return false }
        return true
    }

    /// Whether `needle` occurs in `keys[range]`, byte for byte (UTF-8 never matches inside another character).
    private static func contains(_ keys: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        let count = needle.count, last = range.upperBound - count
        guard count > 0 else { return true }
        return needle.withUnsafeBufferPointer { needle in
            var start = range.lowerBound
            while start <= last {
                if keys[start] == needle[0] {
                    var offset = 1
                    while offset < count, keys[start + offset] == needle[offset] { offset += 1 }
                    if offset == count { return true }
                }
                start += 1
            }
            return false
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

    /// Negative, zero or positive as customer `a` comes before, with or after `b` in ascending order of the column.
    private func compare(_ a: Int, _ b: Int, by column: CustomerSearchColumn) -> Int {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        func bytes(_ field: Field) -> Int {
            let count = Field.allCases.count
            let x = keys[fieldStarts[a * count + field.rawValue]..<fieldStarts[a * count + field.rawValue + 1]]
            let y = keys[fieldStarts[b * count + field.rawValue]..<fieldStarts[b * count + field.rawValue + 1]]
            return x.elementsEqual(y) ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        }
        switch column {
        case .name: return bytes(.pinyin) != 0 ? bytes(.pinyin) : bytes(.name)
        case .customerID: return bytes(.id)
        case .tier: return order(tierOrders[a], tierOrders[b])
        case .line: return order(results[a].line, results[b].line)
        case .mainManager: return bytes(.manager)
        case .deposit: return order(results[a].depositBalance, results[b].depositBalance)
        case .loan: return order(results[a].loanBalance, results[b].loanBalance)
        }
    }
}
