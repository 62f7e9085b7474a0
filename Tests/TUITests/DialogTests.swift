import TUI
import XCTest

final class DialogTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testButtonNavigationWrapsAndEnterPressesTheSelectedButton() {
        var dialog = Dialog(title: "保存", message: "客户资料已修改。", buttons: ["保存", "不保存", "取消"])
        XCTAssertEqual(dialog.selected, 0)
        XCTAssertEqual(dialog.handle(.right), .handled)
        XCTAssertEqual(dialog.handle(.tab), .handled)
        XCTAssertEqual(dialog.selected, 2)
        _ = dialog.handle(.tab)
        XCTAssertEqual(dialog.selected, 0, "Tab wraps")
        _ = dialog.handle(.left)
        XCTAssertEqual(dialog.selected, 2, "Left wraps")
        _ = dialog.handle(.backTab)
        XCTAssertEqual(dialog.selected, 1)
        XCTAssertEqual(dialog.handle(.character("x")), .ignored)
        XCTAssertEqual(dialog.handle(.enter), .submitted)
        XCTAssertEqual(dialog.selected, 1)
        XCTAssertEqual(dialog.handle(.escape), .cancelled)
    }

    func testConfirmDrawsCentredOverTheScreenAndClearsItsBox() {
        var dialog = Dialog.confirm(title: "删除客户", message: "确定要删除客户“锦程制造有限公司”吗？删除后该客户的联系人、拜访记录和商机都将一并移入回收站。")
        XCTAssertTrue(dialog.isConfirmed)
        var grid = Grid(size: TestSizes.small)
        for y in 7...15 { grid.put(String(repeating: "背景", count: 20), x: 0, y: y) }
        dialog.render(in: grid.bounds, on: &grid, context: RenderContext())
        XCTAssertEqual(dialog.frame(in: grid.bounds), Rect(x: 10, y: 8, width: 60, height: 7), "60 columns at most, centred")
        assertScreen(grid, """







            背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景
            背景背景背┌ 删除客户 ────────────────────────────────────────────────┐景背景背景
            背景背景背│                                                          │景背景背景
            背景背景背│ 确定要删除客户“锦程制造有限公司”吗？删除后该客户的联系   │景背景背景
            背景背景背│ 人、拜访记录和商机都将一并移入回收站。                   │景背景背景
            背景背景背│                                                          │景背景背景
            背景背景背│                    [ 确定 ]   取消                       │景背景背景
            背景背景背└──────────────────────────────────────────────────────────┘景背景背景
            背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景背景
            """)
        _ = dialog.handle(.right)
        XCTAssertFalse(dialog.isConfirmed)
    }

    func testEnglishWrapsAtSpacesInPlainASCII() {
        let dialog = Dialog(title: "Sync failed", message: "The server at crm.example.cn did not answer within 30 seconds. Your changes are kept in the outbox and will be sent later.\nTry again?",
                            buttons: ["Retry", "Work offline"], selected: 1, maxWidth: 44)
        let grid = screen(TestSizes.large) { dialog.render(in: $0.bounds, on: &$0, context: RenderContext(plain: true)) }
        assertScreen(grid, """















                                                  + Sync failed -----------------------------+
                                                  |                                          |
                                                  | The server at crm.example.cn did not     |
                                                  | answer within 30 seconds. Your changes   |
                                                  | are kept in the outbox and will be sent  |
                                                  | later.                                   |
                                                  | Try again?                               |
                                                  |                                          |
                                                  |          Retry   [ Work offline ]        |
                                                  +------------------------------------------+
            """)
        assertASCIIOnly(grid.lines)
    }

    func testJapaneseAndMixedWidthAtLargeSize() {
        let dialog = Dialog(title: "確認 Confirm", message: "取引先「サンプル商事 Sample Trading」を削除しますか？この操作は取り消せません。",
                            buttons: ["はい", "いいえ", "Cancel"], maxWidth: 40)
        let grid = screen(TestSizes.large) { dialog.render(in: $0.bounds, on: &$0, context: RenderContext()) }
        XCTAssertEqual(dialog.frame(in: grid.bounds).width, 40)
        assertScreen(grid, """
















                                                    ┌ 確認 Confirm ────────────────────────┐
                                                    │                                      │
                                                    │ 取引先「サンプル商事 Sample          │
                                                    │ Trading」を削除しますか？この操作は  │
                                                    │ 取り消せません。                     │
                                                    │                                      │
                                                    │    [ はい ]   いいえ     Cancel      │
                                                    └──────────────────────────────────────┘
            """)
    }

    func testWrapBreaksChineseAnywhereAndEnglishAtSpaces() {
        XCTAssertEqual(TextWrap.lines("对公客户关系管理系统", width: 7), ["对公客", "户关系", "管理系", "统"])
        XCTAssertEqual(TextWrap.lines("alpha beta gamma", width: 10), ["alpha beta", "gamma"])
        XCTAssertEqual(TextWrap.lines("客户ABC Ltd 有限公司", width: 9), ["客户ABC", "Ltd 有限", "公司"])
        XCTAssertEqual(TextWrap.lines("客户。经理、", width: 5), ["客", "户。", "经", "理、"], "closing punctuation never starts a line")
        XCTAssertEqual(TextWrap.lines("abcdefghij", width: 4), ["abcd", "efgh", "ij"], "a word wider than the line is cut")
        XCTAssertEqual(TextWrap.lines("一\n\n二", width: 4), ["一", "", "二"])
    }
}
