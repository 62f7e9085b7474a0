import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

@Suite struct AccountTests {
    /// The org-tree fixture with fast bcrypt (cost 4) and a clock the test moves.
    final class Clock: @unchecked Sendable {
        var seconds = ShanghaiTime.seconds(date: BusinessDate("2025-03-02")!, hour: 9, minute: 0)
    }

    private func setUp() throws -> (AppDatabase, Accounts, Clock) {
        let database = try ScopeFixture.orgTree()
        try database.writer.write { try $0.execute(sql: "UPDATE sys_setting SET value = '4' WHERE key = 'bcrypt_cost'") }
        let clock = Clock()
        return (database, Accounts(database: database, clock: WallClock { clock.seconds }, machine: "desk-1"), clock)
    }

    @Test func initialisationMakesTheFirstAdministratorOnce() throws {
        let (database, accounts, _) = try setUp()
        #expect(try !accounts.required())
        #expect(throws: AccountError.self, "R1 is not an administrator") { try accounts.initialize(administrator: "R1", password: "Str0ng!Pass") }
        #expect(throws: AccountError.self, "too weak") { try accounts.initialize(administrator: "A1", password: "short") }
        try accounts.initialize(administrator: "A1", password: "Str0ng!Pass")
        #expect(try accounts.required())
        #expect(throws: AccountError.self, "only once") { try accounts.initialize(administrator: "A1", password: "An0ther!Pass") }
        #expect(try accounts.signIn(staffID: "A1", password: "Str0ng!Pass").mustChangePassword == false)
        #expect(try database.writer.read { try AuditLog.query($0, action: "account.init") }.count == 1)
    }

    @Test func fiveWrongPasswordsLockFor15MinutesAndEachTryIsAudited() throws {
        let (database, accounts, clock) = try setUp()
        try accounts.initialize(administrator: "A1", password: "Str0ng!Pass")
        let admin = try ScopeFixture.profile(database, "A1")
        let temporary = try accounts.create(staffID: "R1", by: admin)
        #expect(try accounts.signIn(staffID: "R1", password: temporary).mustChangePassword, "a temporary password must be changed")
        for attempt in 1...4 {
            #expect(throws: AccountError.wrongCredentials, "attempt \(attempt)") { try accounts.signIn(staffID: "R1", password: "guess\(attempt)") }
        }
        #expect(throws: AccountError.locked(until: "2025-03-02 09:15:00")) { try accounts.signIn(staffID: "R1", password: "guess5") }
        #expect(throws: AccountError.locked(until: "2025-03-02 09:15:00"), "even the right password") {
            try accounts.signIn(staffID: "R1", password: temporary)
        }
        clock.seconds += 15 * 60
        #expect(try accounts.signIn(staffID: "R1", password: temporary).profile.staffID == "R1", "the lock ends")
        let failures = try database.writer.read { try AuditLog.query($0, action: "signin.failure") }
        #expect(failures.count == 6)
        #expect(failures.allSatisfy { $0.machine == "desk-1" && $0.actor == "R1" })
        #expect(throws: AccountError.wrongCredentials, "an unknown account says no more than a wrong password") {
            try accounts.signIn(staffID: "NOBODY", password: "x")
        }
    }

    @Test func administratorsLockUnlockAndResetOthersCannot() throws {
        let (database, accounts, _) = try setUp()
        try accounts.initialize(administrator: "A1", password: "Str0ng!Pass")
        let admin = try ScopeFixture.profile(database, "A1"), head = try ScopeFixture.profile(database, "BH")
        let temporary = try accounts.create(staffID: "R2", by: admin)
        #expect(throws: AccountError.self) { try accounts.setLocked(true, staffID: "R2", by: head) }
        try accounts.setLocked(true, staffID: "R2", by: admin)
        #expect(throws: AccountError.locked(until: nil)) { try accounts.signIn(staffID: "R2", password: temporary) }
        try accounts.setLocked(false, staffID: "R2", by: admin)
        let reset = try accounts.reset(staffID: "R2", by: admin)
        #expect(throws: AccountError.wrongCredentials, "the old temporary password is gone") { try accounts.signIn(staffID: "R2", password: temporary) }
        #expect(try accounts.signIn(staffID: "R2", password: reset).mustChangePassword)
    }

    @Test func aNewPasswordMeetsThePolicyAndIsNotOneOfTheLastFive() throws {
        let (database, accounts, clock) = try setUp()
        try accounts.initialize(administrator: "A1", password: "Str0ng!Pass0")
        var current = "Str0ng!Pass0"
        for index in 1...5 {
            clock.seconds += 60
            let next = "Str0ng!Pass\(index)"
            try accounts.changePassword(staffID: "A1", current: current, new: next)
            current = next
        }
        #expect(throws: AccountError.self, "used within the last five") { try accounts.changePassword(staffID: "A1", current: current, new: "Str0ng!Pass3") }
        #expect(throws: AccountError.self, "too few kinds of character") { try accounts.changePassword(staffID: "A1", current: current, new: "alllowercaseletters") }
        #expect(throws: AccountError.self, "a control character") { try accounts.changePassword(staffID: "A1", current: current, new: "Str0ng!\u{7}Pass") }
        clock.seconds += 60
        try accounts.changePassword(staffID: "A1", current: current, new: "Str0ng!Pass0")
        #expect(try database.writer.read { try AuditLog.query($0, action: "account.password") }.count == 6)
    }

    @Test func anExpiredPasswordMustBeChanged() throws {
        let (_, accounts, clock) = try setUp()
        try accounts.initialize(administrator: "A1", password: "Str0ng!Pass")
        clock.seconds += 91 * 86_400
        #expect(try accounts.signIn(staffID: "A1", password: "Str0ng!Pass").mustChangePassword)
    }
}
