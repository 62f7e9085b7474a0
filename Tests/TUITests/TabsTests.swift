import TUI
import XCTest

final class TabsTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    private let titles = ["客户概览", "账户", "交易流水", "理財商品", "Pipeline 商机", "貸出金", "Settings"]

    private func screen(_ tabs: Tabs, size: Size, context: RenderContext = RenderContext()) -> Grid {
        var grid = Grid(size: size)
        let (bar, rest) = grid.bounds.splitTop(1)
        tabs.render(in: bar, on: &grid, context: context)
        Box.draw(rest, title: tabs.titles[tabs.active], on: &grid, context: context)
        return grid
    }

    func testSnapshotAt80x24() {
        var tabs = Tabs(titles: titles)
        XCTAssertEqual(tabs.handle(.character("3")), .handled)
        let grid = screen(tabs, size: TestSizes.small)
        assertScreen(grid, """
             客户概览  账户  交易流水  理財商品  Pipeline 商机  貸出金  Settings
            ┌ 交易流水 ────────────────────────────────────────────────────────────────────┐
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
            """)
        XCTAssertEqual(grid[0, 0].style, Style(.tabInactive))
        XCTAssertEqual(grid[17, 0].style, Style(.tabActive, bold: true), "交易流水 is active")
        XCTAssertEqual(grid[79, 0].style, Style(.tabInactive))
    }

    func testSnapshotAt120x40() {
        let grid = screen(Tabs(titles: titles, active: 6), size: TestSizes.large, context: RenderContext(plain: true))
        assertScreen(grid, """
             客户概览  账户  交易流水  理財商品  Pipeline 商机  貸出金  Settings
            + Settings ------------------------------------------------------------------------------------------------------------+
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            +----------------------------------------------------------------------------------------------------------------------+
            """)
    }

    func testSwitchingWithArrowsBracketsAndNumbers() {
        var tabs = Tabs(titles: titles)
        XCTAssertEqual(tabs.handle(.right), .handled)
        XCTAssertEqual(tabs.handle(.character("]")), .handled)
        XCTAssertEqual(tabs.active, 2)
        XCTAssertEqual(tabs.handle(.character("[")), .handled)
        XCTAssertEqual(tabs.active, 1)
        XCTAssertEqual(tabs.handle(.left), .handled)
        XCTAssertEqual(tabs.handle(.left), .handled)
        XCTAssertEqual(tabs.active, 0, "stops at the first tab")
        XCTAssertEqual(tabs.handle(.character("7")), .handled)
        XCTAssertEqual(tabs.active, 6)
        XCTAssertEqual(tabs.handle(.character("]")), .handled)
        XCTAssertEqual(tabs.active, 6, "stops at the last tab")
        XCTAssertEqual(tabs.handle(.character("8")), .ignored, "there is no 8th tab")
        XCTAssertEqual(tabs.handle(.character("0")), .ignored)
        XCTAssertEqual(tabs.handle(.character("x")), .ignored)
        XCTAssertEqual(tabs.active, 6)
        tabs.titles = ["一", "二"]
        XCTAssertEqual(tabs.active, 1, "fewer titles clamp the active tab")
    }

    func testNarrowRowScrollsToTheActiveTabWithMarkers() {
        var tabs = Tabs(titles: titles)
        var lines: [String] = []
        for index in [0, 3, 6] {
            tabs.select(index)
            var grid = Grid(size: Size(width: 30, height: 1))
            tabs.render(in: grid.bounds, on: &grid, context: RenderContext())
            assertRowsFillWidth(grid)
            lines.append(grid.lines[0])
        }
        XCTAssertEqual(lines, [
            " 客户概览  账户  交易流水  理›",
            "‹ 账户  交易流水  理財商品  P›",
            "‹ 貸出金  Settings            ",
        ])
        var grid = Grid(size: Size(width: 30, height: 1))
        tabs.select(3)
        tabs.render(in: grid.bounds, on: &grid, context: RenderContext(plain: true))
        XCTAssertEqual(grid.lines[0], "< 账户  交易流水  理財商品  P>")
    }

    func testATabWiderThanTheRowIsCut() {
        let tabs = Tabs(titles: ["短", "北京字节跳动科技有限公司华北区域总部"], active: 1)
        var grid = Grid(size: Size(width: 13, height: 1))
        tabs.render(in: grid.bounds, on: &grid, context: RenderContext())
        XCTAssertEqual(grid.lines[0], "‹ 北京字节跳›", "the active tab is cut, and marked as cut")
    }
}
