import Foundation

/// A seeded pseudo-random source (SplitMix64): the same seed gives the same bank on every machine.
///
/// Swift's system generator is not seedable and `Hasher` is randomised per process, so the generator
/// never uses either, nor iterates a Dictionary or Set.
struct RandomSource {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x2545_F491_4F6C_DD1D }

    /// A stream independent of this one, derived from it and `label` (e.g. a day number).
    func fork(_ label: UInt64) -> RandomSource { RandomSource(seed: state ^ (label &* 0xD1B5_4A32_D192_ED03)) }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<upper.
    mutating func int(_ upper: Int) -> Int {
        precondition(upper > 0)
        return Int(next() % UInt64(upper))
    }

    /// Uniform in the closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(range.count) }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A standard normal deviate (Box-Muller).
    mutating func normal() -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Log-normal around `median` with spread `sigma` (natural log).
    mutating func logNormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    mutating func element<T>(_ items: [T]) -> T { items[int(items.count)] }
}

/// Picks indices with given weights in O(log n) (cumulative sums and binary search).
struct WeightedPicker {
    private let cumulative: [Double]

    init(weights: [Double]) {
        var total = 0.0
        cumulative = weights.map { total += max($0, 0); return total }
    }

    var isEmpty: Bool { cumulative.last ?? 0 <= 0 }

    func pick(_ random: inout RandomSource) -> Int {
        let target = random.unit() * (cumulative.last ?? 0)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
