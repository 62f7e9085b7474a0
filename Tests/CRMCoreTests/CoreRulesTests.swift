import Testing
@testable import CRMCore

@Suite struct BusinessDateTests {
    @Test func roundTripsEveryDayOfSeveralYears() {
        var date = BusinessDate("2023-12-25")!
        for _ in 0..<(366 * 3) {
            #expect(BusinessDate(date.description) == date)
            date = date.adding(days: 1)
        }
    }

    @Test func refusesImpossibleDates() {
        for text in ["2025-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "20250101", "2025-04-31", ""] {
            #expect(BusinessDate(text) == nil, "\(text)")
        }
        #expect(BusinessDate("2024-02-29") != nil)
    }

    @Test func periodsAndWeekdays() {
        let date = BusinessDate("2025-05-17")!
        #expect(date.startOfMonth.description == "2025-05-01")
        #expect(date.startOfQuarter.description == "2025-04-01")
        #expect(date.startOfYear.description == "2025-01-01")
        #expect(date.endOfMonth.description == "2025-05-31")
        #expect(BusinessDate("2025-01-01")!.weekday == 3)
        #expect(BusinessDate("2025-01-05")!.weekday == 7)
    }
}

@Suite struct MoneyTests {
    @Test func parsesYuanIntoFen() throws {
        #expect(try Money.parseYuan("1234.5").get() == 123_450)
        #expect(try Money.parseYuan("-0.07").get() == -7)
        #expect(try Money.parseYuan("100").get() == 10_000)
        #expect(try Money.parseYuan("12.300").get() == 1_230)
        #expect(Money.parseYuan("1.234") == .failure(.tooManyDecimals(allowed: 2)))
        #expect(Money.parseYuan("1e5") == .failure(.notANumber))
        #expect(Money.parseYuan("1,000") == .failure(.notANumber))
        #expect(Money.parseYuan("") == .failure(.empty))
        #expect(Money.parseYuan(".") == .failure(.notANumber))
    }

    @Test func formatsForScriptsAndPeople() {
        #expect(Money.yuanText(190_322_581) == "1903225.81")
        #expect(Money.yuanText(-5) == "-0.05")
        #expect(Money.groupedYuanText(190_322_581) == "1,903,225.81")
        #expect(Money.chineseShortText(19_000_000_000) == "1.90亿")
        #expect(Money.chineseShortText(190_322_581) == "190.32万")
        #expect(Money.chineseShortText(99_999) == "999.99")
    }

    @Test func roundsHalfAwayFromZero() {
        #expect(Money.divideRounded(5, by: 2) == 3)
        #expect(Money.divideRounded(-5, by: 2) == -3)
        #expect(Money.divideRounded(5_900_000_000, by: 31) == 190_322_581)
    }

    @Test func scaledNumbers() throws {
        #expect(try ScaledNumber.parse("3.45", decimals: 4).get() == 34_500)
        #expect(try ScaledNumber.parse("51.5", decimals: 2).get() == 5_150)
        #expect(ScaledNumber.parse("1.23456", decimals: 4) == .failure(.tooManyDecimals(allowed: 4)))
        #expect(ScaledNumber.text(34_500, decimals: 4) == "3.4500")
    }
}

@Suite struct USCCTests {
    @Test func domainExampleIsValid() {
        #expect(USCC.isValid("91350100M000100Y43"))
    }

    @Test func anyChangedCharacterIsCaught() {
        let code = Array("91350100M000100Y43")
        for index in code.indices {
            var changed = code
            changed[index] = changed[index] == "1" ? "2" : "1"
            #expect(!USCC.isValid(String(changed)), "position \(index + 1)")
        }
        #expect(!USCC.isValid("91350100M000100Y4"))
        #expect(!USCC.isValid("91350100M000100I43"))
    }

    @Test func madeCodesAreValid() {
        let code = USCC.make(prefix: "91", region: "350102", organisation: "MA2Y3K7Q0")!
        #expect(code.count == 18)
        #expect(USCC.isValid(code))
    }
}

@Suite struct RuleTests {
    @Test func tierRulesInOrder() {
        func tier(_ strategic: Bool, _ ytd: Int64, _ loan: Int64, _ hasLoan: Bool) -> CustomerTier {
            TierRules.tier(for: TierInputs(markedStrategic: strategic, depositYTDAverage: ytd, loanBalance: loan,
                                           hasActiveLoan: hasLoan)).tier
        }
        #expect(tier(true, 0, 0, false) == .strategic)
        #expect(tier(false, 100_000_000_00, 0, false) == .key)
        #expect(tier(false, 0, 300_000_000_00, true) == .key)
        #expect(tier(false, 100_000_00, 0, false) == .general)
        #expect(tier(false, 99_999_99, 0, true) == .general)
        #expect(tier(false, 99_999_99, 0, false) == .potential)
    }

    @Test func averagesDivideByElapsedLoadedDays() {
        let asOf = BusinessDate("2025-03-10")!
        #expect(DailyAverage.elapsedDays(.month, asOf: asOf, firstLoaded: BusinessDate("2025-01-01")!) == 10)
        #expect(DailyAverage.elapsedDays(.quarter, asOf: asOf, firstLoaded: BusinessDate("2025-02-28")!) == 11)
        #expect(DailyAverage.average(balanceDays: 26_000_000_00, days: 10) == 2_600_000_00)
    }

    @Test func counterpartyNamesAreNormalised() {
        #expect(FundFlowRules.normalizedName("福州（鑫源）ＡＢＣ 有限公司") == "福州(鑫源)ABC有限公司")
        #expect(FundFlowRules.normalizedName("厦门\u{3000}海峡 贸易") == "厦门海峡贸易")
    }

    @Test func rolesNeedThreeMonths() {
        #expect(FundFlowRules.role(supplierMonths: 3, buyerMonths: 0) == .upstream)
        #expect(FundFlowRules.role(supplierMonths: 2, buyerMonths: 4) == .downstream)
        #expect(FundFlowRules.role(supplierMonths: 2, buyerMonths: 2) == nil)
    }

    @Test func jsonKeepsOrderAndMoney() {
        let value = JSONValue.object([("b", .money(100_000_000)), ("a", .array([.string("银行\"\n"), .null, .bool(true)]))])
        #expect(value.rendered() == #"{"b":1000000.00,"a":["银行\"\n",null,true]}"#)
    }
}

@Suite struct ApportionTests {
    @Test func sharesInProportionSumExactlyWithTiesToTheEarlier() {
        #expect(Apportion.largestRemainder(total: 7, weights: [3, 2]) == [4, 3], "4.2 and 2.8: the larger remainder gets the unit")
        #expect(Apportion.largestRemainder(total: 10, weights: [1, 1, 1]) == [4, 3, 3], "a tie goes to the earlier")
        #expect(Apportion.largestRemainder(total: 5, weights: [0, 0]) == [3, 2], "no weights share equally")
        #expect(Apportion.largestRemainder(total: 0, weights: [5, 9]) == [0, 0])
        #expect(Apportion.largestRemainder(total: 100, weights: []) == [])
        let big = Apportion.largestRemainder(total: 9_223_372_036_854, weights: [Int64.max / 4, Int64.max / 4, 7])
        #expect(big.reduce(0, +) == 9_223_372_036_854, "no overflow on large amounts and weights")
        for total in Int64(0)...40 {
            #expect(Apportion.largestRemainder(total: total, weights: [5, 3, 11, 0, 2]).reduce(0, +) == total)
        }
    }
}
