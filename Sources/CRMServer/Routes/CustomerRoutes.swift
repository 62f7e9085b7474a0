import CRMCore
import CRMStore
import GRDB
import Hummingbird

/// `GET /customers?q=&limit=` (全行客户查询) and `GET /customers/{id}` (客户统一视图): the same queries and JSON as
/// `crm customer search --json` and `crm customer show --json`, within the caller's scope, with the permission
/// of the screen that shows them (`ui.customerSearch`). Each look is audited as the terminal UI audits it.
struct CustomerRoutes {
    static let permission = "ui.customerSearch"

    let server: ServerEnvironment

    func register(on router: RouterGroup<CRMRequestContext>) {
        router.get("/customers") { request, context in try await search(request, context) }
        router.get("/customers/{id}") { request, context in try await show(request, context) }
    }

    private func search(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let staff = try context.requireStaff(permission: Self.permission)
        guard let text = request.queryValue("q") else { throw APIError.invalid("q: 缺少查询内容 (missing: what to look for)") }
        let limitText = request.queryValue("limit") ?? "20"
        guard let limit = Int(limitText), (1...200).contains(limit) else {
            throw APIError.invalid("limit: 须为 1 到 200 的整数 (must be a whole number from 1 to 200)")
        }
        let scope = staff.scope
        let results = try server.read { try CustomerSearchQuery.search($0, text: text, scope: scope, limit: limit) }
        server.looks.record(actor: staff.profile.staffID, action: "query.search", target: text, detail: "GET /customers: \(results.count) customers")
        return Response.json(.object([("customers", .array(results.map { $0.json }))]))
    }

    private func show(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let staff = try context.requireStaff(permission: Self.permission)
        let customerID = try context.parameters.require("id")
        let asOf = try QueryDate.parse(request.queryValue("as_of"))
        let scope = staff.scope
        let cache = server.customer360
        let body: ByteBuffer
        do {
            body = try server.read { db in
                // Only a server store publishes every change, so only there does the log's position version the data:
                // while it stands still, the dates loaded, the scope and the document are all as they were.
                let version = try SyncRole.current(db) == .server ? try SyncMeta.value("last_op_id", db) : nil
                let key = Customer360Cache.Key(customerID: customerID, asOf: asOf?.description ?? "latest", scope: "\(scope.reach)")
                if let version, let kept = cache.body(for: key, version: version) { return kept }
                guard let date = try asOf ?? LoadedDates.range(db)?.upperBound else { throw QueryError.nothingLoaded }
                try LoadedDates.require(db, date)
                guard try scope.contains(customerID: customerID, db) else { throw QueryError.unknownCustomer(customerID) }
                let document = try Customer360Document.read(db, customerID: customerID, scope: scope, asOf: date)
                let body = ByteBuffer(string: document.json.rendered())
                if let version { cache.keep(body, for: key, version: version) }
                return body
            }
        } catch QueryError.unknownCustomer {
            throw APIError.customerNotFound
        } catch let error as QueryError {
            throw QueryDate.refusal(error)
        }
        server.looks.record(actor: staff.profile.staffID, action: "customer.view", target: customerID, detail: "GET /customers/{id}")
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: body))
    }
}

/// The `as_of` query parameter and the refusals of queries about business dates.
enum QueryDate {
    /// nil when absent; a 400 when not `YYYY-MM-DD`.
    static func parse(_ text: String?) throws -> BusinessDate? {
        guard let text else { return nil }
        guard let date = BusinessDate(text) else { throw APIError.invalid("as_of: 须为 YYYY-MM-DD 日期 (must be a date YYYY-MM-DD)") }
        return date
    }

    /// A query error as the client sees it: a date without data is 404 `date_not_loaded`, the rest 400.
    static func refusal(_ error: QueryError) -> APIError {
        switch error {
        case .dateNotLoaded, .nothingLoaded: return APIError(.notFound, code: "date_not_loaded", message: error.description)
        default: return APIError.invalid(error.description)
        }
    }
}
