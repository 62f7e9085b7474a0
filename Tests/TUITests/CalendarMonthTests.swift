import TUI
import XCTest

final class CalendarMonthTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    private func date(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    func testCivilDateArithmetic() {
        XCTAssertEqual(CivilDate(daysSinceEpoch: 0).description, "1970-01-01")
        XCTAssertEqual(date("2000-03-01").daysSinceEpoch, 11017)
        XCTAssertEqual(CivilDate(daysSinceEpoch: -1).description, "1969-12-31")
        XCTAssertEqual(date("2026-02-01").weekdayFromMonday, 6, "2026-02-01 is a Sunday")
        XCTAssertEqual(date("2024-02-01").weekdayFromMonday, 3, "2024-02-01 is a Thursday")
        XCTAssertEqual(date("2024-01-31").adding(months: 1), date("2024-02-29"))
        XCTAssertEqual(date("2025-01-31").adding(months: 1), date("2025-02-28"))
        XCTAssertEqual(date("2025-01-15").adding(months: -13), date("2023-12-15"))
        XCTAssertEqual(date("2024-12-31").adding(days: 1), date("2025-01-01"))
        XCTAssertNil(CivilDate(year: 2100, month: 2, day: 29), "2100 is not a leap year")
        XCTAssertNotNil(CivilDate(year: 2000, month: 2, day: 29))
        XCTAssertNil(CivilDate(parsing: "2026-02-29"))
        for days in stride(from: -800_000, to: 800_000, by: 997) {
            XCTAssertEqual(CivilDate(daysSinceEpoch: days).daysSinceEpoch, days)
        }
    }

    func testFebruary2026StartsOnSundayWithTwentyEightDays() {
        let calendar = CalendarMonth(selected: date("2026-02-14"), today: date("2026-02-10"),
                                     marked: [date("2026-02-03"), date("2026-02-14"), date("2026-03-01")])
        XCTAssertEqual(calendar.weeks.count, 5)
        XCTAssertEqual(calendar.weeks[0].compactMap { $0?.day }, [1])
        XCTAssertEqual(calendar.weeks.flatMap { $0 }.compactMap { $0 }.count, 28)
        let grid = screen(TestSizes.small) { calendar.render(in: Rect(x: 2, y: 1, width: 30, height: 8), on: &$0, context: RenderContext()) }
        assertScreen(grid, """

                       2026年2月
               一  二  三  四  五  六  日
                                        1
                2   3•  4   5   6   7   8
                9  10  11  12  13 [14] 15
               16  17  18  19  20  21  22
               23  24  25  26  27  28
            """)
        XCTAssertEqual(grid[2 + 4 * 5 + 1, 5].style.role, .selected, "the 14th (Saturday of the third week) is highlighted")
        let today = grid[2 + 4 * 1 + 1, 5].style
        XCTAssertEqual(today.role, .accent, "today is marked")
        XCTAssertTrue(today.underline && today.bold)
    }

    func testFebruary2024LeapYearInEnglishAtLargeSize() {
        let calendar = CalendarMonth(selected: date("2024-02-29"), today: date("2024-02-01"), marked: [date("2024-02-05")],
                                     language: .english)
        XCTAssertEqual(calendar.weeks.flatMap { $0 }.compactMap { $0 }.last, date("2024-02-29"))
        let grid = screen(TestSizes.large) { grid in
            grid.put("日程 スケジュール", x: 0, y: 0)
            calendar.render(in: Rect(x: 90, y: 2, width: CalendarMonth.size.width, height: CalendarMonth.size.height),
                            on: &grid, context: RenderContext(plain: true))
        }
        assertScreen(grid, """
            日程 スケジュール

                                                                                                             February 2024
                                                                                                       Mo  Tu  We  Th  Fr  Sa  Su
                                                                                                                    1   2   3   4
                                                                                                        5*  6   7   8   9  10  11
                                                                                                       12  13  14  15  16  17  18
                                                                                                       19  20  21  22  23  24  25
                                                                                                       26  27  28 [29]
            """)
        assertASCIIOnly(grid.lines, except: ["日程 スケジュール"])
    }

    func testKeysMoveByDayWeekAndMonth() {
        var calendar = CalendarMonth(selected: date("2024-01-31"), today: date("2024-01-31"))
        XCTAssertEqual(calendar.handle(.right), .handled)
        XCTAssertEqual(calendar.selected, date("2024-02-01"))
        _ = calendar.handle(.up)
        XCTAssertEqual(calendar.selected, date("2024-01-25"))
        _ = calendar.handle(.character("j"))
        _ = calendar.handle(.down)
        XCTAssertEqual(calendar.selected, date("2024-02-08"))
        _ = calendar.handle(.end)
        XCTAssertEqual(calendar.selected, date("2024-02-29"))
        _ = calendar.handle(.pageDown)
        XCTAssertEqual(calendar.selected, date("2024-03-29"))
        _ = calendar.handle(.pageUp)
        _ = calendar.handle(.pageUp)
        XCTAssertEqual(calendar.selected, date("2024-01-29"))
        _ = calendar.handle(.home)
        _ = calendar.handle(.left)
        XCTAssertEqual(calendar.selected, date("2023-12-31"))
        XCTAssertEqual(calendar.title, "2023年12月")
        XCTAssertEqual(calendar.handle(.enter), .submitted)
        XCTAssertEqual(calendar.handle(.character("x")), .ignored)
    }
}
