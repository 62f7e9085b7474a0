import TUI
import XCTest

/// The two terminal sizes every widget and screen is checked at.
enum TestSizes {
    static let small = Size(width: 80, height: 24)
    static let large = Size(width: 120, height: 40)
}

/// Compares a grid's text with the expected text line by line (trailing spaces trimmed on both sides, so
/// fixtures stay readable), and checks every row measures exactly the grid's width.
func assertScreen(_ grid: Grid, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    assertRowsFillWidth(grid, file: file, line: line)
    if let report = grid.mismatch(expected) { XCTFail(report, file: file, line: line) }
}

/// Every row's display width equals the grid's width.
func assertRowsFillWidth(_ grid: Grid, file: StaticString = #filePath, line: UInt = #line) {
    for violation in grid.widthViolations() { XCTFail(violation, file: file, line: line) }
}

/// No character above U+007F on the screen except inside the given caller-supplied strings (labels), for
/// plain mode.
func assertASCIIOnly(_ rows: [String], except allowed: [String] = [], file: StaticString = #filePath, line: UInt = #line) {
    for (index, row) in rows.enumerated() {
        var rest = row
        for text in allowed { rest = rest.replacingOccurrences(of: text, with: "") }
        let foreign = rest.unicodeScalars.filter { $0.value > 0x7F }
        XCTAssertTrue(foreign.isEmpty, "row \(index + 1) has non-ASCII \(String(String.UnicodeScalarView(foreign))): \(row)",
                      file: file, line: line)
    }
}

/// Renders a widget on a fresh grid of the given size.
func screen(_ size: Size, _ draw: (inout Grid) -> Void) -> Grid {
    var grid = Grid(size: size)
    draw(&grid)
    return grid
}
