@testable import CRMApp
import CRMCore
import CRMStore
import TUI
import XCTest

final class WorkbenchScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testHomePageShowsEveryPanelAndFillsTheWidth() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let session = HeadlessSession(try TinyBankFixture.shell(as: .teamLead), size: size)
            assertFills(session.grid)
            let screen = session.screen
            for title in ["公告", "重要客户提醒", "今日日程与提醒", "经营概览", "数据日期 \(TinyBankFixture.lastDate)", "F1", "帮助"] {
                XCTAssertTrue(screen.contains(title), "\(size): no \(title) in\n\(screen)")
            }
            try assertMatchesGolden(session.grid, name: "home-lead-\(size.width)x\(size.height)")
        }
    }

    func testPlainModeDrawsNoLineBlockOrBrailleCharacters() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .headOffice, plain: true), size: TestSize.large)
        for keys in [[], [Key.character("d")], [.character("c")]] {
            session.press(keys)
            let drawing = session.screen.unicodeScalars.filter { scalar in
                (0x2190...0x21FF).contains(scalar.value) || (0x2500...0x259F).contains(scalar.value)
                    || (0x2800...0x28FF).contains(scalar.value) || scalar.value == 0x2026
            }
            XCTAssertTrue(drawing.isEmpty, "plain screen draws \(String(String.UnicodeScalarView(drawing))):\n\(session.screen)")
        }
    }

    func testEnglishInterface() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .headOffice, language: .english), size: TestSize.large)
        XCTAssertTrue(session.screen.contains("Announcements"), session.screen)
        XCTAssertTrue(session.screen.contains("As of \(TinyBankFixture.lastDate)"), session.screen)
        session.press(.character("L"))
        XCTAssertTrue(session.screen.contains("公告"), "L switches to Chinese")
    }

    func testCockpitDrillsDownFromHeadOfficeToAManagerAndBackUp() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .headOffice), size: TestSize.large)
        session.press(.character("d"))
        let cockpit = try XCTUnwrap(session.shell.current as? CockpitScreen)
        XCTAssertTrue(session.screen.contains("存款余额 13 个月"), session.screen)
        session.press(.character("v"))
        XCTAssertTrue(session.screen.contains("贷款余额 13 个月"), "v switches the trend to loans")
        session.press(.character("v"))
        XCTAssertEqual(cockpit.nodes.count, 1)
        session.press(.enter)
        XCTAssertEqual(cockpit.nodes.count, 2, "head office -> line")
        XCTAssertNotNil(cockpit.nodes.last?.line)
        session.press(.enter)
        XCTAssertEqual(cockpit.nodes.count, 3, "line -> branch")
        guard case .org = cockpit.nodes[2].kind else { return XCTFail("expected a branch, got \(cockpit.nodes[2])") }
        assertFills(session.grid)
        session.press(.character("u"))
        XCTAssertEqual(cockpit.nodes.count, 2)
        session.press(.backspace)
        XCTAssertEqual(cockpit.nodes.count, 1)
    }

    func testCockpitChildrenAddUpToTheirParent() throws {
        let database = try TinyBankFixture.fresh()
        try database.writer.read { db in
            let profile = try StaffDirectory.firstActive(db, role: .headOffice)!
            let root = try CockpitQuery.root(db, for: profile)!
            let bank = try CockpitQuery.view(db, node: root, date: TinyBankFixture.lastDate)
            XCTAssertGreaterThan(bank.current.depositBalance, 0)
            XCTAssertEqual(bank.children.map(\.current.depositBalance).reduce(0, +), bank.current.depositBalance,
                           "the lines add up to the bank")
            let line = try CockpitQuery.view(db, node: bank.children[0].node, date: TinyBankFixture.lastDate)
            XCTAssertEqual(line.children.map(\.current.depositBalance).reduce(0, +), line.current.depositBalance,
                           "a line's branches add up to the line (to the fen: one share-weighted rounding per customer)")
            XCTAssertEqual(bank.trend.last?.depositBalance, bank.current.depositBalance)
        }
    }

    func testHelpIsGeneratedFromTheRegistry() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .relationshipManager), size: TestSize.large)
        session.press(.function(1))
        for text in ["帮助", "功能检索", "Ctrl-P", "数据展示驾驶舱", "F10"] {
            XCTAssertTrue(session.screen.contains(text), "help lacks \(text):\n\(session.screen)")
        }
        session.press(.character("x"))
        XCTAssertFalse(session.screen.contains("按任意键关闭"))
    }

    func testPaletteRunsAFunctionFoundByPinyinInitials() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .teamLead), size: TestSize.small)
        session.press(.control("p"))
        session.type("rcap")
        XCTAssertTrue(session.screen.contains("日程安排"), session.screen)
        session.press(.enter)
        XCTAssertEqual(session.shell.current.kind, .schedule)
        session.press(.character(":"))
        session.type("驾驶")
        session.press(.enter)
        XCTAssertEqual(session.shell.current.kind, .cockpit)
    }

    func testScheduleFormKeepsWhatWasTypedAndSavesChinese() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .relationshipManager), size: TestSize.large)
        session.press(.character("c"))
        session.press(.character("n"))
        session.type("拜访福州客户")
        session.press(.tab)
        session.press(.control("u"))
        session.type("明天上午")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("明天上午"), "the bad time stays as typed:\n\(session.screen)")
        XCTAssertTrue(session.screen.contains("YYYY-MM-DD HH:MM"), session.screen)
        session.press(.control("u"))
        let day = TinyBankFixture.clock.now()
        session.type(ShanghaiTime.date(of: day).description + " 14:30")
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("拜访福州客户"), session.screen)
        XCTAssertTrue(session.screen.contains("日程已保存"), session.screen)
        session.press(.tab, .character("x"))
        let items = try session.shell.services.database.writer.read { db in
            try ScheduleQuery.items(db, staffID: session.shell.session.profile.staffID, from: ShanghaiTime.date(of: day),
                                    through: ShanghaiTime.date(of: day))
        }
        XCTAssertEqual(items.map(\.title), ["拜访福州客户"])
        XCTAssertTrue(items[0].isDone)
        let outbox = try session.shell.services.database.writer.read {
            try String.fetchAll($0, sql: "SELECT name FROM sys_outbox ORDER BY rowid")
        }
        XCTAssertEqual(outbox.suffix(2), ["schedule.create", "schedule.complete"])
    }

    func testADueReminderShowsOnTheHomePageAndAsAToast() throws {
        let shell = try TinyBankFixture.shell(as: .relationshipManager)
        let day = ShanghaiTime.date(of: TinyBankFixture.clock.now())
        let draft = ScheduleDraft(title: "回访八闽鞋服", startsAt: "\(day) 09:20", customerID: nil, remindMinutes: 30, note: "")
        XCTAssertTrue(shell.apply(SaveScheduleItem(.create, id: "reminder-test", draft: draft)))
        let session = HeadlessSession(shell, size: TestSize.large)
        _ = session.loop.step(timeoutMilliseconds: 0)
        XCTAssertTrue(session.screen.contains("提醒：09:20 回访八闽鞋服"), session.screen)
        XCTAssertTrue(session.screen.contains("! 回访八闽鞋服") || session.screen.contains("!回访八闽鞋服"), session.screen)
    }

    func testOnlyHeadOfficeAndBranchesPublishAndReadersSeeUnread() throws {
        let lead = HeadlessSession(try TinyBankFixture.shell(as: .teamLead), size: TestSize.large)
        lead.press(.character("b"), .character("n"))
        XCTAssertTrue(lead.screen.contains("缺少权限：ui.publish"), "the missing permission is named:\n\(lead.screen)")
        let unreadBefore = try unreadCount(lead)
        lead.press(.enter)
        XCTAssertEqual(try unreadCount(lead), unreadBefore - 1, "Enter marks the selected announcement read")
    }

    func testHomeLayoutIsSavedPerUser() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .relationshipManager), size: TestSize.large)
        session.press(.character("p"))
        session.press(.character(" "))
        session.press(.down, .character("J"))
        session.press(.control("s"))
        XCTAssertTrue(session.screen.contains("首页已保存"), session.screen)
        let saved = try session.shell.services.database.writer.read {
            try HomeLayoutQuery.panels($0, staffID: session.shell.session.profile.staffID)
        }
        XCTAssertEqual(saved, ["schedule", "alerts", "reminders", "cockpit"])
        session.press(.escape)
        XCTAssertEqual(session.shell.current.kind, .home)
        XCTAssertFalse(session.screen.contains("公告（"), "the hidden panel is gone:\n\(session.screen)")
        let firstRow = session.grid.lines[1]
        XCTAssertTrue(firstRow.hasPrefix("┌ 今日日程与提醒"), "the schedule panel comes first: \(firstRow)")
    }

    func testAlertOpensItsCustomer() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .headOffice), size: TestSize.large)
        session.press(.character("a"))
        XCTAssertEqual(session.shell.current.kind, .alerts)
        session.press(.enter)
        XCTAssertEqual(session.shell.current.kind, .customer, session.screen)
        let audited = try session.shell.services.database.writer.read { try AuditLog.query($0, action: "customer.view") }
        XCTAssertEqual(audited.first?.actor, session.shell.session.profile.staffID, "opening a 360 view is audited")
        XCTAssertEqual(try session.shell.services.database.writer.read { try AuditLog.query($0, action: "signin") }.count, 1)
        XCTAssertTrue(session.screen.contains("统一社会信用代码"), session.screen)
        session.press(.escape)
        XCTAssertEqual(session.shell.current.kind, .alerts)
    }

    func testTooSmallTerminalSaysWhatIsNeededAndRecovers() throws {
        let session = HeadlessSession(try TinyBankFixture.shell(as: .teamLead), size: TestSize.large)
        session.resize(Size(width: 60, height: 20))
        XCTAssertTrue(session.screen.contains("至少需要 80×24"), session.screen)
        session.resize(TestSize.small)
        XCTAssertTrue(session.screen.contains("经营概览"), session.screen)
        assertFills(session.grid)
    }

    private func unreadCount(_ session: HeadlessSession) throws -> Int {
        let profile = session.shell.session.profile
        return try session.shell.services.database.writer.read { db in
            try AnnouncementQuery.visible(db, to: profile).filter { !$0.read }.count
        }
    }
}

enum TestSize {
    static let small = Size(width: 80, height: 24)
    static let large = Size(width: 120, height: 40)
}
