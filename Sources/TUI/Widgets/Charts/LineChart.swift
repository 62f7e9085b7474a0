/// A series plotted over x in braille dots (2x4 a cell) joined by lines, or ASCII '*' points under plain. The
/// y-axis on the left is labelled with the maximum, midpoint and minimum through the caller's formatter; the
/// caller's x labels (one a point, e.g. "2025-01") run along the bottom, every k-th one so none overlap.
public struct LineChart: Sendable {
    public var values: [Int64]
    /// Labels for the points, by index; fewer labels than points leaves the rest unlabelled.
    public var xLabels: [String]
    public var format: @Sendable (Int64) -> String
    public var role: StyleRole

    public init(values: [Int64], xLabels: [String] = [], role: StyleRole = .chart1,
                format: @escaping @Sendable (Int64) -> String = { String($0) }) {
        self.values = values
        self.xLabels = xLabels
        self.format = format
        self.role = role
    }

    /// Where the parts go: the y labels' width, the plot cells, and the value range.
    private struct Layout {
        var labelWidth: Int
        var plot: Rect
        var low: Int64
        var high: Int64
    }

    private func layout(in rect: Rect) -> Layout {
        let low = values.min() ?? 0, high = values.max() ?? 0
        let labels = [format(high), format(Scale.midpoint(low, high)), format(low)]
        let labelWidth = labels.map { DisplayWidth.of($0) }.max() ?? 0
        // Label, a space and the axis to the left; the x axis and the x labels below.
        let plot = Rect(x: rect.x + labelWidth + 2, y: rect.y, width: rect.width - labelWidth - 2, height: rect.height - 2)
        return Layout(labelWidth: labelWidth, plot: plot, low: low, high: high)
    }

    /// The column (0 ..< `columns`) of point `index` when the points are spread evenly over `columns` positions.
    private func position(_ index: Int, over columns: Int) -> Int {
        values.count > 1 ? index * (columns - 1) / (values.count - 1) : 0
    }

    /// Draws the axes, labels and plot in the rectangle.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        grid.fill(rect)
        let layout = layout(in: rect)
        let plot = layout.plot
        guard plot.width > 0, plot.height > 0 else { return }
        drawAxes(layout, on: &grid, context: context)
        let rows = context.plain ? asciiRows(layout) : brailleRows(layout)
        for (row, text) in rows.enumerated() {
            grid.put(text, x: plot.x, y: plot.y + row, style: Style(role), limit: plot.maxX)
        }
        drawXLabels(layout, on: &grid)
    }

    private func drawAxes(_ layout: Layout, on grid: inout Grid, context: RenderContext) {
        let plot = layout.plot
        let axisX = plot.x - 1
        let box = context.box
        for y in plot.y..<plot.maxY { grid.put(String(box.vertical), x: axisX, y: y, style: Style(.border)) }
        grid.put(String(box.bottomLeft) + String(repeating: box.horizontal, count: plot.width), x: axisX, y: plot.maxY,
                 style: Style(.border), limit: plot.maxX)
        let marks = [(plot.y, layout.high), (plot.y + (plot.height - 1) / 2, Scale.midpoint(layout.low, layout.high)),
                     (plot.maxY - 1, layout.low)]
        for (y, value) in marks {
            grid.put(DisplayWidth.fit(format(value), to: layout.labelWidth, alignRight: true), x: axisX - 1 - layout.labelWidth,
                     y: y, style: Style(.dim), limit: axisX - 1)
        }
    }

    /// The dot row of a value: 0 at the top (maximum) to `dots - 1` at the bottom (minimum).
    private func dotRow(_ value: Int64, _ layout: Layout, dots: Int) -> Int {
        dots - 1 - Scale.step(value, low: layout.low, high: layout.high, steps: dots - 1, rounded: true)
    }

    private func brailleRows(_ layout: Layout) -> [String] {
        var canvas = BrailleCanvas(width: layout.plot.width, height: layout.plot.height)
        let points = values.indices.map { (x: position($0, over: canvas.dotWidth), y: dotRow(values[$0], layout, dots: canvas.dotHeight)) }
        if points.count == 1 { canvas.set(points[0].x, points[0].y) }
        for (start, end) in zip(points, points.dropFirst()) { canvas.line(from: start, to: end) }
        return canvas.rows
    }

    private func asciiRows(_ layout: Layout) -> [String] {
        var rows = Array(repeating: Array(repeating: Character(" "), count: layout.plot.width), count: layout.plot.height)
        for (index, value) in values.enumerated() {
            rows[dotRow(value, layout, dots: layout.plot.height)][position(index, over: layout.plot.width)] = "*"
        }
        return rows.map { String($0) }
    }

    /// The labels of every k-th point, starting at the first, with the smallest k that leaves a space between them.
    private func drawXLabels(_ layout: Layout, on grid: inout Grid) {
        let plot = layout.plot
        let labelled = min(xLabels.count, values.count)
        guard labelled > 0 else { return }
        // Each label starts at its point's column, moved left when it would run past the plot's right edge.
        let starts = (0..<labelled).map { min(plot.x + position($0, over: plot.width), plot.maxX - DisplayWidth.of(xLabels[$0])) }
        let stride = (1...labelled).first { step in
            let chosen = Swift.stride(from: 0, to: labelled, by: step).map { $0 }
            return zip(chosen, chosen.dropFirst()).allSatisfy { starts[$0] + DisplayWidth.of(xLabels[$0]) < starts[$1] }
        } ?? labelled
        for index in Swift.stride(from: 0, to: labelled, by: stride) {
            grid.put(xLabels[index], x: max(plot.x, starts[index]), y: plot.maxY + 1, style: Style(.dim), limit: plot.maxX)
        }
    }
}
