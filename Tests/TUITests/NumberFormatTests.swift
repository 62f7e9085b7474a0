import TUI
import XCTest

final class NumberFormatTests: XCTestCase {
    func testGroupedIntegers() {
        XCTAssertEqual(NumberFormat.grouped(0), "0")
        XCTAssertEqual(NumberFormat.grouped(999), "999")
        XCTAssertEqual(NumberFormat.grouped(1000), "1,000")
        XCTAssertEqual(NumberFormat.grouped(-1_234_567), "-1,234,567")
        XCTAssertEqual(NumberFormat.grouped(Int64.max), "9,223,372,036,854,775,807")
        XCTAssertEqual(NumberFormat.grouped(Int64.min), "-9,223,372,036,854,775,808")
        XCTAssertEqual(NumberFormat.grouped(1_234_567, separator: " "), "1 234 567")
    }

    func testFixedPointDecimals() {
        XCTAssertEqual(NumberFormat.decimal(123_456_789, decimals: 2), "1,234,567.89")
        XCTAssertEqual(NumberFormat.decimal(-123_456_789, decimals: 2), "-1,234,567.89")
        XCTAssertEqual(NumberFormat.decimal(-5, decimals: 2), "-0.05")
        XCTAssertEqual(NumberFormat.decimal(0, decimals: 2), "0.00")
        XCTAssertEqual(NumberFormat.decimal(1, decimals: 4), "0.0001")
        XCTAssertEqual(NumberFormat.decimal(100_000, decimals: 0), "100,000")
        XCTAssertEqual(NumberFormat.decimal(Int64.min, decimals: 2), "-92,233,720,368,547,758.08")
    }

    func testChineseCompactUsesWanAndYi() {
        XCTAssertEqual(NumberFormat.compactChinese(123_456_789, decimals: 2), "123.46万")
        XCTAssertEqual(NumberFormat.compactChinese(1_234_567_890_100, decimals: 2), "123.46亿")
        XCTAssertEqual(NumberFormat.compactChinese(999_999, decimals: 2), "9,999.99", "below 10,000 as is")
        XCTAssertEqual(NumberFormat.compactChinese(1_000_000, decimals: 2), "1.00万")
        XCTAssertEqual(NumberFormat.compactChinese(12_345, decimals: 0), "1.23万")
        XCTAssertEqual(NumberFormat.compactChinese(7, decimals: 0), "7.00")
        XCTAssertEqual(NumberFormat.compactChinese(0, decimals: 2), "0.00")
        XCTAssertEqual(NumberFormat.compactChinese(123_456_789_012_345_678, decimals: 2), "12,345,678.90亿")
        XCTAssertEqual(NumberFormat.compactChinese(Int64.min, decimals: 2), "-922,337,203.69亿")
    }

    func testChineseCompactRoundsHalfUpAwayFromZero() {
        XCTAssertEqual(NumberFormat.compactChinese(1_235_000, decimals: 2), "1.24万", "1.235万 rounds up")
        XCTAssertEqual(NumberFormat.compactChinese(1_234_999, decimals: 2), "1.23万")
        XCTAssertEqual(NumberFormat.compactChinese(-1_235_000, decimals: 2), "-1.24万", "away from zero")
        XCTAssertEqual(NumberFormat.compactChinese(-1_234_999, decimals: 2), "-1.23万")
        XCTAssertEqual(NumberFormat.compactChinese(12_345, decimals: 3), "12.35", "12.345 rounds to 12.35")
        XCTAssertEqual(NumberFormat.compactChinese(-1, decimals: 3), "0.00", "no sign on a value that rounds to zero")
    }

    func testCompactValueThatRoundsIntoTheNextUnitTakesIt() {
        XCTAssertEqual(NumberFormat.compactChinese(9_999_995, decimals: 3), "1.00万", "9,999.995 -> 10,000.00")
        XCTAssertEqual(NumberFormat.compactChinese(9_999_999_999, decimals: 2), "1.00亿", "99,999,999.99 -> 10,000.00万")
    }

    func testEnglishCompact() {
        XCTAssertEqual(NumberFormat.compactEnglish(123_456_789, decimals: 2), "1.23M")
        XCTAssertEqual(NumberFormat.compactEnglish(99_999, decimals: 2), "999.99")
        XCTAssertEqual(NumberFormat.compactEnglish(150_000, decimals: 2), "1.50K")
        XCTAssertEqual(NumberFormat.compactEnglish(99_999_999_999, decimals: 2), "1.00B")
        XCTAssertEqual(NumberFormat.compactEnglish(-1_234_567_890_100, decimals: 2), "-12.35B")
    }
}
