import CRMCore
import CRMServer
import CRMStore
import Foundation
import HummingbirdTesting
import Logging
import Testing

@Suite struct HealthAndRouteTests {
    @Test func healthNamesTheSchemaVersion() async throws {
        let server = try TestServer()
        try await server.application.test(.router) { client in
            let response = try await client.send(.get, "/health")
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ok","schema_version":"v9-sync-pages","db":"ok"}"#)
            let missing = try await client.send(.get, "/no-such-route")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
        }
    }

    @Test func metricsCountRequestsByRouteAndStatusIngestAndSync() async throws {
        let server = try TestServer()
        server.environment.metrics.incrementSync("mutations_applied", by: 3)
        try await server.application.test(.router) { client in
            _ = try await client.send(.get, "/health")
            _ = try await client.send(.get, "/customers/C1")
            let text = try await client.send(.get, "/metrics").text
            #expect(text.contains(#"crm_http_requests_total{method="GET",route="/health",status="200"} 1"#))
            #expect(text.contains(#"crm_http_requests_total{method="GET",route="/customers/{id}",status="401"} 1"#))
            #expect(text.contains(#"crm_http_request_duration_seconds_bucket{method="GET",route="/health",le="#))
            #expect(text.contains("crm_sync_mutations_applied_total 3"))
        }
        let service = try ServiceTokens(database: server.database, clock: server.clock.wallClock).create(name: "cb", by: ServerFixture.staff.administrator)
        try await server.application.test(.router) { client in
            _ = try await client.send(.post, "/ingest/movements", token: service, json: #"{"movements": []}"#)
            let text = try await client.send(.get, "/metrics").text
            #expect(text.contains(#"crm_ingest_movements_total{outcome="accepted"} 0"#))
        }
    }

    /// docs/openapi.json documents exactly the router's routes: none missing, none extra.
    @Test func theOpenAPIDocumentHasExactlyTheRoutersRoutes() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: repository.appendingPathComponent("docs/openapi.json"))) as? [String: Any]
        let paths = try #require(document?["paths"] as? [String: [String: Any]])
        let methods: Set = ["get", "put", "post", "delete", "patch", "head", "options"]
        let documented = paths.flatMap { path, operations in
            operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        }.sorted()
        let server = try TestServer()
        let registered = ServerRouter.routes(of: ServerRouter.make(server: server.environment, logger: Logger(label: "test")))
        #expect(Set(registered).subtracting(documented).isEmpty, "routes without documentation")
        #expect(Set(documented).subtracting(registered).isEmpty, "documented routes the server does not have")
        #expect(registered.count == documented.count)
    }

    @Test func aLiveServerOnLoopbackSignsInAndServesTheCustomerView() async throws {
        let server = try TestServer()
        let manager = ServerFixture.staff.manager
        let customer = try await server.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer_manager WHERE staff_id = ? ORDER BY customer_id", arguments: [manager.staffID])!
        }
        let expected = try await server.database.writer.read { db in
            try Customer360Document.read(db, customerID: customer, scope: DataScope(profile: manager), asOf: ServerFixture.lastDate).json.rendered()
        }
        try await server.application.test(.live) { client in
            let access = try #require(try await client.signIn(manager.staffID).object["access_token"] as? String)
            let response = try await client.send(.get, "/customers/\(customer)", token: access)
            #expect(response.status == .ok)
            #expect(response.text == expected)
        }
    }
}
