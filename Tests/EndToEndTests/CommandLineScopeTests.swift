// The command line against the tiny demo bank: every query, report and export run with `--as` keeps to that
// member of staff's book, and a user without the function's permission is refused with the permission named.
//
// Needs `.build/debug/crm` (run `swift build` first; `make test` does), else the tests are skipped.

import CRMCore
import CRMStore
import Foundation
import XCTest

final class CommandLineScopeTests: XCTestCase {
    private static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crm-cli-\(getpid())")
    private static var databasePath: String { folder.appendingPathComponent("bank.sqlite").path }
    nonisolated(unsafe) private static var prepared = false

    private var binary: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        let path = ProcessInfo.processInfo.environment["CRM_E2E_BINARY"]
            ?? TerminalUITests.repoRoot.appendingPathComponent(".build/debug/crm").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("the crm binary is missing at \(path); run `swift build` first (make test does)")
        }
        binary = path
        if !Self.prepared {
            try? FileManager.default.removeItem(at: Self.folder)
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            let demo = try crm(["demo", "--scale", "tiny", "--no-tui"])
            XCTAssertEqual(demo.status, 0, demo.err)
            Self.prepared = true
        }
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    /// A relationship manager reaches nothing outside their book through any command, and an unknown customer
    /// and another manager's customer get the same answer.
    func testNoCommandLeaksACustomerOutsideTheScope() throws {
        let everyone = try customerIDs(as: "hq")
        let book = try customerIDs(as: "rm")
        XCTAssertFalse(book.isEmpty)
        XCTAssertLessThan(book.count, everyone.count)
        let outsider = try XCTUnwrap(everyone.subtracting(book).sorted().first)
        let insider = try XCTUnwrap(book.sorted().first)
        let lastDate = try XCTUnwrap(try AppDatabase.open(path: Self.databasePath).writer.read { try LoadedDates.range($0) }?.upperBound)
        let day = lastDate.description, monthStart = lastDate.startOfMonth.description

        let perCustomer: [[String]] = [
            ["customer", "show", "%"], ["balances", "--customer", "%", "--as-of", day],
            ["fundflow", "--customer", "%", "--from", monthStart, "--to", day],
            ["average", "--customer", "%", "--from", monthStart, "--to", day],
            ["recommend", "--customer", "%"],
        ]
        for command in perCustomer {
            let mine = try crm(command.map { $0 == "%" ? insider : $0 } + ["--as", "rm", "--json"])
            XCTAssertEqual(mine.status, 0, "\(command) on the manager's own customer: \(mine.err)")
            let theirs = try crm(command.map { $0 == "%" ? outsider : $0 } + ["--as", "rm", "--json"])
            let unknown = try crm(command.map { $0 == "%" ? "9999999999" : $0 } + ["--as", "rm", "--json"])
            XCTAssertEqual(theirs.status, 1, "\(command) on another manager's customer must fail")
            XCTAssertTrue(theirs.out.isEmpty, "\(command) printed data for another manager's customer: \(theirs.out)")
            XCTAssertEqual(theirs.err.replacingOccurrences(of: outsider, with: "X"), unknown.err.replacingOccurrences(of: "9999999999", with: "X"),
                           "\(command): another manager's customer reads as an unknown one")
        }

        // Lists, reports and exports: every customer id printed is in the book.
        var outputs: [(String, String)] = []
        outputs.append(("search", try crm(["customer", "search", "", "--limit", "100000", "--as", "rm", "--json"]).out))
        outputs.append(("alerts", try crm(["alerts", "--as-of", day, "--as", "rm", "--json"]).out))
        outputs.append(("churn", try crm(["churn", "--as-of", day, "--as", "rm", "--json"]).out))
        // A named list taking in every customer: shown to the manager, only their book.
        let created = try crm(["list", "create", "全部公司", "--rule", "name:公司", "--as", "hq"])
        XCTAssertEqual(created.status, 0, created.err)
        let list = try crm(["list", "show", "全部公司", "--as", "rm", "--json"])
        XCTAssertEqual(list.status, 0, list.err)
        XCTAssertTrue(list.out.contains(insider), "the list shows the book")
        outputs.append(("list show", list.out))
        outputs.append(("opportunities", try crm(["opportunities", "--as", "rm", "--json"]).out))
        outputs.append(("tasks", try crm(["tasks", "--as", "rm", "--json"]).out))
        outputs.append(("prospects", try crm(["prospects", "--as", "rm", "--json"]).out))
        let reports = try crm(["report", "--list"]).out.split(separator: "\n").compactMap { line -> String? in
            let name = line.split(separator: " ").first.map(String.init) ?? ""
            return name.contains("-") && name.first?.isLowercase == true && name.allSatisfy({ $0.isLowercase || $0 == "-" }) ? name : nil
        }
        XCTAssertGreaterThanOrEqual(reports.count, 5, "the report list: \(reports)")
        for report in reports {
            let shown = try crm(["report", report, "--format", "csv", "--as", "rm"])
            XCTAssertEqual(shown.status, 0, "\(report): \(shown.err)")
            outputs.append((report, shown.out))
            let file = Self.folder.appendingPathComponent("\(report).csv")
            let exported = try crm(["report", report, "--format", "csv", "--out", file.path, "--as", "rm"])
            XCTAssertEqual(exported.status, 0, "\(report) --out: \(exported.err)")
            outputs.append((report + " --out", try String(contentsOf: file, encoding: .utf8)))
        }
        let bankIDs = everyone
        for (what, text) in outputs {
            let printed = Set(Self.customerIDPattern.matches(in: text).filter { bankIDs.contains($0) })
            XCTAssertTrue(printed.isSubset(of: book), "\(what) shows customers outside the book: \(printed.subtracting(book).sorted())")
        }
        XCTAssertTrue(outputs[0].1.contains(insider), "the search lists the book")
    }

    /// Without the function's permission the command is refused (exit 1) and the permission named; an
    /// administrator's commands refuse anyone else.
    func testADeniedCommandNamesTheMissingPermission() throws {
        let denied: [[String]] = [
            ["customer", "search", "公司"], ["report", "effective-accounts"], ["alerts", "--as-of", "2025-01-02"],
        ]
        for command in denied {
            let result = try crm(command + ["--as", "admin"])
            XCTAssertEqual(result.status, 1, "\(command) as an administrator")
            XCTAssertTrue(result.err.contains("缺少权限：ui."), "\(command): \(result.err)")
        }
        let search = try crm(["customer", "search", "公司", "--as", "admin"])
        XCTAssertTrue(search.err.contains("ui.customerSearch"), search.err)
        let assign = try crm(["customer", "assign", "8010000001", "--main", "E010006", "--as", "rm"])
        XCTAssertEqual(assign.status, 1)
        XCTAssertTrue(assign.err.contains("缺少权限：ui.assignManagers"), assign.err)
        for command in [["admin", "user", "lock", "E010006"], ["admin", "org", "rename", "101011", "--name", "x"],
                        ["admin", "role", "edit", "rm", "--deny", "ui.cockpit"]] {
            let result = try crm(command + ["--as", "rm"])
            XCTAssertEqual(result.status, 1, "\(command) as a relationship manager")
            XCTAssertTrue(result.err.contains("只有系统管理员"), "\(command): \(result.err)")
        }
    }

    // MARK: - Helpers

    private static let customerIDPattern = try! NSRegularExpression(pattern: "\\b[0-9]{10}\\b")

    private func customerIDs(as staff: String) throws -> Set<String> {
        let result = try crm(["customer", "search", "", "--limit", "100000", "--as", staff, "--json"])
        XCTAssertEqual(result.status, 0, result.err)
        return Set(Self.customerIDPattern.matches(in: result.out))
    }

    struct Result { var status: Int32; var out: String; var err: String }

    /// Runs crm on the test bank; output goes through files so a large one never blocks a pipe.
    private func crm(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments + ["--db", Self.databasePath]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["XDG_CACHE_HOME"] = Self.folder.appendingPathComponent("cache").path
        process.environment = environment
        let outURL = Self.folder.appendingPathComponent("out.txt"), errURL = Self.folder.appendingPathComponent("err.txt")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: try String(contentsOf: outURL, encoding: .utf8),
                      err: try String(contentsOf: errURL, encoding: .utf8))
    }
}

private extension NSRegularExpression {
    func matches(in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}
