import CRMCore
import CRMServer
import CRMStore
import CRMSync
import Foundation
import GRDB
import HummingbirdTesting
import Testing

@Suite struct QueryTests {
    /// Signs `staffID` in on a device of their own and returns the access token.
    private func token(_ client: some TestClientProtocol, _ staffID: String) async throws -> String {
        try #require(try await client.signIn(staffID, device: "laptop-\(staffID)").object["access_token"] as? String)
    }

    @Test func aKeptCustomerViewIsReadAgainOnceTheDataChanges() async throws {
        let server = try TestServer()
        try CRMSync.SyncServer.prepare(server.database)
        let manager = ServerFixture.staff.manager
        let own = try await server.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? ORDER BY customer_id",
                                arguments: [manager.staffID])!
        }
        try await server.application.test(.router) { client in
            let access = try await token(client, manager.staffID)
            let first = try await client.send(.get, "/customers/\(own)", token: access).text
            #expect(try await client.send(.get, "/customers/\(own)", token: access).text == first)
            // What the nightly batch does: a new legal representative, published by the server's loop.
            try await server.database.writer.write { db in
                try db.execute(sql: "UPDATE base_customer SET legal_rep = '林新法' WHERE customer_id = ?", arguments: [own])
            }
            try server.environment.sync.publishPending()
            let after = try await client.send(.get, "/customers/\(own)", token: access).text
            let changed = after != first, showsChange = after.contains("林新法")
            #expect(changed)
            #expect(showsChange)
            let expected = try await server.database.writer.read { db in
                try Customer360Document.read(db, customerID: own, scope: DataScope(profile: manager), asOf: ServerFixture.lastDate).json.rendered()
            }
            let matches = after == expected
            #expect(matches)
        }
    }

    @Test func theCustomerViewIsTheQuerysJSONWithinScopeAndOthersAre404LikeUnknownOnes() async throws {
        let server = try TestServer()
        let staff = ServerFixture.staff
        let (own, others) = try await server.database.writer.read { db in
            (try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? ORDER BY customer_id",
                                 arguments: [staff.manager.staffID])!,
             try String.fetchOne(db, sql: """
                SELECT customer_id FROM base_customer_manager WHERE staff_id = ? AND customer_id NOT IN
                  (SELECT customer_id FROM base_customer_manager WHERE staff_id = ?) ORDER BY customer_id
                """, arguments: [staff.otherManager.staffID, staff.manager.staffID])!)
        }
        let expected = try await server.database.writer.read { db in
            try Customer360Document.read(db, customerID: own, scope: DataScope(profile: staff.manager), asOf: ServerFixture.lastDate).json.rendered()
        }
        try await server.application.test(.router) { client in
            let access = try await token(client, staff.manager.staffID)
            let response = try await client.send(.get, "/customers/\(own)", token: access)
            #expect(response.status == .ok)
            #expect(response.text == expected)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let otherManagers = try await client.send(.get, "/customers/\(others)", token: access)
            let unknown = try await client.send(.get, "/customers/NO-SUCH-CUSTOMER", token: access)
            #expect(otherManagers.status == .notFound)
            #expect(otherManagers.text == unknown.text, "out of scope reads as unknown")
            #expect(unknown.errorCode == "not_found")
            let otherAccess = try await token(client, staff.otherManager.staffID)
            #expect(try await client.send(.get, "/customers/\(others)", token: otherAccess).status == .ok)
            #expect(try await client.send(.get, "/customers/\(own)?as_of=1999-01-01", token: access).errorCode == "date_not_loaded")
            #expect(try await client.send(.get, "/customers/\(own)?as_of=yesterday", token: access).errorCode == "invalid_request")
        }
        try server.environment.looks.flush()
        let looks = try await server.database.writer.read { try AuditLog.query($0, action: "customer.view") }
        #expect(looks.map(\.target).sorted() == [own, others].sorted(), "each answered look is audited, as in the terminal UI")
    }

    @Test func searchIsTheCommandLinesSearchWithinScope() async throws {
        let server = try TestServer()
        let manager = ServerFixture.staff.manager
        let name = try await server.database.writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT c.name FROM base_customer c JOIN base_customer_manager m ON m.customer_id = c.customer_id
                WHERE m.staff_id = ? ORDER BY c.customer_id
                """, arguments: [manager.staffID])!
        }
        let expected = try await server.database.writer.read { db in
            try CustomerSearchQuery.search(db, text: name, scope: DataScope(profile: manager), limit: 5)
        }
        #expect(!expected.isEmpty)
        try await server.application.test(.router) { client in
            let access = try await token(client, manager.staffID)
            let query = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await client.send(.get, "/customers?q=\(query)&limit=5", token: access)
            #expect(response.text == JSONValue.object([("customers", .array(expected.map(\.json)))]).rendered())
            #expect(try await client.send(.get, "/customers", token: access).errorCode == "invalid_request")
            #expect(try await client.send(.get, "/customers?q=a&limit=0", token: access).errorCode == "invalid_request")
        }
    }

    @Test func balancesByOrgCoverTheCallersSubtreeOnly() async throws {
        let server = try TestServer()
        let staff = ServerFixture.staff
        let (expected, subtree) = try await server.database.writer.read { db in
            (try OrgBalanceQuery.byOrg(db, scope: DataScope(profile: staff.branchHead), asOf: ServerFixture.lastDate),
             try String.fetchSet(db, sql: DataScope.subtreeSQL, arguments: [staff.branchHead.orgID]))
        }
        #expect(!expected.isEmpty)
        #expect(Set(expected.map(\.orgID)).isSubset(of: subtree))
        try await server.application.test(.router) { client in
            let head = try await client.send(.get, "/balances/by-org", token: try await token(client, staff.branchHead.staffID)).object
            #expect(head["as_of"] as? String == ServerFixture.lastDate.description)
            let orgs = try #require(head["orgs"] as? [[String: Any]])
            #expect(orgs.map { $0["org_id"] as? String } == expected.map(\.orgID))
            #expect((orgs.first?["deposit"] as? [String: Any])?["balance"] as? Double == Double(expected[0].deposit.balance) / 100)
            let manager = try await client.send(.get, "/balances/by-org", token: try await token(client, staff.manager.staffID)).object
            #expect((manager["orgs"] as? [Any])?.isEmpty == true, "a relationship manager sees no org node")
        }
    }

    @Test func aPermissionTakenAwayIs403AndAnAdministratorSeesNoCustomers() async throws {
        let server = try TestServer()
        let staff = ServerFixture.staff
        try AccessControl(database: server.database, clock: server.clock.wallClock)
            .set("ui.customerSearch", allowed: false, for: AccessRole(position: .relationshipManager), by: staff.administrator)
        try await server.application.test(.router) { client in
            let refused = try await client.send(.get, "/customers?q=a", token: try await token(client, staff.manager.staffID))
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("ui.customerSearch"))
            let admin = try await client.send(.get, "/customers?q=a", token: try await token(client, staff.administrator.staffID))
            #expect(admin.status == .forbidden)
        }
    }
}
