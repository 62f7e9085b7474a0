import TUI
import XCTest

final class GridTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testWidthsComeFromWcwidth() {
        XCTAssertEqual(DisplayWidth.of("客户经理"), 8)
        XCTAssertEqual(DisplayWidth.of("カタカナ"), 8)
        XCTAssertEqual(DisplayWidth.of("ｶﾀｶﾅ"), 4, "half-width katakana are narrow")
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "a combining mark rides on its base")
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
    }

    func testTruncateAndFitByDisplayWidth() {
        XCTAssertEqual(DisplayWidth.truncate("锦程银行股份有限公司", to: 9), "锦程银行…")
        XCTAssertEqual(DisplayWidth.fit("锦程", to: 6), "锦程  ")
        XCTAssertEqual(DisplayWidth.fit("12", to: 4, alignRight: true), "  12")
        XCTAssertEqual(DisplayWidth.fit("中文字", to: 5, ellipsis: false), "中文 ")
    }

    func testWideCharacterCrossingTheLimitBecomesASpace() {
        var grid = Grid(size: Size(width: 6, height: 1))
        let end = grid.put("ab客户", x: 0, y: 0, limit: 5)
        XCTAssertEqual(end, 5)
        XCTAssertEqual(grid.lines, ["ab客  "])
        assertRowsFillWidth(grid)
    }

    func testOverwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(size: Size(width: 6, height: 2))
        grid.put("客户经", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)
        XCTAssertEqual(grid.lines[0], " x户经")
        grid.put("日本語", x: 0, y: 1)
        grid.put("y", x: 2, y: 1)
        XCTAssertEqual(grid.lines[1], "日y 語")
        assertRowsFillWidth(grid)
    }

    func testControlCharactersAreShownAsReplacements() {
        var grid = Grid(size: Size(width: 4, height: 1))
        grid.put("a\tb", x: 0, y: 0)
        XCTAssertEqual(grid.lines, ["a\u{FFFD}b "])
    }

    func testDiffDrawsOnlyChangedCellsAndWholeWideGraphemes() {
        var old = Grid(size: Size(width: 10, height: 2))
        old.put("客户 abc", x: 0, y: 0)
        var new = old
        new.put("z", x: 6, y: 0)
        new.put("户", x: 2, y: 1)
        let runs = FrameDiff.runs(from: old, to: new)
        XCTAssertEqual(runs.map(\.y), [0, 1])
        XCTAssertEqual(runs[0].x, 6)
        XCTAssertEqual(runs[0].cells.map(\.text), ["z"])
        XCTAssertEqual(runs[1].x, 2)
        XCTAssertEqual(runs[1].cells.map(\.text), ["户", ""])
        XCTAssertEqual(FrameDiff.drawnCells(runs), 2)
    }

    func testRendererWritesNoMoreThanTheChangedCells() {
        let backend = HeadlessBackend(size: TestSizes.small)
        let renderer = Renderer(backend: backend)
        var grid = Grid(size: TestSizes.small)
        grid.put("对公客户关系管理系统", x: 0, y: 0)
        renderer.present(grid)
        XCTAssertEqual(backend.cellsWrittenLastFrame, 80 * 24 - 10)
        grid.put("锦程银行", x: 10, y: 5)
        renderer.present(grid)
        XCTAssertEqual(renderer.lastChangedCells, 4)
        XCTAssertEqual(backend.cellsWrittenLastFrame, 4)
        renderer.present(grid)
        XCTAssertEqual(backend.cellsWrittenLastFrame, 0)
        XCTAssertEqual(backend.screen, grid)
    }

    func testSplitTilesTheWhole() {
        let parts = Split.columns(Rect(x: 0, y: 0, width: 80, height: 1), [.fixed(20), .flex(1), .flex(2)])
        XCTAssertEqual(parts.map(\.width), [20, 20, 40])
        XCTAssertEqual(Split.rows(Rect(x: 0, y: 0, width: 1, height: 7), [.flex(1), .flex(1)]).map(\.height), [4, 3])
    }

    func testThemeFileErrorsNameTheLine() throws {
        let theme = try ThemeFile.parse("""
            name = "test" # comment
            [roles.selected]
            fg = "black"
            bg = "bright-cyan"
            bold = true
            """, path: "t.toml")
        XCTAssertEqual(theme.name, "test")
        XCTAssertEqual(theme.appearance(of: .selected), RoleAppearance(foreground: .indexed(0), background: .indexed(14), bold: true))
        XCTAssertThrowsError(try ThemeFile.parse("[roles.selected]\nfg = \"purple\"", path: "t.toml")) { error in
            XCTAssertEqual((error as? ThemeFileError)?.line, 2)
        }
        XCTAssertThrowsError(try ThemeFile.parse("[roles.nope]", path: "t.toml"))
    }
}
