import CRMCore
import CRMServer
import CRMStore
import Foundation
import GRDB
import HummingbirdTesting
import Testing

@Suite struct IngestTests {
    /// A server with a service token and two accounts of the bank with their customers.
    private func setUp() throws -> (TestServer, token: String, accounts: [(account: String, customer: String)]) {
        let server = try TestServer()
        let token = try ServiceTokens(database: server.database, clock: server.clock.wallClock)
            .create(name: "core-banking", by: ServerFixture.staff.administrator)
        let accounts = try server.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT account_no, customer_id FROM base_account ORDER BY account_no LIMIT 2").map { ($0[0] as String, $0[1] as String) }
        }
        return (server, token, accounts)
    }

    private func movement(_ id: String, _ account: String, amount: Int64, direction: String = "C", kind: String? = nil) -> String {
        #"{"movement_id": "\#(id)", "account_id": "\#(account)", "amount_fen": \#(amount), "direction": "\#(direction)", "balance_after_fen": 500, "occurred_at": "2025-03-02T10:15:00+08:00"\#(kind.map { #", "kind": "\#($0)""# } ?? "")}"#
    }

    private func body(_ movements: [String]) -> String { #"{"movements": [\#(movements.joined(separator: ", "))]}"# }

    private func counts(_ database: AppDatabase) async throws -> (movements: Int, alerts: Int) {
        try await database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rt_movement")!, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rt_alert")!)
        }
    }

    @Test func aBadItemNamesItsIndexAndFieldAndNothingIsWritten() async throws {
        let (server, token, accounts) = try setUp()
        let good = movement("m1", accounts[0].account, amount: 100)
        try await server.application.test(.router) { client in
            let cases: [(String, String)] = [
                (body([good, movement("m2", accounts[0].account, amount: 100, direction: "X")]), "movements[1].direction"),
                (body([good, movement("m2", accounts[0].account, amount: 0)]), "movements[1].amount_fen"),
                (body([good, movement("m2", "NO-SUCH-ACCOUNT", amount: 5)]), "movements[1].account_id"),
                (body([good, movement("m2", accounts[0].account, amount: 5, kind: "GIFT")]), "movements[1].kind"),
                (body([good, #"{"movement_id": "m2", "account_id": "\#(accounts[0].account)", "amount_fen": "12", "direction": "C", "balance_after_fen": 1, "occurred_at": "2025-03-02T10:15:00Z"}"#]),
                 "movements[1].amount_fen"),
                (body([#"{"movement_id": "m2", "account_id": "\#(accounts[0].account)", "amount_fen": 12, "direction": "C", "balance_after_fen": 1}"#]),
                 "movements[0].occurred_at"),
                (body([good, good.replacingOccurrences(of: "2025-03-02T10:15:00+08:00", with: "2025-03-02 10:15")]), "movements[1].occurred_at"),
            ]
            for (request, field) in cases {
                let response = try await client.send(.post, "/ingest/movements", token: token, json: request)
                #expect(response.status == .badRequest, "\(field)")
                #expect(response.errorCode == "invalid_request")
                #expect((response.object["message"] as? String)?.hasPrefix(field) == true, "\(response.text)")
            }
            let tooMany = body(Array(repeating: good, count: MovementIngest.maximumBatch + 1))
            #expect(try await client.send(.post, "/ingest/movements", token: token, json: tooMany).status == .badRequest)
        }
        #expect(try await counts(server.database) == (0, 0))
    }

    @Test func duplicatesAreCountedNotStoredTwiceAndAlertsStartAtTheThreshold() async throws {
        let (server, token, accounts) = try setUp()
        let minimum = try await server.database.writer.read { try Settings.read($0).largeMovementMinimum }
        let first = body([movement("m1", accounts[0].account, amount: minimum - 1), movement("m2", accounts[1].account, amount: minimum, direction: "D"),
                          movement("m3", accounts[0].account, amount: minimum * 2, kind: "INTEREST"), movement("m1", accounts[0].account, amount: minimum - 1)])
        try await server.application.test(.router) { client in
            let response = try await client.send(.post, "/ingest/movements", token: token, json: first)
            #expect(response.status == .ok)
            #expect(response.text == #"{"accepted":3,"duplicates":1,"alerts":1}"#)
            let again = try await client.send(.post, "/ingest/movements", token: token,
                                              json: body([movement("m2", accounts[1].account, amount: minimum, direction: "D"),
                                                          movement("m4", accounts[1].account, amount: minimum + 1, kind: "LOAN_DRAW")]))
            #expect(again.text == #"{"accepted":1,"duplicates":1,"alerts":1}"#)
        }
        #expect(try await counts(server.database) == (4, 2))
        let alerts = try await server.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT movement_id, customer_id, amount, direction, balance_after, occurred_at FROM rt_alert ORDER BY movement_id")
        }
        #expect(alerts.map { $0[0] as String } == ["m2", "m4"])
        #expect(alerts[0][1] as String == accounts[1].customer)
        #expect(alerts[0][2] as Int64 == minimum)
        #expect(alerts[0][3] as String == "D")
        #expect(alerts[0][5] as String == "2025-03-02 10:15:00")
    }

    @Test func onlyServiceTokensIngest() async throws {
        let (server, _, accounts) = try setUp()
        try await server.application.test(.router) { client in
            let staffToken = try #require(try await client.signIn(ServerFixture.staff.manager.staffID).object["access_token"] as? String)
            let json = body([movement("m1", accounts[0].account, amount: 5)])
            #expect(try await client.send(.post, "/ingest/movements", json: json).status == .unauthorized)
            let refused = try await client.send(.post, "/ingest/movements", token: staffToken, json: json)
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "forbidden")
            let service = try ServiceTokens(database: server.database, clock: server.clock.wallClock)
                .create(name: "crm-test", by: ServerFixture.staff.administrator)
            #expect(try await client.send(.get, "/customers?q=a", token: service).status == .forbidden, "a service reads no customer data")
        }
        #expect(try await counts(server.database) == (0, 0))
    }
}
