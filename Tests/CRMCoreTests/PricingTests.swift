import Testing
@testable import CRMCore

/// The inputs of domain.md's worked loan example, as typed on the command line.
private let workedLoan: [PricingField: String] = [
    .amount: "10000000", .days: "360", .rate: "3.50", .ftp: "1.90", .operatingCost: "0.50", .pd: "1", .lgd: "45",
    .riskWeight: "100", .capitalRatio: "10.5", .tax: "25", .hurdle: "10",
]

private func loan(_ texts: [PricingField: String], defaults: PricingDefaults = .standard) throws -> LoanResult {
    LoanCalculator.calculate(try LoanInputs(PricingText(texts), defaults: defaults))
}

private func deposit(_ texts: [PricingField: String]) throws -> DepositResult {
    DepositCalculator.calculate(try DepositInputs(PricingText(texts), defaults: .standard))
}

/// Why reading the inputs failed, or nil when they were taken.
private func refusal(_ read: () throws(PricingError) -> Void) -> PricingError? {
    do {
        try read()
        return nil
    } catch {
        return error
    }
}

private func loanError(_ texts: [PricingField: String]) -> PricingError? {
    refusal { () throws(PricingError) in _ = try LoanInputs(PricingText(texts), defaults: .standard) }
}

private func depositError(_ texts: [PricingField: String]) -> PricingError? {
    refusal { () throws(PricingError) in _ = try DepositInputs(PricingText(texts), defaults: .standard) }
}

@Suite struct LoanCalculatorTests {
    @Test func domainWorkedExample() throws {
        let result = try loan(workedLoan)
        #expect(result.interest == 350_000_00)
        #expect(result.ftpCharge == 190_000_00)
        #expect(result.operatingCost == 50_000_00)
        #expect(result.expectedLoss == 45_000_00)
        #expect(result.profitBeforeTax == 65_000_00)
        #expect(result.profitAfterTax == 48_750_00)
        #expect(result.capital == 1_050_000_00)
        #expect(result.capitalCharge == 105_000_00)
        #expect(result.rarocBeforeTaxBP == 619)
        #expect(result.rarocAfterTaxBP == 464)
        #expect(result.eva == -56_250_00)
        #expect(result.breakEvenRatePPM == 42_500)
    }

    @Test func domainExampleAtRiskWeight75() throws {
        var texts = workedLoan
        texts[.riskWeight] = "75"
        let result = try loan(texts)
        #expect(result.capital == 787_500_00)
        #expect(result.breakEvenRatePPM == 39_000)
        #expect(result.eva == -30_000_00)
    }

    @Test func lprPlusSpreadStandsForTheRate() throws {
        var texts = workedLoan
        texts[.rate] = nil
        texts[.lpr] = "3.00"
        texts[.spread] = "50"
        #expect(try loan(texts) == loan(workedLoan))
    }

    @Test func defaultsComeFromTheSettingsWhenNotGiven() throws {
        var texts = workedLoan
        for field in [PricingField.capitalRatio, .tax, .hurdle] { texts[field] = nil }
        #expect(try loan(texts) == loan(workedLoan))
        let other = PricingDefaults(taxPPM: 0, hurdlePPM: 100_000, capitalRatioPPM: 105_000, dayBasis: 360)
        #expect(try loan(texts, defaults: other).profitAfterTax == 65_000_00, "no tax")
    }

    /// LPR 3.00% - 20 bp = 2.80%: interest 280,000; pre-tax 280,000 - 190,000 - 50,000 - 45,000 = -5,000; after tax
    /// -3,750; EVA -3,750 - 105,000 = -108,750; RAROC -5,000 / 1,050,000 = -0.476% and -3,750 / 1,050,000 = -0.357%.
    @Test func negativeSpread() throws {
        var texts = workedLoan
        texts[.rate] = nil
        texts[.lpr] = "3.00"
        texts[.spread] = "-20"
        let result = try loan(texts)
        #expect(result.interest == 280_000_00)
        #expect(result.profitBeforeTax == -5_000_00)
        #expect(result.profitAfterTax == -3_750_00)
        #expect(result.eva == -108_750_00)
        #expect(result.rarocBeforeTaxBP == -48)
        #expect(result.rarocAfterTaxBP == -36)
        #expect(result.breakEvenRatePPM == 42_500, "the break-even rate does not depend on the rate")
    }

    /// 12,345,678.91 yuan for 97 days on a 365 basis. Interest = 12,345,678.91 x 3.65% x 97 / 365 = 12,345,678.91 x
    /// 0.97% = 119,753.085427 -> 119,753.09. FTP = x 2.13% x 97/365 = 69,883.3073... -> 69,883.31. Operating cost
    /// x 0.37% x 97/365 = 12,139.3538... -> 12,139.35. EL = x 1.5% x 45% x 97/365 = 22,146.1185... -> 22,146.12.
    /// Capital = x 75% x 10.5% = 972,222.2141625 -> 972,222.21; its charge x 12% x 97/365 = 31,004.5658... ->
    /// 31,004.57. Pre-tax = 119,753.09 - 69,883.31 - 12,139.35 - 22,146.12 = 15,584.31; after tax x 75% =
    /// 11,688.2325 -> 11,688.23; EVA = 11,688.23 - 31,004.57 = -19,316.34. RAROC = 15,584.31 / 972,222.21 x 365 / 97
    /// = 6.0317% -> 6.03%; after tax 4.5237% -> 4.52%. Break-even = 2.13 + 0.37 + 0.675 + 75% x 10.5% x 12% / 75%
    /// = 4.435%.
    @Test func oddDaysRoundEachFigureOnce() throws {
        let result = try loan([.amount: "12345678.91", .days: "97", .rate: "3.65", .ftp: "2.13", .operatingCost: "0.37",
                               .pd: "1.5", .lgd: "45", .riskWeight: "75", .hurdle: "12", .basis: "365"])
        #expect(result.interest == 119_753_09)
        #expect(result.ftpCharge == 69_883_31)
        #expect(result.operatingCost == 12_139_35)
        #expect(result.expectedLoss == 22_146_12)
        #expect(result.capital == 972_222_21)
        #expect(result.capitalCharge == 31_004_57)
        #expect(result.profitBeforeTax == 15_584_31)
        #expect(result.profitAfterTax == 11_688_23)
        #expect(result.eva == -19_316_34)
        #expect(result.rarocBeforeTaxBP == 603)
        #expect(result.rarocAfterTaxBP == 452)
        #expect(result.breakEvenRatePPM == 44_350)
    }

    /// 100 yuan for one day at 1.8% / 360 is exactly half a fen of interest, and rounds up to 1 fen; FTP at 7.2% is 2
    /// fen; pre-tax -1 fen; at 50% tax exactly -0.5 fen after tax, which rounds away from zero to -1 fen.
    @Test func halvesRoundAwayFromZero() throws {
        let result = try loan([.amount: "100", .days: "1", .rate: "1.8", .ftp: "7.2", .operatingCost: "0", .pd: "0", .lgd: "0",
                               .riskWeight: "100", .tax: "50"])
        #expect(result.interest == 1)
        #expect(result.ftpCharge == 2)
        #expect(result.profitBeforeTax == -1)
        #expect(result.profitAfterTax == -1)
        #expect(result.capital == 10_50)
        #expect(result.capitalCharge == 0, "10.50 x 10% / 360 = 0.29 fen")
        #expect(result.eva == -1)
        #expect(result.breakEvenRatePPM == 93_000, "7.2% + 100% x 10.5% x 10% / 50%")
    }

    @Test func zeroCapitalLeavesRAROCUndefined() throws {
        var texts = workedLoan
        texts[.riskWeight] = "0"
        let result = try loan(texts)
        #expect(result.capital == 0)
        #expect(result.rarocBeforeTaxBP == nil)
        #expect(result.rarocAfterTaxBP == nil)
        #expect(result.eva == 48_750_00)
        #expect(result.breakEvenRatePPM == 28_500)
    }

    @Test func badInputsNameTheirField() {
        func with(_ field: PricingField, _ text: String?) -> [PricingField: String] {
            var texts = workedLoan
            texts[field] = text
            return texts
        }
        #expect(loanError(with(.amount, "-5")) == PricingError(.notAboveZero, field: .amount))
        #expect(loanError(with(.amount, "0")) == PricingError(.notAboveZero, field: .amount))
        #expect(loanError(with(.amount, "1.234")) == PricingError(.tooManyDecimals(allowed: 2), field: .amount))
        #expect(loanError(with(.amount, "1,000")) == PricingError(.notANumber, field: .amount))
        #expect(loanError(with(.amount, nil)) == PricingError(.missing, field: .amount))
        #expect(loanError(with(.days, "0")) == PricingError(.notAboveZero, field: .days))
        #expect(loanError(with(.days, "36501")) == PricingError(.above("36500"), field: .days))
        #expect(loanError(with(.days, "30.5")) == PricingError(.tooManyDecimals(allowed: 0), field: .days))
        #expect(loanError(with(.rate, "3.12345")) == PricingError(.tooManyDecimals(allowed: 4), field: .rate))
        #expect(loanError(with(.rate, nil)) == PricingError(.missing, field: .rate))
        #expect(loanError(with(.lpr, "3")) == PricingError(.rateAndLPR, field: .rate))
        #expect(loanError(with(.pd, "101")) == PricingError(.above("100"), field: .pd))
        #expect(loanError(with(.ftp, "-1")) == PricingError(.negative, field: .ftp))
        #expect(loanError(with(.riskWeight, "1250.5")) == PricingError(.above("1250"), field: .riskWeight))
        #expect(loanError(with(.tax, "100")) == PricingError(.notBelowHundred, field: .tax))
        #expect(loanError(with(.basis, "366")) == PricingError(.basis, field: .basis))
        var lpr = workedLoan
        lpr[.rate] = nil
        lpr[.spread] = "50"
        #expect(loanError(lpr) == PricingError(.needs(.lpr), field: .spread))
        lpr[.lpr] = "0.3"
        lpr[.spread] = "-31"
        #expect(loanError(lpr) == PricingError(.negativeRate, field: .spread))
    }

    @Test func messagesNameTheOptionOrTheField() {
        let error = PricingError(.notAboveZero, field: .amount)
        #expect(error.description == "--amount: must be above zero")
        #expect(error.message(chinese: true) == "贷款金额：须大于零")
        #expect(error.message(chinese: false) == "Amount: must be above zero")
        #expect(PricingError(.needs(.agreementRate), field: .agreementBase).description == "--base: needs --agreement-rate as well")
    }
}

@Suite struct DepositCalculatorTests {
    @Test func domainExample() throws {
        let result = try deposit([.balance: "10000000", .days: "360", .rate: "0.05", .ftp: "1.60", .operatingCost: "0.20"])
        #expect(result == DepositResult(ftpCredit: 160_000_00, interestPaid: 5_000_00, operatingCost: 20_000_00, fees: 0,
                                        value: 135_000_00))
    }

    /// 8,000,000 for 90 days with a base of 5,000,000: interest = (5,000,000 x 0.05% + 3,000,000 x 1.00%) x 90 / 360
    /// = 625 + 7,500 = 8,125; FTP 8,000,000 x 1.60% / 4 = 32,000; cost x 0.20% / 4 = 4,000; value = 32,000 - 8,125
    /// - 4,000 + 1,500 fees = 21,375.
    @Test func agreementDeposit() throws {
        var texts: [PricingField: String] = [.balance: "8000000", .days: "90", .rate: "0.05", .ftp: "1.60", .operatingCost: "0.20",
                                             .agreementBase: "5000000", .agreementRate: "1.00", .fees: "1500"]
        #expect(try deposit(texts) == DepositResult(ftpCredit: 32_000_00, interestPaid: 8_125_00, operatingCost: 4_000_00,
                                                    fees: 1_500_00, value: 21_375_00))
        texts[.balance] = "3000000"
        #expect(try deposit(texts).interestPaid == 375_00, "below the base all of it earns the demand rate: 3,000,000 x 0.05% / 4")
    }

    /// 1,000,000.01 yuan for 31 days at 0.35% / 365: 1,000,000.01 x 0.35% x 31 / 365 = 297.2602769... -> 297.26;
    /// FTP 1.35%: 1,146.5753... -> 1,146.58; cost 0.1%: 84.9315... -> 84.93; value 1,146.58 - 297.26 - 84.93 = 764.39.
    @Test func oddDaysRoundEachFigureOnce() throws {
        let result = try deposit([.balance: "1000000.01", .days: "31", .rate: "0.35", .ftp: "1.35", .operatingCost: "0.1",
                                  .basis: "365"])
        #expect(result == DepositResult(ftpCredit: 1_146_58, interestPaid: 297_26, operatingCost: 84_93, fees: 0, value: 764_39))
    }

    @Test func badInputs() {
        let good: [PricingField: String] = [.balance: "1000", .days: "30", .rate: "0.05", .ftp: "1.6", .operatingCost: "0.2"]
        func with(_ field: PricingField, _ text: String) -> [PricingField: String] {
            var texts = good
            texts[field] = text
            return texts
        }
        #expect(depositError(good) == nil)
        #expect(depositError(with(.balance, "-1")) == PricingError(.notAboveZero, field: .balance))
        #expect(depositError(with(.days, "0")) == PricingError(.notAboveZero, field: .days))
        #expect(depositError(with(.fees, "-3")) == PricingError(.negative, field: .fees))
        #expect(depositError(with(.agreementBase, "500")) == PricingError(.needs(.agreementRate), field: .agreementBase))
        #expect(depositError(with(.agreementRate, "1")) == PricingError(.needs(.agreementBase), field: .agreementRate))
        #expect(depositError(with(.rate, "abc")) == PricingError(.notANumber, field: .rate))
        #expect(depositError(with(.rate, "  ")) == PricingError(.missing, field: .rate), "blank counts as not given")
    }
}

@Suite struct PricingTextTests {
    @Test func percentTextIsExact() {
        #expect(PricingText.percent(ppm: 42_500, minimumDecimals: 2) == "4.25")
        #expect(PricingText.percent(ppm: 61_905, minimumDecimals: 2) == "6.1905")
        #expect(PricingText.percent(ppm: -1_250, minimumDecimals: 2) == "-0.125")
        #expect(PricingText.percent(ppm: 250_000) == "25")
        #expect(PricingText.percent(ppm: 105_000) == "10.5")
        #expect(PricingDefaults.standard.text(of: .basis) == "360")
        #expect(PricingDefaults.standard.text(of: .amount) == nil)
    }
}
