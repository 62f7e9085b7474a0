import CRMCore

/// Why one row was refused: the column (nil for the whole row) and a reason a person can act on.
public struct RowRejection: Error, Equatable {
    public let column: String?
    public let reason: String

    public init(column: String?, _ reason: String) {
        self.column = column
        self.reason = reason
    }
}

/// Typed access to the current record of a contract file, by column name, throwing `RowRejection`.
struct RowReader {
    private(set) var csv: CSVReader
    /// Field index of each contract column in this file's header; nil for an absent optional column.
    private let positions: [String: Int]

    init(csv: CSVReader, positions: [String: Int]) {
        self.csv = csv
        self.positions = positions
    }

    mutating func next() throws -> Bool { try csv.next() }

    var line: Int { csv.recordLine }

    /// Calls `body` with the raw bytes of `column`, or nil when the column is absent or the field empty.
    func withBytes<R>(_ column: String, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard let index = positions[column] else { return try body(nil) }
        return try csv.withField(index) { bytes in try body(bytes.isEmpty ? nil : bytes) }
    }

    /// The text of `column`, or nil when empty.
    func text(_ column: String) -> String? {
        withBytes(column) { bytes in bytes.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The text of a required column.
    func required(_ column: String) throws -> String {
        guard let value = text(column) else { throw RowRejection(column: column, "missing value") }
        return value
    }

    /// One of the allowed codes.
    func code(_ column: String, _ allowed: Set<String>) throws -> String {
        let value = try required(column)
        guard allowed.contains(value) else {
            throw RowRejection(column: column, "unknown value '\(value)' (expected \(allowed.sorted().joined(separator: ", ")))")
        }
        return value
    }

    /// A date, or nil when empty.
    func date(_ column: String) throws -> BusinessDate? {
        try withBytes(column) { bytes in
            guard let bytes else { return nil }
            guard let date = BusinessDate(isoBytes: bytes) else {
                throw RowRejection(column: column, "bad date '\(String(decoding: bytes, as: UTF8.self))' (expected YYYY-MM-DD)")
            }
            return date
        }
    }

    func requiredDate(_ column: String) throws -> BusinessDate {
        guard let date = try date(column) else { throw RowRejection(column: column, "missing value") }
        return date
    }

    /// An amount in yuan as fen, or nil when empty.
    func money(_ column: String) throws -> Int64? {
        try withBytes(column) { bytes in
            guard let bytes else { return nil }
            switch Money.parseYuan(bytes: bytes) {
            case .success(let fen): return fen
            case .failure(let error):
                throw RowRejection(column: column, "bad amount '\(String(decoding: bytes, as: UTF8.self))': \(error)")
            }
        }
    }

    func requiredMoney(_ column: String) throws -> Int64 {
        guard let value = try money(column) else { throw RowRejection(column: column, "missing value") }
        return value
    }

    /// A fixed-point number (rates, shares), or nil when empty.
    func scaled(_ column: String, decimals: Int) throws -> Int64? {
        try withBytes(column) { bytes in
            guard let bytes else { return nil }
            switch ScaledNumber.parse(bytes: bytes, decimals: decimals) {
            case .success(let value): return value
            case .failure(let error):
                throw RowRejection(column: column, "bad number '\(String(decoding: bytes, as: UTF8.self))': \(error)")
            }
        }
    }

    /// A whole number, or nil when empty.
    func integer(_ column: String) throws -> Int64? {
        guard let text = text(column) else { return nil }
        guard let value = Int64(text) else { throw RowRejection(column: column, "bad integer '\(text)'") }
        return value
    }

    /// A unified social credit code with a correct check character.
    func uscc(_ column: String, required isRequired: Bool = true) throws -> String? {
        guard let value = text(column) else {
            if isRequired { throw RowRejection(column: column, "missing value") }
            return nil
        }
        guard USCC.isValid(value) else { throw RowRejection(column: column, "broken USCC '\(value)' (length, characters or check character)") }
        return value
    }
}

/// The code sets of the contract, named once.
enum Codes {
    static let orgLevels: Set = ["HQ", "BRANCH", "SUBBRANCH", "TEAM"]
    static let activeClosed: Set = ["ACTIVE", "CLOSED"]
    static let positions: Set = ["RM", "TEAM_LEAD", "BRANCH_HEAD", "HQ_ANALYST", "ADMIN"]
    static let staffStatus: Set = ["ACTIVE", "LEFT"]
    static let lines: Set = ["LARGE_MID", "SMALL_MICRO", "INTERBANK", "TRADE_FINANCE"]
    static let managerRoles: Set = ["MAIN", "ASSIST"]
    static let categories = Set(ProductCategory.allCases.map(\.rawValue))
    static let yesNo: Set = ["Y", "N"]
    static let accountKinds: Set = ["DEPOSIT", "LOAN", "OFF_BALANCE", "WEALTH"]
    static let currencies: Set = ["CNY"]
    static let accountStatus: Set = ["ACTIVE", "DORMANT", "CLOSED"]
    static let directions: Set = ["C", "D"]
    static let channels: Set = ["COUNTER", "EBANK", "API", "BATCH"]
    static let transactionKinds: Set = ["NORMAL", "INTEREST", "FEE", "REVERSAL", "LOAN_DRAW", "LOAN_REPAY"]
    static let classifications: Set = ["NORMAL", "SPECIAL_MENTION", "SUBSTANDARD", "DOUBTFUL", "LOSS"]
    static let guaranteeTypes: Set = ["CREDIT", "GUARANTEE", "COLLATERAL", "PLEDGE"]
    static let loanStatus: Set = ["ACTIVE", "SETTLED"]
    static let limitStatus: Set = ["ACTIVE", "EXPIRED"]
    static let memberRelations: Set = ["PARENT", "SUBSIDIARY", "AFFILIATE"]
    static let registrationStatus: Set = ["存续", "在业", "吊销", "注销"]
    static let externalRelations: Set = ["INVESTS", "GUARANTEES", "SAME_CONTROLLER", "SUPPLIES"]
    static let eventKinds: Set = ["LAWSUIT", "PENALTY", "EXECUTIVE_CHANGE", "NEWS_POSITIVE", "NEWS_NEGATIVE", "TAX_RATING"]
}
