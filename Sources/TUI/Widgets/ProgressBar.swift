/// How far a job has gone, as `done` of `total`: a label, a bar in eighths of a cell (`[#####-----]` under plain)
/// and the percentage.
public struct ProgressBar: Sendable {
    public var done: Int64
    public var total: Int64
    public var label: String

    public init(done: Int64, total: Int64, label: String = "") {
        self.done = done
        self.total = total
        self.label = label
    }

    /// The whole percent done, rounded down (100 only when finished) and clamped to 0...100; 0 for no total.
    public var percent: Int { Scale.step(done, low: 0, high: total, steps: 100) }

    /// "45%", right-aligned in four columns.
    public var percentText: String { DisplayWidth.fit(String(percent) + "%", to: 4, alignRight: true) }

    /// Draws "label bar percent" on the rectangle's first row; the bar takes what the label and percent leave.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        grid.fill(row)
        var x = rect.x
        if !label.isEmpty { x = grid.put(label + " ", x: x, y: rect.y, limit: rect.maxX) }
        let percentX = rect.maxX - 4
        let brackets = context.plain ? 2 : 0
        let width = percentX - 1 - x - brackets
        if width > 0 {
            let eighths = Scale.step(done, low: 0, high: total, steps: width * 8)
            let bar = BlockBar.text(eighths: eighths, width: width, plain: context.plain, empty: context.plain ? "-" : " ")
            grid.put(context.plain ? "[" + bar + "]" : bar, x: x, y: rect.y, style: Style(.chart1), limit: percentX - 1)
        }
        grid.put(percentText, x: max(x, percentX), y: rect.y, limit: rect.maxX)
    }
}
