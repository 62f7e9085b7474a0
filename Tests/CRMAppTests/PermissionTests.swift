import CRMCore
import CRMStore
import TUI
import XCTest
@testable import CRMApp

final class PermissionTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    /// Every built-in role (through the position that gives it) against every module: it opens, or the toast
    /// names the missing permission.
    func testEveryRoleAgainstEveryModule() throws {
        let positions: [StaffRole] = [.relationshipManager, .teamLead, .branchHead, .headOffice, .administrator]
        for position in positions {
            let shell = try TinyBankFixture.shell(as: position)
            let session = HeadlessSession(shell, size: TestSize.large)
            let role = AccessRole(position: position)
            for command in CommandRegistry.all where command.scope == .module {
                session.press(.function(2))
                session.press(.control("p"))
                session.type(command.title.en)
                session.press(.enter)
                let permission = try XCTUnwrap(command.permission)
                if RolePermissions.defaults(role).contains(permission) {
                    XCTAssertFalse(session.screen.contains("缺少权限：\(permission)"), "\(role) \(command.id):\n\(session.screen)")
                    if command.id != .home { XCTAssertNotEqual(shell.current.kind, .home, "\(role) \(command.id) opens") }
                } else {
                    XCTAssertTrue(session.screen.contains("缺少权限：\(permission)"), "\(role) \(command.id) should be denied:\n\(session.screen)")
                    XCTAssertEqual(shell.current.kind, .home, "\(role) \(command.id) stays on the workbench")
                }
            }
        }
    }

    func testAnAdministratorsChangeToARoleTakesEffectAtTheNextSignIn() throws {
        let shell = try TinyBankFixture.shell(as: .relationshipManager)
        let database = shell.services.database
        let admin = try database.writer.read { try StaffDirectory.firstActive($0, role: .administrator)! }
        let access = AccessControl(database: database, clock: TinyBankFixture.clock)
        try access.set("ui.cockpit", allowed: false, for: .relationshipManager, by: admin)
        XCTAssertThrowsError(try access.set("ui.cockpit", allowed: true, for: .relationshipManager, by: shell.session.profile))
        shell.signIn(shell.session.profile, byPassword: false)
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("d"))
        XCTAssertTrue(session.screen.contains("缺少权限：ui.cockpit"), session.screen)
        try access.grant(.branchHead, to: shell.session.profile.staffID, by: admin)
        shell.signIn(shell.session.profile, byPassword: false)
        XCTAssertEqual(Set(shell.session.roles), [.relationshipManager, .branchHead])
        session.press(.character("d"))
        XCTAssertEqual(shell.current.kind, .cockpit, "the branch head role allows the cockpit")
        let changes = try database.writer.read { try AuditLog.query($0, action: "permission") }
        XCTAssertEqual(changes.map(\.action), ["permission.grant", "permission.change"])
    }
}

final class AuditLogScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testAnAdministratorSeesTheChainStateAndTheEntries() throws {
        let shell = try TinyBankFixture.shell(as: .administrator)
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("Y"))
        XCTAssertEqual(shell.current.kind, .auditLog, session.screen)
        XCTAssertTrue(session.screen.contains("哈希链完整"), session.screen)
        XCTAssertTrue(session.screen.contains("signin.success"), session.screen)
        session.press(.character("/"))
        session.type("announcement")
        session.press(.enter)
        XCTAssertFalse(session.screen.contains("signin.success"), "the filter keeps the announcement entries:\n\(session.screen)")
        assertFills(session.grid)
    }
}

final class PermissionMatrixScreenTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    func testAnAdministratorDeniesAPermissionInTheMatrix() throws {
        let shell = try TinyBankFixture.shell(as: .administrator)
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("R"))
        XCTAssertEqual(shell.current.kind, .permissionMatrix, session.screen)
        let row = try XCTUnwrap(CommandRegistry.all.filter { $0.permission != nil }.firstIndex { $0.id == .cockpit })
        session.press(Array(repeating: Key.down, count: row))
        session.press(.character(" "))
        XCTAssertTrue(session.screen.contains("已调整"), session.screen)
        let changes = try shell.services.database.writer.read(AccessControl.changes)
        XCTAssertEqual(changes[.relationshipManager]?["ui.cockpit"], false)
        assertFills(session.grid)
    }

    func testAnAuditorSeesTheMatrixButMayNotChangeIt() throws {
        let shell = try TinyBankFixture.shell(as: .administrator)
        let auditorProfile = shell.session.profile
        let database = shell.services.database
        try AccessControl(database: database, clock: TinyBankFixture.clock).grant(.auditor, to: auditorProfile.staffID, by: auditorProfile)
        try AccessControl(database: database, clock: TinyBankFixture.clock).revoke(.administrator, from: auditorProfile.staffID, by: auditorProfile)
        shell.signIn(auditorProfile, byPassword: false)
        let session = HeadlessSession(shell, size: TestSize.large)
        session.press(.character("R"))
        XCTAssertEqual(shell.current.kind, .permissionMatrix)
        session.press(.character(" "))
        XCTAssertTrue(session.screen.contains("缺少权限：ui.togglePermission"), session.screen)
    }
}
