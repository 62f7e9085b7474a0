import TUI
import XCTest

final class ListViewTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    private let messages = [
        ListItem("授信审批：锦程银行股份有限公司", detail: "11-24 09:30", marker: "●"),
        ListItem("東京海上日動の担当者変更", detail: "11-23", marker: "●"),
        ListItem("Weekly pipeline review 周报", detail: "11-22"),
        ListItem("北京字节跳动科技有限公司华北区域总部年度综合授信额度续期申请已提交风险管理部复核", detail: "1,234.56万"),
        ListItem("ｶﾀｶﾅ商事 mixed 半角", marker: "!"),
    ]

    private func draw(_ list: ListView, size: Size, context: RenderContext = RenderContext()) -> Grid {
        var grid = Grid(size: size)
        let inside = Box.draw(grid.bounds, title: "消息", on: &grid, context: context)
        list.render(in: inside, on: &grid, context: context)
        return grid
    }

    func testSnapshotAt80x24() {
        var list = ListView(items: messages)
        list.select(1)
        let grid = draw(list, size: TestSizes.small)
        assertScreen(grid, """
            ┌ 消息 ────────────────────────────────────────────────────────────────────────┐
            │● 授信审批：锦程银行股份有限公司                                   11-24 09:30│
            │● 東京海上日動の担当者変更                                               11-23│
            │  Weekly pipeline review 周报                                            11-22│
            │  北京字节跳动科技有限公司华北区域总部年度综合授信额度续期申请已提… 1,234.56万│
            │! ｶﾀｶﾅ商事 mixed 半角                                                         │
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
        XCTAssertEqual(grid[1, 1].style, Style(.unread), "an unselected marker has the unread role")
        XCTAssertEqual(grid[1, 2].style, Style(.selected), "the selected row is one style, marker included")
        XCTAssertEqual(grid[78, 2].style, Style(.selected))
    }

    func testSnapshotAt120x40PlainWithoutMarkers() {
        var list = ListView(items: messages, showsMarkers: false)
        list.select(3)
        let plain = draw(list, size: TestSizes.large, context: RenderContext(plain: true, focused: false))
        assertScreen(plain, """
            + 消息 ----------------------------------------------------------------------------------------------------------------+
            |授信审批：锦程银行股份有限公司                                                                             11-24 09:30|
            |東京海上日動の担当者変更                                                                                         11-23|
            |Weekly pipeline review 周报                                                                                      11-22|
            |北京字节跳动科技有限公司华北区域总部年度综合授信额度续期申请已提交风险管理部复核                            1,234.56万|
            |ｶﾀｶﾅ商事 mixed 半角                                                                                                   |
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
        XCTAssertEqual(plain[1, 4].style, Style(.normal, underline: true))
    }

    func testPlainModeDrawsNonASCIIMarkersAsAsterisks() {
        var grid = Grid(size: Size(width: 20, height: 2))
        ListView(items: Array(messages.prefix(2))).render(in: grid.bounds, on: &grid, context: RenderContext(plain: true))
        XCTAssertEqual(grid.lines.map { String($0.prefix(2)) }, ["* ", "* "])
    }

    func testScrollsVirtuallyToTheEndOfALongList() {
        var list = ListView(items: (0..<100_000).map { ListItem("客户\($0)", detail: "\($0 % 7)") })
        var grid = Grid(size: Size(width: 16, height: 3))
        list.layout(in: grid.bounds)
        XCTAssertEqual(list.handle(.end), .handled)
        XCTAssertEqual(list.position, "100000/100000")
        list.render(in: grid.bounds, on: &grid, context: RenderContext())
        assertScreen(grid, """
              客户99997    2
              客户99998    3
              客户99999    4
            """)
        XCTAssertEqual(list.handle(.pageUp), .handled)
        XCTAssertEqual(list.selectedIndex, 99_996)
        list.render(in: grid.bounds, on: &grid, context: RenderContext())
        XCTAssertEqual(grid.lines.first, "  客户99996    1", "the view follows the selection up")
        XCTAssertEqual(list.handle(.character("g")), .handled)
        XCTAssertEqual(list.handle(.character("j")), .handled)
        XCTAssertEqual(list.selectedItem?.title, "客户1")
        XCTAssertEqual(list.handle(.enter), .submitted)
        XCTAssertEqual(list.handle(.character("q")), .ignored)
    }

    func testReplacingItemsClampsTheSelection() {
        var list = ListView(items: messages)
        list.select(4)
        list.items = Array(messages.prefix(2))
        XCTAssertEqual(list.selectedIndex, 1)
        list.items = []
        XCTAssertNil(list.selectedIndex)
        XCTAssertEqual(list.position, "0/0")
        XCTAssertEqual(list.handle(.enter), .ignored)
        var grid = Grid(size: Size(width: 10, height: 2))
        grid.put("旧内容旧内容", x: 0, y: 0)
        list.render(in: grid.bounds, on: &grid, context: RenderContext())
        assertScreen(grid, "\n\n")
    }
}
