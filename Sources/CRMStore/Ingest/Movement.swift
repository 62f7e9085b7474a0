import CRMCore
import Foundation

/// One account movement as another system sends it, every field as received (any may be missing): the shape of
/// an item of `POST /ingest/movements`.
public struct MovementSubmission: Decodable, Sendable, Equatable {
    public var movementID: String?
    public var accountID: String?
    public var amountFen: Int64?
    public var direction: String?
    public var balanceAfterFen: Int64?
    /// ISO 8601 with a zone, e.g. `2025-03-02T10:15:00+08:00`.
    public var occurredAt: String?
    /// A transaction kind of the extract (`NORMAL` when missing).
    public var kind: String?

    enum CodingKeys: String, CodingKey {
        case movementID = "movement_id", accountID = "account_id", amountFen = "amount_fen", direction
        case balanceAfterFen = "balance_after_fen", occurredAt = "occurred_at", kind
    }

    public init(movementID: String?, accountID: String?, amountFen: Int64?, direction: String?, balanceAfterFen: Int64?,
                occurredAt: String?, kind: String? = nil) {
        self.movementID = movementID
        self.accountID = accountID
        self.amountFen = amountFen
        self.direction = direction
        self.balanceAfterFen = balanceAfterFen
        self.occurredAt = occurredAt
        self.kind = kind
    }
}

/// A checked account movement.
public struct Movement: Sendable, Equatable {
    public let movementID: String
    public let accountNo: String
    /// Fen, positive.
    public let amount: Int64
    /// `C` inflow (来款) or `D` outflow (走款).
    public let direction: String
    /// The account's balance after the movement, fen.
    public let balanceAfter: Int64
    /// Seconds since 1970-01-01T00:00:00Z.
    public let occurredAt: Int64
    public let kind: String
}

/// What is wrong with a movement of a request: its position, the field, and why.
public struct MovementProblem: Error, Equatable, CustomStringConvertible {
    /// 0-based position in `movements`.
    public let index: Int
    public let field: String
    public let reason: String

    public init(index: Int, field: String, reason: String) {
        self.index = index
        self.field = field
        self.reason = reason
    }

    public var description: String { "movements[\(index)].\(field): \(reason)" }
}

extension Movement {
    /// The transaction kinds of the extract (extracts.md); rule A counts the customer-initiated ones.
    public static let kinds: Set = ["NORMAL", "INTEREST", "FEE", "REVERSAL", "LOAN_DRAW", "LOAN_REPAY"]
    /// Kinds a large-movement alert (rule A) is raised for.
    public static let customerInitiatedKinds: Set = ["NORMAL", "LOAN_DRAW", "LOAN_REPAY"]

    /// Checks every field of the submission at `index`; the problem names the first bad field.
    public init(_ item: MovementSubmission, index: Int) throws(MovementProblem) {
        func problem(_ field: String, _ reason: String) -> MovementProblem { MovementProblem(index: index, field: field, reason: reason) }
        guard let id = item.movementID else { throw problem("movement_id", "缺少 (missing)") }
        guard DeviceRegistry.isPrintable(id, maximum: 64) else { throw problem("movement_id", "须为 1 到 64 个可见字符 (1 to 64 printable characters)") }
        guard let account = item.accountID else { throw problem("account_id", "缺少 (missing)") }
        guard DeviceRegistry.isPrintable(account, maximum: 64) else { throw problem("account_id", "须为 1 到 64 个可见字符 (1 to 64 printable characters)") }
        guard let amount = item.amountFen else { throw problem("amount_fen", "缺少 (missing)") }
        guard amount > 0 else { throw problem("amount_fen", "须为正整数（分） (must be a positive number of fen)") }
        guard let direction = item.direction else { throw problem("direction", "缺少 (missing)") }
        guard direction == "C" || direction == "D" else { throw problem("direction", "须为 C（来款）或 D（走款） (must be C or D)") }
        guard let balanceAfter = item.balanceAfterFen else { throw problem("balance_after_fen", "缺少 (missing)") }
        guard let occurredText = item.occurredAt else { throw problem("occurred_at", "缺少 (missing)") }
        guard let occurred = Self.instant(occurredText) else {
            throw problem("occurred_at", "须为带时区的 ISO 8601 时间，如 2025-03-02T10:15:00+08:00 (ISO 8601 with a zone)")
        }
        let kind = item.kind ?? "NORMAL"
        guard Self.kinds.contains(kind) else {
            throw problem("kind", "须为 \(Self.kinds.sorted().joined(separator: "、")) 之一 (unknown kind)")
        }
        self.init(movementID: id, accountNo: account, amount: amount, direction: direction, balanceAfter: balanceAfter,
                  occurredAt: occurred, kind: kind)
    }

    /// `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`, as seconds since the epoch.
    static func instant(_ text: String) -> Int64? {
        let characters = Array(text.utf8)
        guard characters.count == 20 || characters.count == 25, characters[10] == UInt8(ascii: "T"),
              let date = BusinessDate(String(decoding: characters[0..<10], as: UTF8.self)) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard characters[range].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            return Int(String(decoding: characters[range], as: UTF8.self))
        }
        guard characters[13] == UInt8(ascii: ":"), characters[16] == UInt8(ascii: ":"),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              hour < 24, minute < 60, second < 60 else { return nil }
        let local = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        if characters.count == 20 { return characters[19] == UInt8(ascii: "Z") ? local : nil }
        let sign = characters[19]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), characters[22] == UInt8(ascii: ":"),
              let offsetHours = number(20..<22), let offsetMinutes = number(23..<25), offsetHours < 24, offsetMinutes < 60
        else { return nil }
        let offset = Int64(offsetHours * 3600 + offsetMinutes * 60)
        return sign == UInt8(ascii: "+") ? local - offset : local + offset
    }
}
