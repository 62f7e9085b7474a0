/// Reads the calculators' inputs as typed, by field, into exact integers, and writes rates back as text.
///
/// Amounts are yuan with at most 2 decimals (kept as fen); rates and ratios are percent with at most 4 decimals
/// (kept as millionths of one: 3.50% = 35,000); spreads are basis points with at most 2 decimals (kept as
/// millionths: 50 bp = 5,000); days and the day basis are whole numbers. An empty text counts as not given.
public struct PricingText: Sendable {
    /// The text of each field; missing and empty alike mean not given.
    public let texts: [PricingField: String]

    public init(_ texts: [PricingField: String]) {
        self.texts = texts.compactMapValues { text in
            let trimmed = text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
            return trimmed.isEmpty ? nil : String(trimmed)
        }
    }

    /// Whether the field has a value.
    public func given(_ field: PricingField) -> Bool { texts[field] != nil }

    /// A required yuan amount in fen, above zero.
    func positiveYuan(_ field: PricingField) throws(PricingError) -> Int64 {
        let fen = try scaled(field, decimals: 2, maxWholeDigits: 13)
        guard fen > 0 else { throw PricingError(.notAboveZero, field: field) }
        return fen
    }

    /// An optional yuan amount in fen, not negative; nil when not given.
    func optionalYuan(_ field: PricingField) throws(PricingError) -> Int64? {
        guard given(field) else { return nil }
        let fen = try scaled(field, decimals: 2, maxWholeDigits: 13)
        guard fen >= 0 else { throw PricingError(.negative, field: field) }
        return fen
    }

    /// A percentage in millionths, from 0 to `maximumPercent`; `fallback` when not given (nil: required).
    func percent(_ field: PricingField, maximumPercent: Int64 = 100, fallback: Int64? = nil) throws(PricingError) -> Int64 {
        if !given(field), let fallback { return fallback }
        let ppm = try scaled(field, decimals: Scale.ratePercentDecimals, maxWholeDigits: 6)
        guard ppm >= 0 else { throw PricingError(.negative, field: field) }
        guard ppm <= maximumPercent * 10_000 else { throw PricingError(.above(String(maximumPercent)), field: field) }
        return ppm
    }

    /// A spread in basis points as millionths (1 bp = 100), of either sign, at most 10,000 bp either way.
    func spread(_ field: PricingField) throws(PricingError) -> Int64 {
        guard given(field) else { return 0 }
        let ppm = try scaled(field, decimals: 2, maxWholeDigits: 6)
        guard ppm.magnitude <= 1_000_000 else { throw PricingError(.above("±10000"), field: field) }
        return ppm
    }

    /// Days of the term: a whole number from 1 to 36,500.
    func days(_ field: PricingField) throws(PricingError) -> Int64 {
        let days = try scaled(field, decimals: 0, maxWholeDigits: 6)
        guard days > 0 else { throw PricingError(.notAboveZero, field: field) }
        guard days <= 36_500 else { throw PricingError(.above("36500"), field: field) }
        return days
    }

    /// The day basis, 360 or 365; `fallback` when not given.
    func basis(_ field: PricingField, fallback: Int64) throws(PricingError) -> Int64 {
        guard given(field) else { return fallback }
        let basis = try scaled(field, decimals: 0, maxWholeDigits: 3)
        guard basis == 360 || basis == 365 else { throw PricingError(.basis, field: field) }
        return basis
    }

    private func scaled(_ field: PricingField, decimals: Int, maxWholeDigits: Int) throws(PricingError) -> Int64 {
        guard let text = texts[field] else { throw PricingError(.missing, field: field) }
        let bytes = Array(text.utf8)
        let parsed = bytes.withUnsafeBufferPointer { ScaledNumber.parse(bytes: $0, decimals: decimals, maxWholeDigits: maxWholeDigits) }
        switch parsed {
        case .success(let value): return value
        case .failure(.tooManyDecimals(let allowed)): throw PricingError(.tooManyDecimals(allowed: allowed), field: field)
        case .failure(.outOfRange): throw PricingError(.above(String(repeating: "9", count: maxWholeDigits)), field: field)
        case .failure: throw PricingError(.notANumber, field: field)
        }
    }

    /// A rate in millionths as percent text, exact, with trailing zeros dropped down to `minimumDecimals`:
    /// `4.25` and `6.1905` (2), `10.5` and `25` (0).
    public static func percent(ppm: Int64, minimumDecimals: Int = 0) -> String {
        var text = ScaledNumber.text(ppm, decimals: Scale.ratePercentDecimals)
        var decimals = Scale.ratePercentDecimals
        while decimals > minimumDecimals, text.hasSuffix("0") {
            text.removeLast()
            decimals -= 1
        }
        if decimals == 0 { text.removeLast() }
        return text
    }
}
