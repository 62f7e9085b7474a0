import TUI
import XCTest

final class BarChartTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    /// A caller's formatter: fen shown as yuan with thousands separators (the app's, not TUI's).
    private static let yuan: @Sendable (Int64) -> String = { fen in
        let digits = String(abs(fen) / 100)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (fen < 0 ? "-" : "") + grouped
    }

    private let bars = [BarChart.Bar("锦程制造", 120_000_000), BarChart.Bar("ABC Trading", 45_000_000, role: .chart2),
                        BarChart.Bar("東京物産", 60_000_000, role: .chart3), BarChart.Bar("新客户", 0),
                        BarChart.Bar("流出", -3_000_000)]

    func testLargestBarFillsTheWidthAndLabelsAlignByDisplayWidth() {
        let chart = BarChart(bars: bars, format: BarChartTests.yuan)
        let grid = screen(TestSizes.small) { chart.render(in: Rect(x: 0, y: 0, width: 40, height: 5), on: &$0, context: RenderContext()) }
        assertScreen(grid, """
            锦程制造    ██████████████████ 1,200,000
            ABC Trading ██████▊              450,000
            東京物産    █████████            600,000
            新客户                                 0
            流出                             -30,000
            """)
        XCTAssertEqual(grid[12, 1].style.role, .chart2)
    }

    func testPlainUsesHashesAtLargeSize() {
        let chart = BarChart(bars: bars, format: BarChartTests.yuan)
        let grid = screen(TestSizes.large) { chart.render(in: Rect(x: 20, y: 10, width: 100, height: 4), on: &$0, context: RenderContext(plain: true)) }
        assertScreen(grid, """










                                锦程制造    ############################################################################## 1,200,000
                                ABC Trading #############################                                                    450,000
                                東京物産    #######################################                                          600,000
                                新客户                                                                                             0
            """)
        assertASCIIOnly(grid.lines, except: bars.map(\.label))
    }
}
