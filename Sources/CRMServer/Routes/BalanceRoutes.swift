import CRMCore
import CRMStore
import Hummingbird

/// `GET /balances/by-org?as_of=` (按机构汇总的余额查询): deposit and loan balances with their daily averages per org
/// node the caller may look at, from the batch's roll-ups, with the cockpit's permission (`ui.cockpit`).
struct BalanceRoutes {
    static let permission = "ui.cockpit"

    let server: ServerEnvironment

    func register(on router: RouterGroup<CRMRequestContext>) {
        router.get("/balances/by-org") { request, context in try await byOrg(request, context) }
    }

    private func byOrg(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let staff = try context.requireStaff(permission: Self.permission)
        let asOf = try QueryDate.parse(request.queryValue("as_of"))
        let scope = staff.scope
        let (date, orgs): (BusinessDate, [OrgBalance])
        do {
            (date, orgs) = try await server.database.writer.read { db in
                guard let date = try asOf ?? LoadedDates.range(db)?.upperBound else { throw QueryError.nothingLoaded }
                return (date, try OrgBalanceQuery.byOrg(db, scope: scope, asOf: date))
            }
        } catch let error as QueryError {
            throw QueryDate.refusal(error)
        }
        func figures(_ f: BalanceFigures) -> JSONValue {
            .object([("balance", .money(f.balance)), ("mtd_avg", .money(f.mtdAverage)), ("qtd_avg", .money(f.qtdAverage)),
                     ("ytd_avg", .money(f.ytdAverage))])
        }
        return Response.json(.object([
            ("as_of", .string(date.description)),
            ("orgs", .array(orgs.map { org in
                .object([("org_id", .string(org.orgID)), ("parent_id", org.parentID.map(JSONValue.string) ?? .null),
                         ("name", .string(org.name)), ("level", .string(org.level)), ("deposit", figures(org.deposit)),
                         ("loan", figures(org.loan)), ("customers", .int(org.customers)),
                         ("effective_customers", .int(org.effectiveCustomers))])
            })),
        ]))
    }
}
