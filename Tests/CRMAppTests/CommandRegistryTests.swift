@testable import CRMApp
import TUI
import Foundation
import XCTest

final class CommandRegistryTests: XCTestCase {
    func testEveryFunctionKeyHasALetterAlternative() {
        for command in CommandRegistry.all where command.functionKey != nil {
            XCTAssertFalse(command.keys.isEmpty, "\(command.id) has F\(command.functionKey!) but no other key")
        }
    }

    func testNoTwoCommandsShareAKeyOnOneScreen() {
        for screen in ScreenKind.allCases {
            var owners: [Key: CommandID] = [:]
            for command in CommandRegistry.all where command.scope != .navigation && command.applies(on: screen) {
                for key in command.allKeys {
                    if let other = owners[key], commandScopeRank(other) == commandScopeRank(command.id) {
                        XCTFail("\(key.label) means both \(other) and \(command.id) on \(screen)")
                    }
                    owners[key] = command.id
                }
            }
        }
    }

    /// Screen commands may reuse a global key on their screen (they win there); two of the same rank may not.
    private func commandScopeRank(_ id: CommandID) -> Int {
        if case .screens = CommandRegistry.command(id).scope { return 1 }
        return 0
    }

    func testPaletteFindsFunctionsByChinesePinyinInitialsAndEnglish() {
        func first(_ query: String) -> CommandID? { CommandRegistry.search(query, on: .home).first?.id }
        XCTAssertEqual(first("驾驶舱"), .cockpit)
        XCTAssertEqual(first("jiashicang"), .cockpit)
        XCTAssertEqual(first("jsc"), .cockpit)
        XCTAssertEqual(first("rcap"), .schedule)
        XCTAssertEqual(first("gzt"), .home)
        XCTAssertEqual(first("cockpit"), .cockpit)
        XCTAssertEqual(first("announ"), .announcements)
        XCTAssertEqual(first("zyk"), .alerts, "重要 reads zhong yao")
        XCTAssertTrue(CommandRegistry.search("qqqqq", on: .home).isEmpty)
    }

    func testPinyinOfBankingWordsIsRight() {
        XCTAssertEqual(CommandRegistry.command(.home).pinyinInitials, "khjlgzt")
    }
}

final class KeyTableTests: XCTestCase {
    /// docs/user-guide.md carries the generated key table; after a change to the registry, paste `crm keys` there.
    func testTheUserGuideHasTheCurrentKeyTable() throws {
        let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/user-guide.md")
        let text = try String(contentsOf: guide, encoding: .utf8)
        XCTAssertTrue(text.contains(KeyTable.markdown), "docs/user-guide.md lacks the current key table; paste the output of `crm keys`")
    }
}
