/// Numbers as text for tables and status lines, in integer arithmetic only: amounts arrive as fixed-point
/// `Int64` (fen with 2 decimals, say) and no `Double` may blur a cent. Rounding is half up, away from zero
/// for negative values.
public enum NumberFormat {
    /// An integer with thousands separators: 1234567 -> "1,234,567", -1000 -> "-1,000".
    public static func grouped(_ value: Int64, separator: Character = ",") -> String {
        sign(value) + group(value.magnitude, separator: separator)
    }

    /// A fixed-point value with all its decimals and thousands separators:
    /// `decimal(123456789, decimals: 2)` -> "1,234,567.89", `decimal(-5, decimals: 2)` -> "-0.05".
    public static func decimal(_ value: Int64, decimals: Int, separator: Character = ",") -> String {
        precondition((0...maxDecimals).contains(decimals), "decimals must be 0...\(maxDecimals)")
        let scale = power(decimals)
        let magnitude = value.magnitude
        var text = sign(value) + group(magnitude / scale, separator: separator)
        if decimals > 0 { text += "." + digits(magnitude % scale, count: decimals) }
        return text
    }

    /// The Chinese compact form with 2 decimals: below 10,000 as is ("9,999.99"), then 万 ("123.46万") and
    /// 亿 ("123.46亿", or "12,345.68亿" for more). A value that rounds up to the next unit takes that unit.
    public static func compactChinese(_ value: Int64, decimals: Int) -> String {
        compact(value, decimals: decimals, units: [(0, ""), (4, "万"), (8, "亿")])
    }

    /// The English compact form with 2 decimals: below 1,000 as is, then K, M and B ("1.23M").
    public static func compactEnglish(_ value: Int64, decimals: Int) -> String {
        compact(value, decimals: decimals, units: [(0, ""), (3, "K"), (6, "M"), (9, "B")])
    }

    /// Decimals a fixed-point value may have: enough for any currency or rate, small enough that every
    /// power of ten used here fits in `UInt64`.
    public static let maxDecimals = 10

    /// `value` in the first unit (power of ten, suffix) where it rounds, in hundredths, to less than the next
    /// unit; the last unit takes everything larger.
    private static func compact(_ value: Int64, decimals: Int, units: [(exponent: Int, suffix: String)]) -> String {
        precondition((0...maxDecimals).contains(decimals), "decimals must be 0...\(maxDecimals)")
        let magnitude = value.magnitude
        for (index, unit) in units.enumerated() {
            guard let hundredths = hundredths(of: magnitude, decimals: decimals, exponent: unit.exponent) else { continue }
            let isLast = index == units.count - 1
            if !isLast, hundredths >= 100 * power(units[index + 1].exponent - unit.exponent) { continue }
            let text = group(hundredths / 100, separator: ",") + "." + digits(hundredths % 100, count: 2) + unit.suffix
            return (hundredths == 0 ? "" : sign(value)) + text
        }
        preconditionFailure("the last unit always fits")
    }

    /// `magnitude` (with `decimals`) divided by 10^`exponent`, in hundredths rounded half up; nil when it does
    /// not fit in `UInt64` (only possible when scaling up, where a larger unit will fit).
    private static func hundredths(of magnitude: UInt64, decimals: Int, exponent: Int) -> UInt64? {
        let shift = decimals + exponent - 2
        if shift >= 0 {
            let divisor = power(shift)
            return magnitude / divisor + (2 * (magnitude % divisor) >= divisor ? 1 : 0)
        }
        let (scaled, overflow) = magnitude.multipliedReportingOverflow(by: power(-shift))
        return overflow ? nil : scaled
    }

    private static func sign(_ value: Int64) -> String { value < 0 ? "-" : "" }

    private static func power(_ exponent: Int) -> UInt64 {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }

    /// `value` with a separator every three digits from the right.
    private static func group(_ value: UInt64, separator: Character) -> String {
        var result = ""
        for (index, digit) in String(value).reversed().enumerated() {
            if index > 0, index % 3 == 0 { result.append(separator) }
            result.append(digit)
        }
        return String(result.reversed())
    }

    /// `value` written with at least `count` digits, zeros in front.
    private static func digits(_ value: UInt64, count: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}
