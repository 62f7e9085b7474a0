import TUI
import XCTest

final class LineChartTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    private let months = (1...12).map { "2025-" + ($0 < 10 ? "0" : "") + String($0) }
    private let balances: [Int64] = [300, 420, 380, 500, 650, 610, 700, 820, 760, 900, 1000, 940]
    private static let wan: @Sendable (Int64) -> String = { String($0) + "万" }

    func testBrailleWithAxisLabelsAndSpacedMonths() {
        let chart = LineChart(values: balances, xLabels: months, format: LineChartTests.wan)
        let grid = screen(TestSizes.small) { chart.render(in: Rect(x: 0, y: 0, width: 50, height: 8), on: &$0, context: RenderContext()) }
        assertScreen(grid, """
            1000万 │                                 ⢀⡠⠔⠒⠉⠑⠒⠢⠤
                   │                         ⣀⠤⣀⣀ ⢀⡠⠊⠁
             650万 │               ⣀    ⢀⣀⠤⠒⠉    ⠉⠁
                   │           ⢀⡠⠒⠉ ⠉⠉⠒⠊⠁
                   │   ⢀⣀⡀  ⣀⠤⠒⠁
             300万 │⡠⠔⠊⠁ ⠈⠉⠉
                   └──────────────────────────────────────────
                    2025-01    2025-04    2025-07    2025-10
            """)
    }

    func testMinimumAtTheBottomAndMaximumAtTheTopInPlainASCII() {
        let chart = LineChart(values: [5, -5, 0, 10], xLabels: ["一月", "二月", "三月", "四月"], format: LineChartTests.wan)
        let grid = screen(TestSizes.large) { chart.render(in: Rect(x: 10, y: 5, width: 30, height: 7), on: &$0, context: RenderContext(plain: true)) }
        assertScreen(grid, """





                      10万 |                       *
                           |*
                       2万 |
                           |               *
                      -5万 |       *
                           +------------------------
                            一月   二月    三月 四月
            """)
        assertASCIIOnly(grid.lines, except: ["万", "一月", "二月", "三月", "四月"])
    }
}
