@testable import CRMApp
import CRMCore
import CRMStore
import TUI
import XCTest

final class ProfitSimulationScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    private func open(_ size: Size, language: Language = .chinese) throws -> HeadlessSession {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .relationshipManager, language: language), size: size)
        session.press(.character("$"))
        XCTAssertEqual(session.shell.current.kind, .profitSimulation)
        return session
    }

    /// Replaces what the focused scenario holds in one input: up to the first input, down to this one, clear, type.
    private func set(_ field: PricingField, _ text: String, in session: HeadlessSession, calculator: PricingCalculator = .loan) {
        let fields = calculator.fields
        session.press(Array(repeating: Key.up, count: fields.count))
        session.press(Array(repeating: Key.down, count: fields.firstIndex(of: field)!))
        session.press(.end, .control("u"))
        session.type(text)
    }

    /// domain.md's worked example in scenario 1 (days, risk weight, capital ratio, tax, hurdle and basis start filled).
    private func typeWorkedExample(_ session: HeadlessSession) {
        for (field, text) in [(PricingField.amount, "10000000"), (.rate, "3.50"), (.ftp, "1.90"), (.operatingCost, "0.50"), (.pd, "1"),
                              (.lgd, "45")] {
            set(field, text, in: session)
        }
    }

    /// The style of the cell where `text` starts on the screen.
    private func style(of text: String, in session: HeadlessSession) throws -> Style {
        let lines = session.screen.components(separatedBy: "\n")
        let y = try XCTUnwrap(lines.firstIndex { $0.contains(text) }, "no \(text) on\n\(session.screen)")
        let prefix = lines[y][..<lines[y].range(of: text)!.lowerBound]
        return session.grid[DisplayWidth.of(prefix), y].style
    }

    func testWorkedExampleAndTwoVariantsSideBySide() throws {
        for size in [TestSize.small, TestSize.large] {
            let session = try open(size)
            typeWorkedExample(session)
            for figure in ["350,000.00", "190,000.00", "45,000.00", "65,000.00", "1,050,000.00", "6.19%", "4.64%", "-56,250.00", "4.25%"] {
                XCTAssertTrue(session.screen.contains(figure), "\(size): no \(figure) in\n\(session.screen)")
            }
            session.press(.character("n"))
            set(.riskWeight, "75", in: session)
            session.press(.character("n"))
            set(.rate, "", in: session)
            set(.lpr, "3.00", in: session)
            set(.spread, "-20", in: session)
            // Scenario 2 at risk weight 75%; scenario 3 its copy at LPR - 20 bp: 280,000 - 190,000 - 50,000 - 45,000 = -5,000
            // before tax, -3,750 after; EVA -3,750 - 78,750 = -82,500; RAROC -5,000 / 787,500 = -0.63%.
            for figure in ["787,500.00", "3.90%", "-30,000.00", "280,000.00", "-5,000.00", "-82,500.00", "-0.63%"] {
                XCTAssertTrue(session.screen.contains(figure), "\(size): no \(figure) in\n\(session.screen)")
            }
            XCTAssertEqual(try style(of: "-56,250.00", in: session).role, .negative, "a negative EVA takes the negative colour")
            assertFills(session.grid)
            try assertMatchesGolden(session.grid, name: "profit-simulation-loan-\(size.width)x\(size.height)")
        }
    }

    /// The relationship view adds the scenario to the customer's contribution; Ctrl-S saves it onto an opportunity,
    /// whose board then shows its headline figures. Opened from the customer 360 with `$`.
    func testTheRelationshipViewAndSavingOntoAnOpportunity() throws {
        let shell = try TinyBankFixture.shell(as: .relationshipManager)
        let database = shell.services.database
        let session = HeadlessSession(shell, size: TestSize.large)
        let customer = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? ORDER BY customer_id",
                                arguments: [shell.session.profile.staffID])!
        }
        let product = try database.writer.read { try OpportunityQuery.products($0).first!.code }
        XCTAssertTrue(shell.apply(CreateOpportunity(id: "deal", draft: OpportunityDraft(customerID: customer, productCode: product,
                                                                                        amount: 10_000_000_00, expectedDate: TinyBankFixture.lastDate))))
        shell.openCustomer(customer)
        session.press(.character("$"))
        XCTAssertEqual(shell.current.kind, .profitSimulation)
        let contribution = try database.writer.read {
            try CustomerContribution.load($0, customerID: customer, scope: shell.session.scope)
        }
        XCTAssertTrue(session.screen.contains("关联客户 \(contribution.name)"), session.screen)
        typeWorkedExample(session)
        // The worked example adds 65,000.00 before tax and -56,250.00 of EVA.
        XCTAssertTrue(session.screen.contains(Amount.short(contribution.profitBeforeTax + 65_000_00, .chinese)), session.screen)
        XCTAssertTrue(session.screen.contains(Amount.short(contribution.eva - 56_250_00, .chinese)), session.screen)
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("存入商机"), session.screen)
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("已存入商机"), session.screen)
        let saved = try database.writer.read { try OpportunityQuery.scenarios($0, id: "deal") }
        XCTAssertEqual(saved.first?.profitAfterTax, 48_750_00)
        XCTAssertEqual(saved.first?.rarocAfterTaxBP, 464)
        XCTAssertEqual(saved.first?.eva, -56_250_00)
        session.press(.character("o"))
        XCTAssertTrue(session.screen.contains("税后RAROC 4.64%"), session.screen)
    }

    /// The goal: the figures on the frame drawn after each keystroke.
    func testEveryKeystrokeRecalculatesBeforeTheNextFrame() throws {
        let session = try open(TestSize.small)
        typeWorkedExample(session)
        set(.amount, "", in: session)
        XCTAssertTrue(session.screen.contains("贷款金额：必填"), session.screen)
        for (key, shown) in [("1", " 0.04"), ("0", " 0.35"), ("0", " 3.50"), (".", "贷款金额：不是数字"), ("5", " 3.52")] {
            session.type(key)
            XCTAssertTrue(session.screen.contains(shown), "after \(key): no \(shown) in\n\(session.screen)")
        }
    }

    func testRefusedInputsShowTheirReasonInTheirScenario() throws {
        let session = try open(TestSize.large)
        typeWorkedExample(session)
        set(.amount, "-5", in: session)
        XCTAssertTrue(session.screen.contains("! 贷款金额：须大于零"), session.screen)
        set(.amount, "100", in: session)
        set(.lpr, "3", in: session)
        XCTAssertTrue(session.screen.contains("! 利率：与 LPR 加点二选一"), session.screen)
        XCTAssertEqual(try style(of: "! 利率", in: session).role, .error)
        set(.lpr, "", in: session)
        set(.riskWeight, "0", in: session)
        XCTAssertTrue(session.screen.contains("无定义"), "RAROC on zero capital is undefined:\n\(session.screen)")
    }

    func testAgreementDepositAndTheCalculatorSwitch() throws {
        let session = try open(TestSize.small)
        set(.amount, "10000000", in: session)
        session.press(.character("v"))
        for (field, text) in [(PricingField.balance, "8000000"), (.days, "90"), (.rate, "0.05"), (.ftp, "1.60"), (.operatingCost, "0.20"),
                              (.agreementBase, "5000000"), (.agreementRate, "1.00"), (.fees, "1500")] {
            set(field, text, in: session, calculator: .deposit)
        }
        for figure in ["32,000.00", "8,125.00", "4,000.00", "1,500.00", "21,375.00"] {
            XCTAssertTrue(session.screen.contains(figure), "no \(figure) in\n\(session.screen)")
        }
        assertFills(session.grid)
        try assertMatchesGolden(session.grid, name: "profit-simulation-deposit-80x24")
        session.press(.character("v"))
        XCTAssertTrue(session.screen.contains("10000000"), "the loan inputs stay while the deposit is shown:\n\(session.screen)")
    }

    func testAtMostThreeScenariosAndOneStays() throws {
        let session = try open(TestSize.large)
        let screen = try XCTUnwrap(session.shell.current as? ProfitSimulationScreen)
        session.press(.character("x"))
        XCTAssertEqual(screen.scenarios.count, 1)
        XCTAssertTrue(session.screen.contains("至少保留一个方案"), session.screen)
        session.press(.character("n"), .character("n"), .character("n"))
        XCTAssertEqual(screen.scenarios.count, 3)
        XCTAssertTrue(session.screen.contains("最多 3 个方案"), session.screen)
        session.press(.tab)
        XCTAssertEqual(screen.column, 0, "Tab goes round the scenarios")
        session.press(.character("x"))
        XCTAssertEqual(screen.scenarios.count, 2)
    }

    func testPlainModeDrawsOnlyASCIIRulesAndHints() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .relationshipManager, plain: true), size: TestSize.small)
        session.press(.character("$"))
        let drawing = session.screen.unicodeScalars.filter { (0x2190...0x21FF).contains($0.value) || (0x2500...0x259F).contains($0.value) }
        XCTAssertTrue(drawing.isEmpty, "plain screen draws \(String(String.UnicodeScalarView(drawing))):\n\(session.screen)")
        XCTAssertTrue(session.screen.contains("Up/Down"), session.screen)
    }

    func testEnglishAndWhoMayOpenIt() throws {
        let session = try open(TestSize.large, language: .english)
        typeWorkedExample(session)
        for text in ["Profit simulation", "Amount (yuan)", "Term (days)", "Break-even rate", "Scenario 1", "-56,250.00"] {
            XCTAssertTrue(session.screen.contains(text), "no \(text) in\n\(session.screen)")
        }
        assertFills(session.grid)
        for role in [StaffRole.relationshipManager, .teamLead, .branchHead, .headOffice] {
            let shell = try TinyBankFixture.shell(as: role)
            XCTAssertTrue(shell.session.permissions.contains("ui.profitSimulation"), "\(role)")
        }
    }
}
