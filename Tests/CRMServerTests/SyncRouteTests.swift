import CRMCore
import CRMServer
import CRMStore
import CRMSync
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Sync over real HTTP on 127.0.0.1: a laptop signs in, downloads its scope, pushes an offline change and
/// receives a real-time large-movement alert ingested by the core system.
@Suite struct SyncRouteTests {
    @Test func aLaptopSyncsOverHTTPAndReceivesAnIngestedAlert() async throws {
        let server = try TestServer()
        try SyncServer.prepare(server.database)
        let manager = ServerFixture.staff.manager
        let service = try ServiceTokens(database: server.database, clock: server.clock.wallClock)
            .create(name: "core-banking", by: ServerFixture.staff.administrator)
        let folder = NSTemporaryDirectory() + "crm-sync-http-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let laptop = try AppDatabase.open(path: folder + "/laptop.sqlite")
        let clock = server.clock.wallClock

        try await server.application.test(.live) { client in
            let url = URL(string: "http://127.0.0.1:\(client.port!)")!
            let credentials = ServerCredentials(server: url, database: laptop)
            let signedIn = try await credentials.signIn(staffID: manager.staffID, password: ServerFixture.password,
                                                        deviceID: "laptop-1", deviceName: "外勤笔记本")
            #expect(signedIn.staff.staffID == manager.staffID)
            let replica = Replica(database: laptop, clock: clock)
            try replica.prepare(clientID: MutationID.make(), staffID: manager.staffID, server: url.absoluteString)
            let sync = SyncClient(replica: replica,
                                  transport: HTTPSyncTransport(server: url, accessToken: { try await credentials.accessToken() }))

            let first = try await sync.sync()
            #expect(first.complete)
            let book = try await server.database.writer.read { db in
                let scope = DataScope(profile: manager).customerCondition("customer_id")
                return Set(try String.fetchAll(db, sql: "SELECT customer_id FROM base_customer WHERE \(scope.sql)", arguments: scope.arguments))
            }
            #expect(Set(try await laptop.writer.read { db in try String.fetchAll(db, sql: "SELECT customer_id FROM base_customer") }) == book)

            let item = SaveScheduleItem(.create, id: MutationID.make(), draft: ScheduleDraft(
                title: "客户现场签约", startsAt: "2025-03-03 10:00", customerID: book.sorted().first, remindMinutes: 30, note: ""))
            try MutationLog(database: laptop, clock: clock).apply(item, by: manager)
            let second = try await sync.sync()
            #expect(second.pushed == 1 && second.rejected == 0)
            #expect(try await server.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM work_schedule WHERE id = ?", arguments: [item.id])
            } == 1)

            let account = try await server.database.writer.read { db in
                try String.fetchOne(db, sql: "SELECT account_no FROM base_account WHERE customer_id IN (SELECT customer_id FROM base_customer_manager WHERE staff_id = ?) ORDER BY account_no",
                                    arguments: [manager.staffID])
            }
            let minimum = try await server.database.writer.read { try Settings.read($0).largeMovementMinimum }
            let ingest = try await client.send(.post, "/ingest/movements", token: service, json: """
                {"movements": [{"movement_id": "rt-1", "account_id": "\(account!)", "amount_fen": \(minimum), "direction": "D",
                 "balance_after_fen": 100, "occurred_at": "2025-03-02T10:15:00+08:00"}]}
                """)
            #expect(ingest.status == .ok)
            _ = try await sync.sync()
            #expect(try await laptop.writer.read { db in try String.fetchAll(db, sql: "SELECT movement_id FROM rt_alert") } == ["rt-1"])

            let token = try await credentials.accessToken()
            // v8 is the schema before this one, but its replicas read ops in another page format: not served.
            for version in ["v1-interface", "v7-sync", "v8-sync-positional-rows"] {
                let stale = try await client.send(.post, "/sync/pull", token: token, json: """
                    {"client_id": "x", "schema_version": "\(version)", "positions": []}
                    """)
                #expect(stale.status == .conflict)
                #expect(stale.errorCode == "schema_unsupported")
            }
            let anonymous = try await client.send(.post, "/sync/push", json: #"{"client_id": "x", "schema_version": "v7-sync", "mutations": []}"#)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
