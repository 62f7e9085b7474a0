// `crm calc` as a user runs it: the built binary, its standard output and exit status.

import Foundation
import XCTest

final class CalcCommandTests: XCTestCase {
    private var binary: String!

    override func setUpWithError() throws {
        binary = ProcessInfo.processInfo.environment["CRM_E2E_BINARY"]
            ?? TerminalUITests.repoRoot.appendingPathComponent(".build/debug/crm").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("the crm binary is missing at \(binary!); run `swift build` first (make test does)")
        }
    }

    /// Runs `crm` with the arguments; standard output, standard error and the exit status.
    private func crm(_ arguments: [String]) throws -> (output: String, error: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile(), err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), process.terminationStatus)
    }

    private let workedExample = ["calc", "loan", "--amount", "10000000", "--days", "360", "--rate", "3.50", "--ftp", "1.90",
                                 "--opex", "0.50", "--pd", "1", "--lgd", "45", "--risk-weight", "100", "--capital-ratio", "10.5",
                                 "--tax", "25", "--hurdle", "10", "--json"]

    func testLoanJSONIsDomainsWorkedExample() throws {
        let run = try crm(workedExample)
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertEqual(run.output, """
            {
              "interest": 350000.00,
              "ftp_charge": 190000.00,
              "operating_cost": 50000.00,
              "expected_loss": 45000.00,
              "capital": 1050000.00,
              "capital_charge": 105000.00,
              "profit_before_tax": 65000.00,
              "profit_after_tax": 48750.00,
              "raroc_before_tax": 6.19,
              "raroc_after_tax": 4.64,
              "eva": -56250.00,
              "breakeven_rate": 4.2500
            }

            """)
    }

    func testLPRWithANegativeSpreadAndTheTable() throws {
        let run = try crm(["calc", "loan", "--amount", "10000000", "--days", "360", "--lpr", "3.00", "--spread-bp", "-20", "--ftp", "1.90",
                           "--opex", "0.50", "--pd", "1", "--lgd", "45", "--risk-weight", "100"])
        XCTAssertEqual(run.status, 0, run.error)
        for line in ["利息收入 Interest               280,000.00", "EVA经济增加值 EVA              -108,750.00",
                     "税前RAROC RAROC before tax          -0.48%", "盈亏平衡利率 Break-even rate         4.25%"] {
            XCTAssertTrue(run.output.contains(line), "no \(line) in\n\(run.output)")
        }
    }

    func testAgreementDeposit() throws {
        let run = try crm(["calc", "deposit", "--balance", "8000000", "--days", "90", "--rate", "0.05", "--ftp", "1.60", "--opex", "0.20",
                           "--base", "5000000", "--agreement-rate", "1.00", "--fees", "1500", "--json"])
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertEqual(run.output, """
            {
              "ftp_credit": 32000.00,
              "interest_paid": 8125.00,
              "operating_cost": 4000.00,
              "fees": 1500.00,
              "value": 21375.00
            }

            """)
    }

    func testBadInputIsBadUsageNamingTheOption() throws {
        var arguments = workedExample
        arguments[arguments.firstIndex(of: "10000000")!] = "-5"
        let run = try crm(arguments)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.error.contains("--amount: must be above zero"), run.error)
        XCTAssertEqual(run.output, "")
        let missing = try crm(["calc", "deposit", "--balance", "1", "--days", "1", "--rate", "0", "--ftp", "1", "--opex", "0",
                               "--db", "/nonexistent/crm.sqlite"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.error.contains("no database at /nonexistent/crm.sqlite"), missing.error)
    }
}
