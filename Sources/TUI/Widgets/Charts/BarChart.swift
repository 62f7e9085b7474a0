/// Horizontal bars, one a row: the label (padded by display width, so Chinese labels line up), the bar in eighths
/// of a cell ('#' under plain), then the value text from the caller's formatter. Bars scale from zero to the
/// largest value; a value of zero or below draws no bar but still shows its text.
public struct BarChart: Sendable {
    /// One bar: its label, value and style role.
    public struct Bar: Sendable {
        public var label: String
        public var value: Int64
        public var role: StyleRole

        public init(_ label: String, _ value: Int64, role: StyleRole = .chart1) {
            self.label = label
            self.value = value
            self.role = role
        }
    }

    public var bars: [Bar]
    /// Writes a value for the value column (money, counts ...): the caller's formatting, never TUI's.
    public var format: @Sendable (Int64) -> String

    public init(bars: [Bar], format: @escaping @Sendable (Int64) -> String = { String($0) }) {
        self.bars = bars
        self.format = format
    }

    /// Draws the bars from the rectangle's top; bars beyond its height are not drawn.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        grid.fill(rect)
        let labelWidth = min(bars.map { DisplayWidth.of($0.label) }.max() ?? 0, rect.width / 3)
        let texts = bars.map { format($0.value) }
        let valueWidth = texts.map { DisplayWidth.of($0) }.max() ?? 0
        let barX = rect.x + labelWidth + 1
        let barWidth = rect.maxX - barX - valueWidth - 1
        let high = max(0, bars.map(\.value).max() ?? 0)
        for (row, bar) in bars.prefix(rect.height).enumerated() {
            let y = rect.y + row
            grid.put(DisplayWidth.fit(bar.label, to: labelWidth), x: rect.x, y: y, limit: rect.maxX)
            if barWidth > 0 {
                let eighths = Scale.step(bar.value, low: 0, high: high, steps: barWidth * 8, rounded: true)
                grid.put(BlockBar.text(eighths: eighths, width: barWidth, plain: context.plain), x: barX, y: y,
                         style: Style(bar.role), limit: barX + barWidth)
            }
            grid.put(DisplayWidth.fit(texts[row], to: valueWidth, alignRight: true), x: rect.maxX - valueWidth, y: y,
                     limit: rect.maxX)
        }
    }
}
