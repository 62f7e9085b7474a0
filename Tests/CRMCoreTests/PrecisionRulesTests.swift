import Testing
@testable import CRMCore

@Suite struct ChurnRulesTests {
    /// Monthly averages in yuan, the latest first.
    static func months(_ yuan: [Int64?]) -> [Int64?] { yuan.map { $0.map { $0 * 100 } } }

    static func codes(_ figures: ChurnFigures) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: ChurnRules.signals(figures).map { ($0.code.rawValue, $0.points) })
    }

    @Test func depositDropFiresFromExactly30And50Percent() {
        // Mean of the 3 months before: 1,000,000.
        #expect(Self.codes(ChurnFigures(monthAverages: Self.months([700_000, 1_000_000, 1_000_000, 1_000_000]))) == ["DEPOSIT_DROP": 20])
        let justAbove = ChurnFigures(monthAverages: [70_000_001, 100_000_000, 100_000_000, 100_000_000])
        #expect(Self.codes(justAbove).isEmpty)
        #expect(Self.codes(ChurnFigures(monthAverages: Self.months([500_000, 1_000_000, 1_000_000, 1_000_000]))) == ["DEPOSIT_DROP": 30])
        let justBelowHalf = ChurnFigures(monthAverages: [50_000_001, 100_000_000, 100_000_000, 100_000_000])
        #expect(Self.codes(justBelowHalf) == ["DEPOSIT_DROP": 20])
        // A month not loaded, or nothing before, decides nothing.
        #expect(Self.codes(ChurnFigures(monthAverages: Self.months([0, 1_000_000, 1_000_000, nil]))).isEmpty)
        #expect(Self.codes(ChurnFigures(monthAverages: Self.months([0, 0, 0, 0]))).isEmpty)
    }

    @Test func depositDeclineNeedsThreeStrictFallsInARow() {
        #expect(Self.codes(ChurnFigures(monthAverages: Self.months([970, 980, 990, 1_000]))) == ["DEPOSIT_DECLINE": 15])
        #expect(Self.codes(ChurnFigures(monthAverages: Self.months([970, 980, 980, 1_000]))).isEmpty)
        #expect(Self.codes(ChurnFigures(monthAverages: Self.months([970, 980, 990, 985]))).isEmpty)
    }

    @Test func outOfBankOutflowsFireFromExactly60Percent() {
        #expect(Self.codes(ChurnFigures(outOfBankOutflow: 60, totalOutflow: 100)) == ["OUT_OF_BANK_OUTFLOW": 15])
        #expect(Self.codes(ChurnFigures(outOfBankOutflow: 59_999, totalOutflow: 100_000)).isEmpty)
        #expect(Self.codes(ChurnFigures(outOfBankOutflow: 0, totalOutflow: 0)).isEmpty)
    }

    @Test func sameNameTransferFiresFromTheMinimumOrExactly30PercentOfTheMTDAverage() {
        #expect(Self.codes(ChurnFigures(largestTransfer: 1_000_000_00, mtdAverage: 100_000_000_00)) == ["SAME_NAME_TRANSFER": 15])
        #expect(Self.codes(ChurnFigures(largestTransfer: 999_999_99, mtdAverage: 100_000_000_00)).isEmpty)
        #expect(Self.codes(ChurnFigures(largestTransfer: 300_000_00, mtdAverage: 1_000_000_00)) == ["SAME_NAME_TRANSFER": 15])
        #expect(Self.codes(ChurnFigures(largestTransfer: 299_999_99, mtdAverage: 1_000_000_00)).isEmpty)
        #expect(Self.codes(ChurnFigures(largestTransfer: nil, mtdAverage: 0)).isEmpty)
    }

    @Test func activityFiresBelowHalfTheMonthlyMeanOnly() {
        // 90 days before: 6 transactions, a monthly mean of 2; exactly half (1) does not fire, none does.
        #expect(Self.codes(ChurnFigures(recentTransactions: 1, priorTransactions: 6)).isEmpty)
        #expect(Self.codes(ChurnFigures(recentTransactions: 0, priorTransactions: 6)) == ["ACTIVITY_DROP": 10])
        #expect(Self.codes(ChurnFigures(recentTransactions: 1, priorTransactions: 7)) == ["ACTIVITY_DROP": 10])
        #expect(Self.codes(ChurnFigures(recentTransactions: 0, priorTransactions: nil)).isEmpty)
        #expect(Self.codes(ChurnFigures(recentTransactions: 0, priorTransactions: 0)).isEmpty)
    }

    @Test func creditExitIsOneSignalForEitherCause() {
        let both = ChurnRules.signals(ChurnFigures(earlySettledLoan: "L1", unrenewedLimit: "K1"))
        #expect(both.map(\.points) == [15])
        #expect(both[0].text.contains("L1") && both[0].text.contains("K1"))
        #expect(Self.codes(ChurnFigures(unrenewedLimit: "K1")) == ["CREDIT_EXIT": 15])
    }

    @Test func bandsAndTheCap() {
        #expect(ChurnBand(score: 34) == .green)
        #expect(ChurnBand(score: 35) == .amber)
        #expect(ChurnBand(score: 59) == .amber)
        #expect(ChurnBand(score: 60) == .red)
        #expect(ChurnBand(score: 0) == .green)
        let everything = ChurnFigures(
            monthAverages: Self.months([100, 400, 500, 600]), outOfBankOutflow: 100, totalOutflow: 100, largestTransfer: 1_000_000_00,
            mtdAverage: 0, recentTransactions: 0, priorTransactions: 30, earlySettledLoan: "L1")
        let signals = ChurnRules.signals(everything)
        #expect(signals.count == 6 && signals.reduce(0) { $0 + $1.points } == 100)
        #expect(ChurnRules.score(signals) == 100)
        #expect(ChurnRules.score(signals + signals) == 100)
    }
}

@Suite struct ProductNeedRulesTests {
    static let defaults = ProductNeedThresholds()

    static func rules(_ figures: ProductNeedFigures) -> [ProductNeed.Rule] {
        ProductNeedRules.needs(figures, thresholds: defaults).map(\.rule)
    }

    @Test func idleDemandNeedsTheBalanceAndLittleOutflow() {
        #expect(Self.rules(ProductNeedFigures(demandBalance: 5_000_000_00, recentOutflow: 1_000_000_00)) == [.idleDemand])
        #expect(Self.rules(ProductNeedFigures(demandBalance: 5_000_000_00, recentOutflow: 1_000_000_01)).isEmpty)
        #expect(Self.rules(ProductNeedFigures(demandBalance: 4_999_999_99, recentOutflow: 0)).isEmpty)
        let need = ProductNeedRules.needs(ProductNeedFigures(demandBalance: 6_000_000_00), thresholds: Self.defaults)
        #expect(need.first?.categories == [.agreementDeposit, .wealth])
    }

    @Test func payrollTradeAndSupplyChain() {
        #expect(Self.rules(ProductNeedFigures(payrollMonths: 3)) == [.payroll])
        #expect(Self.rules(ProductNeedFigures(payrollMonths: 2)).isEmpty)
        #expect(Self.rules(ProductNeedFigures(tradeCounterparties: ["厦门象屿进出口有限公司"])) == [.trade])
        #expect(Self.rules(ProductNeedFigures(supplierRecent: 1_200_000_00, supplierPrior: 1_000_000_00)) == [.supplyChain])
        #expect(Self.rules(ProductNeedFigures(supplierRecent: 1_199_999_99, supplierPrior: 1_000_000_00)).isEmpty)
        #expect(Self.rules(ProductNeedFigures(supplierRecent: 1_000_000_00, supplierPrior: 0)).isEmpty)
    }

    @Test func settingsChangeTheThresholds() {
        var thresholds = ProductNeedThresholds()
        thresholds.payrollMinimumMonths = 2
        #expect(ProductNeedRules.needs(ProductNeedFigures(payrollMonths: 2), thresholds: thresholds).map(\.rule) == [.payroll])
    }
}

@Suite struct ProductRecommendationRulesTests {
    static let idle = ProductNeed(rule: .idleDemand, categories: [.agreementDeposit, .wealth], text: "idle")

    @Test func heldCategoriesAreLeftOutAndNeedsRankFirst() {
        let ranked = ProductRecommendationRules.rank(
            needs: [Self.idle], peerShareBP: [.wealth: 5_000, .loan: 8_000, .guarantee: 1_999, .demandDeposit: 10_000],
            held: [.demandDeposit, .agreementDeposit])
        // Agreement deposits are held; wealth: 50 + 40 x 50% = 70; loans: 40 x 80% = 32; guarantees under 20% without a need.
        #expect(ranked.map(\.category) == [.wealth, .loan])
        #expect(ranked.map(\.score) == [70, 32])
        #expect(ranked[0].needs == [.idleDemand] && ranked[0].reasons.count == 2)
        #expect(!ranked.contains { $0.category == .demandDeposit })
    }

    @Test func equalScoresRankByPeerShareThenCatalogueOrder() {
        let ranked = ProductRecommendationRules.rank(needs: [], peerShareBP: [.fx: 2_500, .loan: 2_500, .wealth: 2_600], held: [])
        #expect(ranked.map(\.category) == [.wealth, .loan, .fx])
    }
}
