import Testing
@testable import CRMCore

@Suite struct ReportWriterTests {
    private let table = ReportTable(
        title: "授信额度及使用 Credit limits and usage", notes: ["数据日期 2025-03-03"],
        columns: [.text("客户名称"), .number("授信额度"), .number("使用率(%)"), .number("执行利率(%)"), .text("到期日")],
        rows: [[.text("华信\"宏达\",有限公司"), .money(100_000_000), .percent(5833), .rate(38_550), .date(BusinessDate("2026-01-31")!)],
               [.text("甲|乙\n公司"), .money(-5), .empty, .rate(34_500), .empty]])

    @Test func csvHasAByteOrderMarkCRLFAndRFC4180Quoting() {
        let csv = ReportCSV.render(table)
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv == "\u{FEFF}客户名称,授信额度,使用率(%),执行利率(%),到期日\r\n"
                + "\"华信\"\"宏达\"\",有限公司\",1000000.00,58.33,3.855,2026-01-31\r\n"
                + "\"甲|乙\n公司\",-0.05,,3.45,\r\n")
    }

    @Test func csvDefusesTextThatASpreadsheetWouldRunAsAFormula() {
        let risky = ReportTable(title: "t", notes: [], columns: [.text("名称"), .number("金额")],
                                rows: [[.text("=HYPERLINK(\"http://x\")"), .money(-5)], [.text("@SUM(A1)"), .money(5)], [.text("-3+2"), .empty]])
        #expect(ReportCSV.render(risky) == "\u{FEFF}名称,金额\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-0.05\r\n'@SUM(A1),0.05\r\n'-3+2,\r\n",
                "a negative amount stays a number")
    }

    @Test func csvQuotesOnlyWhatNeedsIt() {
        #expect(ReportCSV.field("福州新盛路桥有限公司") == "福州新盛路桥有限公司")
        #expect(ReportCSV.field("a,b") == "\"a,b\"")
        #expect(ReportCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ReportCSV.field("line\r\nbreak") == "\"line\r\nbreak\"")
    }

    @Test func markdownHasATitleEscapesPipesAndRightAlignsNumbers() {
        #expect(ReportMarkdown.render(table) == """
            # 授信额度及使用 Credit limits and usage

            数据日期 2025-03-03

            | 客户名称 | 授信额度 | 使用率(%) | 执行利率(%) | 到期日 |
            | --- | ---: | ---: | ---: | --- |
            | 华信"宏达",有限公司 | 1000000.00 | 58.33 | 3.855 | 2026-01-31 |
            | 甲\\|乙 公司 | -0.05 |  | 3.45 |  |

            """)
        #expect(ReportMarkdown.cell("a\\|b") == "a\\\\\\|b", "a backslash before a pipe cannot unescape it")
    }

    @Test func cellsFormatExactly() {
        #expect(ReportCell.rate(30_000).text == "3.00")
        #expect(ReportCell.rate(38_555).text == "3.8555")
        #expect(ReportCell.rate(-1_500).text == "-0.15")
        #expect(ReportCell.percent(10_000).text == "100.00")
        #expect(ReportCell.basisPoints(-20).text == "-20")
        #expect(ReportCell.date(text: "2025-13-01") == .empty)
    }
}

@Suite struct WeightedRateTests {
    @Test func weighsByAmountAndSkipsMissingFigures() {
        var rate = WeightedRate()
        rate.add(amount: 1_000_000_00, ratePPM: 34_500, spreadBP: 45)
        rate.add(amount: 3_000_000_00, ratePPM: 38_500, spreadBP: 85)
        #expect(rate.ratePPM == 37_500)
        #expect(rate.spreadBP == 75)
        var other = WeightedRate()
        other.add(amount: 2_000_000_00, ratePPM: 40_000, spreadBP: nil)
        rate.add(other)
        #expect(rate.amount == 6_000_000_00)
        #expect(rate.count == 3)
        #expect(rate.ratePPM == 38_333, "230,000 / 6 rounded")
        #expect(rate.spreadBP == 75, "the loan without a spread does not weigh on it")
        #expect(WeightedRate().ratePPM == nil)
    }
}
