/// Sharing a whole number out in proportion, in whole units that still sum exactly.
public enum Apportion {
    /// Shares of `total` in proportion to `weights` by the largest-remainder method: each gets the whole part of
    /// its exact share, and the units left go one each to the largest remainders, ties to the earlier weight.
    /// All weights zero (or none) share equally. The result always sums to `total`.
    public static func largestRemainder(total: Int64, weights: [Int64]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        precondition(total >= 0 && weights.allSatisfy { $0 >= 0 }, "apportion non-negative amounts")
        let effective = weights.allSatisfy { $0 == 0 } ? weights.map { _ in Int64(1) } : weights
        let sum = effective.reduce(0, +)
        var shares: [Int64] = []
        var remainders: [(remainder: Int64, index: Int)] = []
        for (index, weight) in effective.enumerated() {
            let exact = total.multipliedFullWidth(by: weight)
            let (quotient, remainder) = sum.dividingFullWidth(exact)
            shares.append(quotient)
            remainders.append((remainder, index))
        }
        let left = Int(total - shares.reduce(0, +))
        for entry in remainders.sorted(by: { ($0.remainder, -$0.index) > ($1.remainder, -$1.index) }).prefix(left) {
            shares[entry.index] += 1
        }
        return shares
    }
}
