/// Integer scaling of Int64 values onto a number of steps (cells, eighths, dots), exact for the whole Int64
/// range: offsets are taken as UInt64 and multiplied at double width, so nothing overflows and no Double is used.
public enum Scale {
    /// Where `value` falls between `low` and `high`, as a step from 0 to `steps`, rounded down (or to the nearest
    /// step with `rounded`) and clamped. A flat range (`low == high`) puts every value at 0.
    public static func step(_ value: Int64, low: Int64, high: Int64, steps: Int, rounded: Bool = false) -> Int {
        guard steps > 0, high > low else { return 0 }
        if value <= low { return 0 }
        if value >= high { return steps }
        let range = UInt64(bitPattern: high &- low)
        let offset = UInt64(bitPattern: value &- low)
        var product = UInt64(steps).multipliedFullWidth(by: offset)
        if rounded {
            let (low, carry) = product.low.addingReportingOverflow(range / 2)
            product = (product.high + (carry ? 1 : 0), low)
        }
        return Int(range.dividingFullWidth(product).quotient)
    }

    /// The value halfway between `low` and `high`, rounded down, without overflow.
    public static func midpoint(_ low: Int64, _ high: Int64) -> Int64 {
        low &+ Int64(bitPattern: UInt64(bitPattern: high &- low) / 2)
    }
}
