import TUI
import XCTest

final class ProgressBarTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testPercentRoundsDownAndClamps() {
        XCTAssertEqual(ProgressBar(done: 999, total: 1000).percent, 99, "100% only when finished")
        XCTAssertEqual(ProgressBar(done: 1000, total: 1000).percent, 100)
        XCTAssertEqual(ProgressBar(done: 1500, total: 1000).percent, 100)
        XCTAssertEqual(ProgressBar(done: -3, total: 1000).percent, 0)
        XCTAssertEqual(ProgressBar(done: 5, total: 0).percent, 0)
        XCTAssertEqual(ProgressBar(done: Int64.max / 2, total: Int64.max).percent, 49, "no overflow near Int64.max")
        XCTAssertEqual(ProgressBar(done: 7, total: 20).percentText, " 35%")
    }

    func testBlocksWithEighthsAndPlainASCII() {
        // 7/20 of 16 cells is 5.6 cells: 5 full and a half (▌, 44 eighths rounded down); 13/80 of 18 is 2.9 (▉).
        let rows = [ProgressBar(done: 7, total: 20, label: "导入客户"), ProgressBar(done: 13, total: 80, label: "取引先"),
                    ProgressBar(done: 1, total: 1, label: "done")]
        let grid = screen(Size(width: 30, height: 6)) { grid in
            for (index, bar) in rows.enumerated() {
                bar.render(in: Rect(x: 0, y: index, width: 30, height: 1), on: &grid, context: RenderContext())
                bar.render(in: Rect(x: 0, y: index + 3, width: 30, height: 1), on: &grid, context: RenderContext(plain: true))
            }
        }
        assertScreen(grid, """
            导入客户 █████▌            35%
            取引先 ██▉                 16%
            done ████████████████████ 100%
            导入客户 [#####---------]  35%
            取引先 [###-------------]  16%
            done [##################] 100%
            """)
        assertASCIIOnly(Array(grid.lines[3...]), except: ["导入客户", "取引先"])
    }
}
