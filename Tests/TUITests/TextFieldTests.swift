import TUI
import XCTest

final class TextFieldTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    private func type(_ text: String, into field: inout TextField) {
        for character in text { XCTAssertEqual(field.handle(.character(character)), .handled) }
    }

    func testBackspaceRemovesOneChineseCharacter() {
        var field = TextField()
        type("客户", into: &field)
        XCTAssertEqual(field.text, "客户")
        XCTAssertEqual(field.cursor, 2)
        XCTAssertEqual(field.handle(.backspace), .handled)
        XCTAssertEqual(field.text, "客")
        XCTAssertEqual(field.cursor, 1)
    }

    func testCursorStepsOverWideCharactersByDisplayWidth() {
        var field = TextField(text: "a客户b")
        let rect = Rect(x: 5, y: 3, width: 20, height: 1)
        XCTAssertEqual(field.cursorPosition(in: rect), Point(x: 11, y: 3), "a(1) + 客户(4) + b(1) = 6 columns")
        _ = field.handle(.left)
        XCTAssertEqual(field.cursorPosition(in: rect), Point(x: 10, y: 3))
        _ = field.handle(.left)
        XCTAssertEqual(field.cursorPosition(in: rect), Point(x: 8, y: 3), "one step back over 户 is two columns")
        _ = field.handle(.control("a"))
        XCTAssertEqual(field.cursor, 0)
        _ = field.handle(.right)
        _ = field.handle(.right)
        XCTAssertEqual(field.cursorPosition(in: rect), Point(x: 8, y: 3))
        _ = field.handle(.delete)
        XCTAssertEqual(field.text, "a客b")
        _ = field.handle(.control("e"))
        XCTAssertEqual(field.cursor, 3)
        _ = field.handle(.home)
        XCTAssertEqual(field.cursor, 0)
        _ = field.handle(.end)
        XCTAssertEqual(field.cursor, 3)
        _ = field.handle(.right)
        XCTAssertEqual(field.cursor, 3, "the cursor stops at the end")
    }

    func testCombiningMarkAndEmojiSequencesAreOneGrapheme() {
        var field = TextField()
        type("e", into: &field)
        _ = field.handle(.character("\u{301}"))
        XCTAssertEqual(field.characters.count, 1, "a mark typed alone joins the letter before it")
        XCTAssertEqual(field.cursor, 1)
        _ = field.handle(.character("👍🏽"))
        _ = field.handle(.character("👨‍👩‍👧"))
        XCTAssertEqual(field.characters.count, 3)
        _ = field.handle(.left)
        _ = field.handle(.backspace)
        XCTAssertEqual(field.text, "e\u{301}👨‍👩‍👧")
        _ = field.handle(.backspace)
        XCTAssertEqual(field.text, "👨‍👩‍👧")
    }

    func testControlUAndControlKClearToStartAndEnd() {
        var field = TextField(text: "锦程银行股份")
        for _ in 0..<2 { _ = field.handle(.left) }
        _ = field.handle(.control("k"))
        XCTAssertEqual(field.text, "锦程银行")
        _ = field.handle(.left)
        _ = field.handle(.control("u"))
        XCTAssertEqual(field.text, "行")
        XCTAssertEqual(field.cursor, 0)
    }

    func testMaxLengthCountsGraphemesAndRefusesControlCharacters() {
        var field = TextField(maxLength: 3)
        type("客户经", into: &field)
        XCTAssertEqual(field.handle(.character("理")), .ignored)
        XCTAssertEqual(field.handle(.character("\u{7}")), .ignored)
        XCTAssertEqual(field.text, "客户经")
        XCTAssertEqual(field.handle(.enter), .submitted)
        XCTAssertEqual(field.handle(.escape), .cancelled)
        XCTAssertEqual(field.handle(.function(5)), .ignored)
    }

    func testScrollsByDisplayWidthToKeepTheCursorVisible() {
        var field = TextField(text: "客户经理锦程银行股份")  // 20 columns in a 9-column field
        let rect = Rect(x: 2, y: 0, width: 9, height: 1)
        var grid = Grid(size: Size(width: 12, height: 1))
        field.render(in: rect, on: &grid, context: RenderContext())
        XCTAssertEqual(grid.lines, ["  银行股份  "], "the end shows, with room for the cursor after it")
        XCTAssertEqual(field.cursorPosition(in: rect), Point(x: 10, y: 0))
        _ = field.handle(.home)
        field.render(in: rect, on: &grid, context: RenderContext())
        XCTAssertEqual(grid.lines, ["  客户经理  "], "a wide character that would cross the edge becomes a space")
        XCTAssertEqual(field.cursorPosition(in: rect), Point(x: 2, y: 0))
        for _ in 0..<5 { _ = field.handle(.right) }
        field.render(in: rect, on: &grid, context: RenderContext())
        XCTAssertEqual(grid.lines, ["  经理锦程  "], "scrolled just enough for 程 to fit")
        XCTAssertEqual(field.cursorPosition(in: rect), Point(x: 8, y: 0), "the cursor sits on 程 at the right edge")
        assertRowsFillWidth(grid)
    }

    func testPlaceholderAndTextSnapshotsAtBothSizes() {
        let empty = TextField(placeholder: "请输入客户名称")
        let japanese = TextField(text: "東京支店のお客様 Tokyo")
        let mixed = TextField(text: "ABC有限公司 Ltd.")
        for size in [TestSizes.small, TestSizes.large] {
            let grid = screen(size) { grid in
                empty.render(in: Rect(x: 0, y: 0, width: 20, height: 1), on: &grid, context: RenderContext())
                japanese.render(in: Rect(x: 0, y: 1, width: 15, height: 1), on: &grid, context: RenderContext())
                mixed.render(in: Rect(x: size.width - 11, y: 2, width: 11, height: 1), on: &grid, context: RenderContext())
            }
            // 22 columns scrolled by 8 (東京支店) leave the cursor a cell; 16 by 7 (ABC有限) leave 2.
            let pad = String(repeating: " ", count: size.width - 11)
            assertScreen(grid, """
                请输入客户名称
                のお客様 Tokyo
                \(pad)公司 Ltd.
                """)
            XCTAssertEqual(grid[0, 0].style.role, .placeholder)
            XCTAssertEqual(grid[0, 1].style.role, .input)
        }
    }
}
