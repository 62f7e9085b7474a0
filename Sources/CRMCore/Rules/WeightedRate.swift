/// Amount-weighted average loan rate and LPR spread (加权平均利率), in exact integers.
///
/// Each average weighs by the contract amounts of the loans that have the figure: a loan without a rate
/// adds to the total amount but not to the rate's weights. Sums are Int64: fen x ppm stays in range up to
/// about 1.8 trillion yuan of loans at 5%.
public struct WeightedRate: Sendable, Equatable {
    /// The contract amounts added, in fen.
    public private(set) var amount: Int64 = 0
    /// The loans added.
    public private(set) var count: Int64 = 0
    private var rateWeight: Int64 = 0
    private var rateSum: Int64 = 0
    private var spreadWeight: Int64 = 0
    private var spreadSum: Int64 = 0

    public init() {}

    /// Adds one loan: its amount in fen, its rate in millionths and its spread over LPR in basis points.
    public mutating func add(amount: Int64, ratePPM: Int64?, spreadBP: Int64?) {
        self.amount += amount
        count += 1
        if let ratePPM { rateWeight += amount; rateSum += amount * ratePPM }
        if let spreadBP { spreadWeight += amount; spreadSum += amount * spreadBP }
    }

    /// Adds the loans of another average (a member's into its conglomerate's).
    public mutating func add(_ other: WeightedRate) {
        amount += other.amount
        count += other.count
        rateWeight += other.rateWeight
        rateSum += other.rateSum
        spreadWeight += other.spreadWeight
        spreadSum += other.spreadSum
    }

    /// The weighted rate in millionths, rounded half away from zero; nil when no loan with a rate has an amount.
    public var ratePPM: Int64? { rateWeight > 0 ? Money.divideRounded(rateSum, by: rateWeight) : nil }

    /// The weighted spread in basis points, rounded half away from zero; nil when no loan with a spread has an amount.
    public var spreadBP: Int64? { spreadWeight > 0 ? Money.divideRounded(spreadSum, by: spreadWeight) : nil }
}
