/// The parameters a calculation takes from the bank's settings unless given: tax, hurdle, capital ratio and day
/// basis (domain.md: 25%, 10%, 10.5%, 360).
public struct PricingDefaults: Sendable, Equatable {
    /// Income tax in millionths (25% = 250,000).
    public var taxPPM: Int64
    /// Hurdle rate of the capital charge in millionths (10% = 100,000).
    public var hurdlePPM: Int64
    /// Capital ratio in millionths (10.5% = 105,000).
    public var capitalRatioPPM: Int64
    /// Days of the year for accruals (360 or 365).
    public var dayBasis: Int64

    public init(taxPPM: Int64, hurdlePPM: Int64, capitalRatioPPM: Int64, dayBasis: Int64) {
        self.taxPPM = taxPPM
        self.hurdlePPM = hurdlePPM
        self.capitalRatioPPM = capitalRatioPPM
        self.dayBasis = dayBasis
    }

    /// domain.md's defaults.
    public static let standard = PricingDefaults(taxPPM: 250_000, hurdlePPM: 100_000, capitalRatioPPM: 105_000, dayBasis: 360)

    /// The text a field starts with on the screen: the default as typed (`25`, `10.5`, `360`), nil for a field
    /// without a default.
    public func text(of field: PricingField) -> String? {
        switch field {
        case .tax: return PricingText.percent(ppm: taxPPM)
        case .hurdle: return PricingText.percent(ppm: hurdlePPM)
        case .capitalRatio: return PricingText.percent(ppm: capitalRatioPPM)
        case .basis: return String(dayBasis)
        default: return nil
        }
    }
}
