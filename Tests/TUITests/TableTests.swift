import TUI
import XCTest

/// A source of `rowCount` generated rows that counts what the table asks of it.
private final class CountingSource: TableDataSource {
    let rowCount: Int
    private(set) var cellCalls = 0
    private(set) var sortKeyCalls = 0
    private(set) var rowsRead = Set<Int>()

    init(rowCount: Int) { self.rowCount = rowCount }

    func cell(row: Int, column: Int) -> String {
        cellCalls += 1
        rowsRead.insert(row)
        return column == 0 ? "客户\(row)" : NumberFormat.decimal(balance(row), decimals: 2)
    }

    func sortKey(row: Int, column: Int) -> TableSortKey {
        sortKeyCalls += 1
        return column == 0 ? .text("客户\(row)") : .number(balance(row))
    }

    /// Balances that do not follow the row order, with ties (every 1,000th row repeats).
    private func balance(_ row: Int) -> Int64 { Int64(row % 1000) * 100 - 50_000 }
}

final class TableTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    private let columns = [
        TableColumn("客户名称"),
        TableColumn("行业", maxWidth: 8),
        TableColumn("余额", kind: .number, minWidth: 12),
    ]

    private let customers: [(String, String, Int64)] = [
        ("锦程银行股份有限公司", "金融", 123_456_789),
        ("東京海上日動火災保険株式会社", "保険", 9_876_543),
        ("Acme Trading Ltd.", "贸易", 500_000),
        ("ｶﾀｶﾅ商事", "商社", -1_250),
        ("北京字节跳动科技有限公司 (ByteDance) 华北区域总部", "互联网平台服务", 12_345_678_900),
    ]

    private func customerTable() -> Table {
        let rows = customers.map { [$0.0, $0.1, NumberFormat.decimal($0.2, decimals: 2)] }
        let keys = customers.map { [TableSortKey.text($0.0), .text($0.1), .number($0.2)] }
        return Table(columns: columns, source: ArrayTableSource(rows: rows, sortKeys: keys))
    }

    private func draw(_ table: Table, size: Size, title: String = "客户", context: RenderContext = RenderContext()) -> Grid {
        var grid = Grid(size: size)
        let inside = Box.draw(grid.bounds, title: title, on: &grid, context: context)
        table.render(in: inside, on: &grid, context: context)
        return grid
    }

    func testSnapshotAt80x24WithWideAndMixedText() {
        let table = customerTable()
        assertScreen(draw(table, size: TestSizes.small), """
            ┌ 客户 ────────────────────────────────────────────────────────────────────────┐
            │客户名称                                               行业               余额│
            │锦程银行股份有限公司                                   金融       1,234,567.89│
            │東京海上日動火災保険株式会社                           保険          98,765.43│
            │Acme Trading Ltd.                                      贸易           5,000.00│
            │ｶﾀｶﾅ商事                                               商社             -12.50│
            │北京字节跳动科技有限公司 (ByteDance) 华北区域总部      互联网…  123,456,789.00│
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
    }

    func testSnapshotAt120x40SortedDescendingPlainAndUnfocused() {
        var table = customerTable()
        for key in "sssS" { XCTAssertEqual(table.handle(.character(key)), .handled) }
        XCTAssertEqual(table.sortColumn, 2)
        XCTAssertFalse(table.ascending)
        let grid = draw(table, size: TestSizes.large, context: RenderContext(plain: true, focused: false))
        assertScreen(grid, """
            + 客户 ----------------------------------------------------------------------------------------------------------------+
            |客户名称                                                                                       行业              余额v|
            |北京字节跳动科技有限公司 (ByteDance) 华北区域总部                                              互联网平 123,456,789.00|
            |锦程银行股份有限公司                                                                           金融       1,234,567.89|
            |東京海上日動火災保険株式会社                                                                   保険          98,765.43|
            |Acme Trading Ltd.                                                                              贸易           5,000.00|
            |ｶﾀｶﾅ商事                                                                                       商社             -12.50|
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
        XCTAssertEqual(grid[1, 3].style, Style(.normal, underline: true), "the selected record (锦程) is underlined unfocused")
        XCTAssertEqual(grid[1, 2].style, .normal)
    }

    func testNarrowTableShrinksTheFlexibleColumnAndCutsAtTheEdge() {
        var table = customerTable()
        table.select(position: 1)
        var grid = Grid(size: Size(width: 33, height: 4))
        table.render(in: grid.bounds, on: &grid, context: RenderContext())
        assertScreen(grid, """
            客户名称        行业         余额
            锦程银行股份有… 金融 1,234,567.89
            東京海上日動火… 保険    98,765.43
            Acme Trading L… 贸易     5,000.00
            """)
        XCTAssertEqual(grid[0, 2].style, Style(.selected))
        XCTAssertEqual(grid[32, 2].style, Style(.selected), "the selection spans the whole row")
    }

    func testSortingKeepsTiesInSourceOrderAndTheSelectedRecord() {
        var table = customerTable()
        table.select(position: 2)
        XCTAssertEqual(table.selectedRow, 2)
        table.sort(by: 2)
        XCTAssertEqual(rowsInViewOrder(table), [3, 2, 1, 0, 4])
        XCTAssertEqual(table.selectedRow, 2, "the same record stays selected")
        XCTAssertEqual(table.position, "2/5")
        table.sort(by: 2, ascending: false)
        XCTAssertEqual(rowsInViewOrder(table), [4, 0, 1, 2, 3])
        table.sort(by: nil)
        XCTAssertEqual(rowsInViewOrder(table), [0, 1, 2, 3, 4])

        let ties = Table(columns: [TableColumn("名")], source: ArrayTableSource(rows: [["乙"], ["甲"], ["乙"], ["甲"], [""]]))
        var sorted = ties
        sorted.sort(by: 0)
        XCTAssertEqual(rowsInViewOrder(sorted), [4, 0, 2, 1, 3], "empty cells first, then 乙 (U+4E59) before 甲 (U+7532), ties in source order")
        sorted.sort(by: 0, ascending: false)
        XCTAssertEqual(rowsInViewOrder(sorted), [1, 3, 0, 2, 4], "descending keeps ties in source order too")
    }

    func testSortKeyCyclesThroughColumnsAndBackToSourceOrder() {
        var table = customerTable()
        var seen: [Int?] = []
        for _ in 0..<4 {
            XCTAssertEqual(table.handle(.character("s")), .handled)
            seen.append(table.sortColumn)
        }
        XCTAssertEqual(seen, [0, 1, 2, nil])
        XCTAssertEqual(table.handle(.character("S")), .handled)
        XCTAssertEqual(table.sortColumn, 0)
        XCTAssertFalse(table.ascending)
        XCTAssertEqual(rowsInViewOrder(table), [3, 0, 1, 4, 2], "by code point, descending: ｶ 锦 東 北 A")
    }

    func testFilterBySubstringOrPredicate() {
        var table = customerTable()
        table.select(position: 1)
        table.setFilter("LTD")
        XCTAssertEqual(rowsInViewOrder(table), [2], "case-insensitive")
        XCTAssertEqual(table.selectedRow, 2, "the selection moves to a shown row")
        table.setFilter("株式")
        XCTAssertEqual(rowsInViewOrder(table), [1])
        table.setFilter("12")
        XCTAssertEqual(rowsInViewOrder(table), [3, 4], "numbers are searched as shown: -12.50 and 123,456,789.00")
        table.sort(by: 2, ascending: false)
        XCTAssertEqual(rowsInViewOrder(table), [4, 3], "sorting sorts the filtered rows")
        table.setFilter("没有")
        XCTAssertNil(table.selectedRow)
        XCTAssertEqual(table.position, "0/0")
        XCTAssertEqual(table.handle(.enter), .ignored)
        XCTAssertEqual(table.handle(.down), .handled)
        table.setFilter(where: { $0 % 2 == 0 })
        XCTAssertEqual(table.filterText, "")
        XCTAssertEqual(rowsInViewOrder(table), [4, 0, 2], "still sorted by balance, descending")
        table.setFilter("")
        XCTAssertEqual(table.viewCount, 5)
    }

    func testKeysScrollTheSelectionIntoView() {
        let rows = (0..<10).map { ["行\($0)", "\($0)"] }
        var table = Table(columns: [TableColumn("名称"), TableColumn("号", kind: .number)], source: ArrayTableSource(rows: rows))
        var grid = Grid(size: Size(width: 12, height: 5))
        table.layout(in: grid.bounds)
        for _ in 0..<6 { XCTAssertEqual(table.handle(.character("j")), .handled) }
        table.render(in: grid.bounds, on: &grid, context: RenderContext())
        assertScreen(grid, """
            名称      号
            行3        3
            行4        4
            行5        5
            行6        6
            """)
        XCTAssertEqual(grid[0, 4].style, Style(.selected))
        XCTAssertEqual(table.handle(.pageUp), .handled)
        XCTAssertEqual(table.selectedRow, 2)
        XCTAssertEqual(table.handle(.pageDown), .handled)
        XCTAssertEqual(table.handle(.pageDown), .handled)
        XCTAssertEqual(table.selectedRow, 9, "clamped at the end")
        XCTAssertEqual(table.handle(.character("g")), .handled)
        XCTAssertEqual(table.selectedRow, 0)
        XCTAssertEqual(table.handle(.character("k")), .handled)
        XCTAssertEqual(table.selectedRow, 0, "clamped at the top")
        XCTAssertEqual(table.handle(.enter), .submitted)
        XCTAssertEqual(table.handle(.character("x")), .ignored)
    }

    func testHundredThousandRowsRenderAndScrollTouchingOnlyVisibleRows() {
        let source = CountingSource(rowCount: 100_000)
        var table = Table(columns: [TableColumn("客户"), TableColumn("余额", kind: .number)], source: source)
        var grid = Grid(size: TestSizes.small)
        let inside = Box.draw(grid.bounds, on: &grid, context: RenderContext())
        table.layout(in: inside)
        table.render(in: inside, on: &grid, context: RenderContext())
        XCTAssertEqual(source.cellCalls, 21 * 2, "21 body rows of 2 cells")
        XCTAssertEqual(source.rowsRead, Set(0..<21))

        XCTAssertEqual(table.handle(.character("G")), .handled)
        XCTAssertEqual(table.handle(.pageUp), .handled)
        XCTAssertEqual(table.handle(.end), .handled)
        XCTAssertEqual(source.cellCalls, 42, "keys read no cells")
        XCTAssertEqual(table.position, "100000/100000")
        XCTAssertEqual(table.selectedRow, 99_999)
        table.render(in: inside, on: &grid, context: RenderContext())
        XCTAssertEqual(source.cellCalls, 84)
        XCTAssertEqual(source.rowsRead, Set(0..<21).union(99_979..<100_000))
        XCTAssertEqual(grid.lines[22], "│客户99999" + String(repeating: " ", count: 63) + "499.00│")
        XCTAssertEqual(grid[1, 22].style, Style(.selected))
        XCTAssertEqual(grid.lines[2], "│客户99979" + String(repeating: " ", count: 63) + "479.00│")
        assertRowsFillWidth(grid)

        table.sort(by: 1, ascending: false)
        XCTAssertEqual(source.sortKeyCalls, 100_000, "one key per row per sort")
        XCTAssertEqual(source.cellCalls, 84, "sorting reads keys, not cells")
        XCTAssertEqual(table.selectedRow, 99_999, "the selected record is still selected")
        XCTAssertEqual(table.handle(.home), .handled)
        XCTAssertEqual(table.selectedRow, 999, "the largest balance, first of its ties")
        XCTAssertEqual(table.handle(.down), .handled)
        XCTAssertEqual(table.selectedRow, 1999)
    }

    private func rowsInViewOrder(_ table: Table) -> [Int] {
        var walker = table
        walker.select(position: 0)
        var rows: [Int] = []
        for _ in 0..<walker.viewCount {
            rows.append(walker.selectedRow!)
            _ = walker.handle(.down)
        }
        return rows
    }
}
