import CRMCore
import CRMStore
import TUI
import XCTest
@testable import CRMApp

final class PasswordSignInTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    /// The tiny bank as a real installation: an administrator initialised, an RM's account made, fast bcrypt.
    private func installation(idleMinutes: Int = 15) throws -> (AppShell, rm: String, temporary: String) {
        let database = try TinyBankFixture.fresh()
        try database.writer.write { db in
            try db.execute(sql: "UPDATE sys_setting SET value = '4' WHERE key = 'bcrypt_cost'")
            try db.execute(sql: "UPDATE sys_setting SET value = ? WHERE key = 'idle_lock_minutes'", arguments: [idleMinutes])
        }
        let accounts = Accounts(database: database, clock: TinyBankFixture.clock)
        let (admin, rm) = try database.writer.read { db in
            (try StaffDirectory.firstActive(db, role: .administrator)!, try StaffDirectory.firstActive(db, role: .relationshipManager)!)
        }
        try accounts.initialize(administrator: admin.staffID, password: "Adm1n!Passw0rd")
        let temporary = try accounts.create(staffID: rm.staffID, by: admin)
        let services = try AppServices(database: database, clock: TinyBankFixture.clock, isDemo: false)
        return (try AppShell(services: services, language: .chinese, plain: false, signIn: nil), rm.staffID, temporary)
    }

    func testAWrongPasswordKeepsTheStaffIdAndATemporaryOneMustBeChanged() throws {
        let (shell, rm, temporary) = try installation()
        let session = HeadlessSession(shell, size: TestSize.large)
        XCTAssertTrue(session.screen.contains("登录对公客户关系管理系统"), session.screen)
        session.type(rm)
        session.press(.tab)
        session.type("wrong-Passw0rd")
        XCTAssertFalse(session.screen.contains("wrong-Passw0rd"), "the password shows as stars")
        session.press(.enter)
        XCTAssertTrue(session.screen.contains("工号或密码不正确"), session.screen)
        XCTAssertTrue(session.screen.contains(rm), "the staff id stays")
        session.press(.tab)
        session.type(temporary)
        session.press(.enter)
        XCTAssertTrue(session.screen.contains("请先修改密码"), session.screen)
        session.type("N3w!Passw0rd")
        session.press(.tab)
        session.type("N3w!Passw0rd")
        session.press(.enter)
        XCTAssertEqual(shell.current.kind, .home, session.screen)
        XCTAssertEqual(shell.session.profile.staffID, rm)
    }

    func testTheIdleLockNeedsThePasswordAndEscDoesNotLiftIt() throws {
        let (shell, _, _) = try installation(idleMinutes: 0)
        let session = HeadlessSession(shell, size: TestSize.large)
        session.type(try shell.services.database.writer.read { try StaffDirectory.firstActive($0, role: .administrator)!.staffID })
        session.press(.tab)
        session.type("Adm1n!Passw0rd")
        session.press(.enter)
        XCTAssertEqual(shell.current.kind, .home, session.screen)
        _ = session.loop.step(timeoutMilliseconds: 0)
        XCTAssertTrue(session.screen.contains("已锁屏"), session.screen)
        session.press(.escape)
        XCTAssertTrue(session.screen.contains("已锁屏"), "Esc does not unlock")
        session.type("guess")
        session.press(.enter)
        XCTAssertTrue(session.screen.contains("工号或密码不正确"), session.screen)
        session.press(.control("u"))
        session.type("Adm1n!Passw0rd")
        session.press(.enter)
        XCTAssertFalse(session.screen.contains("已锁屏"), session.screen)
    }
}
