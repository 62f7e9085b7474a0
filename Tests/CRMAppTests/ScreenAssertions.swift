import Foundation
import TUI
import XCTest

/// Every row of the screen measures exactly the terminal's width.
func assertFills(_ grid: Grid, file: StaticString = #filePath, line: UInt = #line) {
    for violation in grid.widthViolations() { XCTFail(violation, file: file, line: line) }
}

/// Compares the screen with Tests/CRMAppTests/Screens/NAME.txt. With CRM_RECORD_SCREENS=1 the file is written
/// instead (review the diff before committing it).
func assertMatchesGolden(_ grid: Grid, name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let path = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Screens/\(name).txt").path
    if ProcessInfo.processInfo.environment["CRM_RECORD_SCREENS"] == "1" {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try grid.text.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        return XCTFail("no golden screen \(path); run with CRM_RECORD_SCREENS=1 to write it", file: file, line: line)
    }
    if let report = grid.mismatch(expected) { XCTFail(report, file: file, line: line) }
}
