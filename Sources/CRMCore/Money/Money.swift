/// Money as integer fen (1 yuan = 100 fen). The only representation of an amount in the CRM:
/// storage, rules and the batch all use it; text appears only at the edges.
public enum Money {
    /// Why an amount text was refused.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty, notANumber, outOfRange
        /// More decimals than the quantity keeps (2 for yuan, 4 for rates in percent).
        case tooManyDecimals(allowed: Int)
        public var description: String {
            switch self {
            case .empty: return "empty"
            case .notANumber: return "not a number"
            case .tooManyDecimals(let allowed): return "more than \(allowed) decimals"
            case .outOfRange: return "out of range"
            }
        }
    }

    /// Parses a yuan amount (`-1234.5`, `0.07`, `100`) into fen. At most 2 decimals; no exponent, no separators.
    public static func parseYuan(_ text: some StringProtocol) -> Result<Int64, ParseError> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parseYuan(bytes: $0) }
    }

    /// Parses a yuan amount from raw bytes (the CSV reader's fields): up to 15 digits before the point.
    public static func parseYuan(bytes b: UnsafeBufferPointer<UInt8>) -> Result<Int64, ParseError> {
        ScaledNumber.parse(bytes: b, decimals: 2, maxWholeDigits: 15)
    }

    /// `-1234567.80`: yuan with exactly two decimals, no separators (CSV and JSON).
    public static func yuanText(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        let whole = magnitude / 100
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + "\(whole)." + (cents < 10 ? "0\(cents)" : "\(cents)")
    }

    /// `-1,234,567.80`: yuan with thousands separators, for tables.
    public static func groupedYuanText(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + groupThousands(magnitude / 100) + "." + (cents < 10 ? "0\(cents)" : "\(cents)")
    }

    /// The Chinese short form of domain.md: `1.90亿`, `190.32万`, or plain yuan below 10,000.
    public static func chineseShortText(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        let sign = fen < 0 ? "-" : ""
        let yi: UInt64 = 100_000_000 * 100
        let wan: UInt64 = 10_000 * 100
        if magnitude >= yi { return sign + twoDecimals(magnitude, unit: yi) + "亿" }
        if magnitude >= wan { return sign + twoDecimals(magnitude, unit: wan) + "万" }
        return groupedYuanText(fen)
    }

    /// `12,345,678`.
    public static func groupThousands(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out: [Character] = []
        out.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return String(out)
    }

    /// `value / unit` rounded half up to two decimals, as text.
    private static func twoDecimals(_ value: UInt64, unit: UInt64) -> String {
        let hundredths = (value * 100 + unit / 2) / unit
        let cents = hundredths % 100
        return groupThousands(hundredths / 100) + "." + (cents < 10 ? "0\(cents)" : "\(cents)")
    }

    /// `numerator / denominator` rounded half away from zero; the one rounding rule for averages and shares.
    public static func divideRounded(_ numerator: Int64, by denominator: Int64) -> Int64 {
        precondition(denominator > 0)
        let q = numerator / denominator
        let r = numerator % denominator
        if r.magnitude * 2 >= denominator.magnitude { return numerator < 0 ? q - 1 : q + 1 }
        return q
    }
}
