/// A one-row chart of a series, one cell a value scaled between the series' minimum and maximum: ▁▂▃▄▅▆▇█, or
/// the ASCII ramp `_.:-=+*#` under plain. When the series is wider than the row, its latest values are shown.
public struct Sparkline: Sendable {
    public var values: [Int64]
    public var role: StyleRole

    public init(values: [Int64], role: StyleRole = .chart1) {
        self.values = values
        self.role = role
    }

    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let ascii: [Character] = ["_", ".", ":", "-", "=", "+", "*", "#"]

    /// The sparkline of the last `width` values as text.
    public func text(width: Int, plain: Bool) -> String {
        let shown = values.suffix(max(0, width))
        guard let low = shown.min(), let high = shown.max() else { return "" }
        let ramp = plain ? Sparkline.ascii : Sparkline.blocks
        // A flat series sits in the middle rather than on the floor, so it does not look like zeros.
        return String(shown.map { value in
            ramp[high == low ? ramp.count / 2 - 1 : Scale.step(value, low: low, high: high, steps: ramp.count - 1, rounded: true)]
        })
    }

    /// Draws on the rectangle's first row, padded with spaces to its width.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        guard !rect.isEmpty else { return }
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1))
        grid.put(text(width: rect.width, plain: context.plain), x: rect.x, y: rect.y, style: Style(role), limit: rect.maxX)
    }
}
