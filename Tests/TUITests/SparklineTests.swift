import TUI
import XCTest

final class SparklineTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testMinimumAndMaximumTakeTheLowestAndHighestLevels() {
        let line = Sparkline(values: [-500, 0, 250, 1000, Int64.max / 4])
        XCTAssertEqual(line.text(width: 10, plain: false), "▁▁▁▁█")
        XCTAssertEqual(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7]).text(width: 8, plain: false), "▁▂▃▄▅▆▇█")
        XCTAssertEqual(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7]).text(width: 8, plain: true), "_.:-=+*#")
        XCTAssertEqual(Sparkline(values: [5, 5, 5]).text(width: 8, plain: false), "▄▄▄", "a flat series sits mid-height")
        XCTAssertEqual(Sparkline(values: [Int64.min, Int64.max]).text(width: 2, plain: false), "▁█", "no overflow")
        XCTAssertEqual(Sparkline(values: [9, 0, 7, 14]).text(width: 3, plain: false), "▁▅█", "the latest values when too many")
        XCTAssertEqual(Sparkline(values: []).text(width: 3, plain: false), "")
    }

    func testRowsFillTheWidthAtBothSizes() {
        let values: [Int64] = [120, 80, 200, 340, 90, 0, 410, 380, 260]
        for size in [TestSizes.small, TestSizes.large] {
            let grid = screen(size) { grid in
                grid.put("存款余额 日次", x: 0, y: 0)
                Sparkline(values: values).render(in: Rect(x: 14, y: 0, width: 9, height: 1), on: &grid, context: RenderContext())
                grid.put("预金残高", x: 0, y: 1)
                Sparkline(values: values).render(in: Rect(x: 14, y: 1, width: 20, height: 1), on: &grid,
                                                 context: RenderContext(plain: true))
            }
            assertScreen(grid, """
                存款余额 日次 ▃▂▄▇▃▁█▇▅
                预金残高      :.-*:_#*=
                """)
            assertASCIIOnly([grid.lines[1]], except: ["预金残高"])
            XCTAssertEqual(grid[14, 0].style.role, .chart1)
        }
    }
}
