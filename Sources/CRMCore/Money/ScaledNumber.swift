/// Fixed-point parsing for rates, shares and percentages that arrive as decimal text.
///
/// Rates (`3.45` meaning 3.45%) are kept as parts per million of one (3.45% = 34,500 ppm);
/// shares (`51.5` meaning 51.5%) as basis points (5,150). Both are exact integers.
public enum ScaledNumber {
    /// Parses decimal text (`-12.5`, `100`) and scales it by 10^`decimals`; refuses more significant decimals than
    /// that, more than `maxWholeDigits` digits before the point, exponents and separators.
    public static func parse(bytes b: UnsafeBufferPointer<UInt8>, decimals: Int,
                             maxWholeDigits: Int = 12) -> Result<Int64, Money.ParseError> {
        guard !b.isEmpty else { return .failure(.empty) }
        var i = 0
        var negative = false
        if b[0] == 0x2D { negative = true; i = 1 } else if b[0] == 0x2B { i = 1 }
        var value: Int64 = 0
        var wholeDigits = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            guard wholeDigits < maxWholeDigits else { return .failure(.outOfRange) }
            value = value * 10 + Int64(b[i] - 0x30)
            wholeDigits += 1
            i += 1
        }
        var scaled = 0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var fractionDigits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if scaled < decimals {
                    value = value * 10 + Int64(b[i] - 0x30)
                    scaled += 1
                } else if b[i] != 0x30 {
                    return .failure(.tooManyDecimals(allowed: decimals))
                }
                fractionDigits += 1
                i += 1
            }
            guard fractionDigits > 0 else { return .failure(.notANumber) }
        }
        guard i == b.count, wholeDigits + scaled > 0 else { return .failure(.notANumber) }
        for _ in scaled..<decimals { value *= 10 }
        return .success(negative ? -value : value)
    }

    /// Parses decimal text (convenience for tests and the command line).
    public static func parse(_ text: some StringProtocol, decimals: Int) -> Result<Int64, Money.ParseError> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parse(bytes: $0, decimals: decimals) }
    }

    /// Tenths of a percent as text: 305 is `30.5%`.
    public static func percentText(permille: Int64) -> String { text(permille, decimals: 1) + "%" }

    /// Formats a scaled integer back to decimal text with exactly `decimals` places.
    public static func text(_ value: Int64, decimals: Int) -> String {
        var unit: UInt64 = 1
        for _ in 0..<decimals { unit *= 10 }
        let magnitude = value.magnitude
        let fraction = String(magnitude % unit)
        let padded = String(repeating: "0", count: decimals - fraction.count) + fraction
        return (value < 0 ? "-" : "") + "\(magnitude / unit)" + (decimals > 0 ? "." + padded : "")
    }
}

/// Decimal places of each scaled quantity, named once so every reader and writer agrees.
public enum Scale {
    /// Rates in percent are stored with 4 decimals of a percent: 3.45% = 34,500.
    public static let ratePercentDecimals = 4
    /// Shares and holdings in percent are stored with 2 decimals: 51.5% = 5,150 (basis points).
    public static let sharePercentDecimals = 2
}
