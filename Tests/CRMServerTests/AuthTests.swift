import CRMCore
import CRMServer
import CRMStore
import Foundation
import GRDB
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    @Test func signInGivesTokensThatOpenTheCustomerViewAndIsAudited() async throws {
        let server = try TestServer()
        let manager = ServerFixture.staff.manager
        try await server.application.test(.router) { client in
            let response = try await client.signIn(manager.staffID)
            #expect(response.status == .ok)
            let body = response.object
            let staff = body["staff"] as? [String: Any]
            #expect(staff?["staff_id"] as? String == manager.staffID)
            #expect(staff?["role"] as? String == "RM")
            #expect(staff?["org_id"] as? String == manager.orgID)
            #expect(body["access_expires_at"] as? String == "\(ServerFixture.lastDate.adding(days: 1))T09:15:00+08:00", "15 minutes")
            #expect((body["refresh_token"] as? String)?.count == 43)
            let access = try #require(body["access_token"] as? String)
            #expect(try await client.send(.get, "/customers?q=a", token: access).status == .ok)
            #expect(try await client.send(.get, "/customers?q=a").errorCode == "unauthenticated")
            #expect(try await client.send(.get, "/customers?q=a", token: access + "x").errorCode == "invalid_token")
        }
        let stored = try await server.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT refresh_hash FROM sys_device WHERE device_id = 'laptop-1'")
        }
        #expect(stored?.count == 64, "only the SHA-256 of the refresh token is kept")
        let audit = try await server.database.writer.read { try AuditLog.query($0, action: "device.signin") }
        #expect(audit.map(\.actor) == [manager.staffID])
    }

    @Test func aWrongPasswordIsRefusedAndTheFifthLocksTheAccount() async throws {
        let server = try TestServer()
        let manager = ServerFixture.staff.manager
        try await server.application.test(.router) { client in
            for _ in 1...4 {
                let response = try await client.signIn(manager.staffID, password: "wrong")
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "wrong_credentials")
            }
            #expect(try await client.signIn(manager.staffID, password: "wrong").errorCode == "account_locked")
            let locked = try await client.signIn(manager.staffID)
            #expect(locked.errorCode == "account_locked", "even the right password")
            #expect(locked.text.contains("账户已锁定"))
            #expect(try await client.signIn("NOBODY").errorCode == "wrong_credentials")
            server.clock.seconds += 15 * 60
            #expect(try await client.signIn(manager.staffID).status == .ok, "the lock ends")
        }
    }

    @Test func aTemporaryPasswordMustBeChangedFirst() async throws {
        let server = try TestServer()
        let staff = ServerFixture.staff
        let temporary = try Accounts(database: server.database, clock: server.clock.wallClock).reset(staffID: staff.manager.staffID, by: staff.administrator)
        try await server.application.test(.router) { client in
            #expect(try await client.signIn(staff.manager.staffID, password: temporary).errorCode == "password_change_required")
            let change = try await client.send(.post, "/auth/password", json: """
                {"staff_id": "\(staff.manager.staffID)", "current_password": "\(temporary)", "new_password": "An0ther!Pass"}
                """)
            #expect(change.status == .noContent)
            #expect(try await client.signIn(staff.manager.staffID, password: "An0ther!Pass").status == .ok)
        }
    }

    @Test func aRefreshRotatesTheTokenAndTheOldOneIsRefused() async throws {
        let server = try TestServer()
        try await server.application.test(.router) { client in
            let refresh = try await client.tokens(ServerFixture.staff.manager.staffID).refresh
            server.clock.seconds += 10 * 60
            let second = try await client.refresh(refresh)
            #expect(second.status == .ok)
            let rotated = try #require(second.object["refresh_token"] as? String)
            #expect(rotated != refresh)
            #expect(second.object["access_expires_at"] as? String == "\(ServerFixture.lastDate.adding(days: 1))T09:25:00+08:00")
            let reused = try await client.refresh(refresh)
            #expect(reused.status == .unauthorized)
            #expect(reused.errorCode == "invalid_refresh_token")
            #expect(try await client.refresh(rotated).status == .ok, "the new one works once")
        }
    }

    @Test func anExpiredAccessTokenIsRefusedUntilRefreshed() async throws {
        let server = try TestServer()
        try await server.application.test(.router) { client in
            let signIn = try await client.signIn(ServerFixture.staff.manager.staffID).object
            let access = try #require(signIn["access_token"] as? String)
            server.clock.seconds += 14 * 60 + 59
            #expect(try await client.send(.get, "/customers?q=a", token: access).status == .ok)
            server.clock.seconds += 1
            let expired = try await client.send(.get, "/customers?q=a", token: access)
            #expect(expired.status == .unauthorized)
            #expect(expired.errorCode == "token_expired")
        }
    }

    @Test func aRevokedDeviceIsToldSoOnEveryRequestRefreshAndSignIn() async throws {
        let server = try TestServer()
        let staff = ServerFixture.staff
        try await server.application.test(.router) { client in
            let (access, refresh) = try await client.tokens(staff.manager.staffID)
            #expect(throws: AccountError.self, "only administrators revoke") {
                try DeviceRegistry(database: server.database, clock: server.clock.wallClock).revoke(deviceID: "laptop-1", by: staff.manager)
            }
            try DeviceRegistry(database: server.database, clock: server.clock.wallClock).revoke(deviceID: "laptop-1", by: staff.administrator)
            for response in [try await client.send(.get, "/customers?q=a", token: access),
                             try await client.refresh(refresh),
                             try await client.signIn(staff.manager.staffID)] {
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "device_revoked")
                #expect(response.text.contains("wipe the local replica"))
            }
            #expect(try await client.signIn(staff.manager.staffID, device: "laptop-2").status == .ok, "a new device id signs in")
            let other = try #require(try await client.signIn(staff.otherManager.staffID, device: "laptop-3").object["access_token"] as? String)
            #expect(try await client.send(.get, "/customers?q=a", token: other).status == .ok)
            _ = try await client.signIn(staff.manager.staffID, device: "laptop-3")
            #expect(try await client.send(.get, "/customers?q=a", token: other).errorCode == "invalid_token",
                    "a device signed in by someone else no longer carries the first one's tokens")
        }
        let audit = try await server.database.writer.read { try AuditLog.query($0, action: "device.revoke") }
        #expect(audit.map(\.actor) == [staff.administrator.staffID])
    }

    @Test func anAccountLockedByAnAdministratorStopsItsTokensAndRefreshAtOnce() async throws {
        let server = try TestServer()
        let staff = ServerFixture.staff
        try await server.application.test(.router) { client in
            let (access, refresh) = try await client.tokens(staff.manager.staffID)
            let accounts = Accounts(database: server.database, clock: server.clock.wallClock)
            try accounts.setLocked(true, staffID: staff.manager.staffID, by: staff.administrator)
            for response in [try await client.send(.get, "/customers?q=a", token: access),
                             try await client.refresh(refresh)] {
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "account_locked")
            }
            try accounts.setLocked(false, staffID: staff.manager.staffID, by: staff.administrator)
            #expect(try await client.send(.get, "/customers?q=a", token: access).status == .ok, "unlocked, the same token works again")
            #expect(try await client.refresh(refresh).status == .ok,
                    "a refused refresh did not use the token up")
        }
    }

    @Test func serviceTokensAreShownOnceStoredHashedAndRevocable() async throws {
        let server = try TestServer()
        let staff = ServerFixture.staff
        let tokens = ServiceTokens(database: server.database, clock: server.clock.wallClock)
        let token = try tokens.create(name: "core-banking", by: staff.administrator)
        #expect(token.hasPrefix("crms_"))
        #expect(throws: AccountError.self) { try tokens.create(name: "core-banking", by: staff.administrator) }
        #expect(throws: AccountError.self) { try tokens.create(name: "other", by: staff.manager) }
        let hashes = try await server.database.writer.read { try String.fetchAll($0, sql: "SELECT token_hash FROM sys_service_token") }
        #expect(hashes == [SecretToken.hash(token)])
        try await server.application.test(.router) { client in
            #expect(try await client.send(.post, "/ingest/movements", token: token, json: #"{"movements": []}"#).status == .ok)
            try tokens.revoke(name: "core-banking", by: staff.administrator)
            #expect(try await client.send(.post, "/ingest/movements", token: token, json: #"{"movements": []}"#).errorCode == "invalid_token")
        }
        #expect(try tokens.list().map(\.name) == ["core-banking"])
    }
}
