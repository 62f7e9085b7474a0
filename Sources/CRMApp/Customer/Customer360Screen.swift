import CRMCore
import CRMStore
import TUI

/// The customer 360 view (客户统一视图): a header, then tabs for the overview, balances, products, contribution,
/// fund flows, the external picture, relations and marketing activity. Tabs other than the overview read their
/// data when first shown. [ ] or ← → or 1-8 switch tabs (← → open and close nodes on the relations tab);
/// ↑↓ scroll the tab's list; Enter on a related customer opens its 360.
final class Customer360Screen: Screen {
    enum Tab: Int, CaseIterable {
        case overview, balances, products, contribution, flows, external, relations, activity

        var title: Text {
            switch self {
            case .overview: return Text("概览", "Overview")
            case .balances: return Text("余额日均", "Balances")
            case .products: return Text("产品", "Products")
            case .contribution: return Text("贡献度", "Contribution")
            case .flows: return Text("交易与资金流", "Flows")
            case .external: return Text("外部画像", "External")
            case .relations: return Text("关系", "Relations")
            case .activity: return Text("营销活动", "Activity")
            }
        }
    }

    let kind = ScreenKind.customer
    let customerID: String
    private(set) var overview: CustomerOverview
    private(set) var tags: CustomerTags?
    /// The viewer's next open schedule item about this customer.
    private(set) var nextItem: ScheduleItem?
    private var tabs: Tabs
    private var language: Language
    private let data: Customer360Data
    private var table: Table?
    private var tree: TreeView?

    init(shell: ShellActions, customerID: String) throws {
        guard let date = shell.services.businessDate else { throw QueryError.unknownCustomer(customerID) }
        self.customerID = customerID
        let scope = shell.session.scope
        overview = try shell.services.database.writer.read {
            try Customer360Query.overview($0, customerID: customerID, scope: scope, asOf: date)
        }
        language = shell.language
        tabs = Tabs(titles: Tab.allCases.map { $0.title(shell.language) })
        data = Customer360Data(database: shell.services.database, overview: overview, scope: scope)
        loadExtras(shell: shell)
    }

    var tab: Tab { Tab(rawValue: tabs.active) ?? .overview }

    func title(_ language: Language) -> String { overview.identity.name }

    func reload(shell: ShellActions) {
        let scope = shell.session.scope, id = customerID, date = overview.asOf
        if let fresh = try? shell.services.database.writer.read({
            try Customer360Query.overview($0, customerID: id, scope: scope, asOf: date)
        }) {
            overview = fresh
        }
        loadExtras(shell: shell)
    }

    /// The tags and the next schedule item, which change while the view is open.
    private func loadExtras(shell: ShellActions) {
        let id = customerID, staffID = shell.session.profile.staffID, now = shell.services.nowText
        tags = try? shell.services.database.writer.read { try TagQuery.of($0, customerID: id) }
        nextItem = (try? shell.services.database.writer.read { try ScheduleQuery.next($0, staffID: staffID, customerID: id, now: now) }) ?? nil
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            let active = tabs.active
            tabs = Tabs(titles: Tab.allCases.map { $0.title(language) }, active: active)
            table = nil
        }
        let rows = Split.rows(rect, [.fixed(1), .fixed(1), .flex(1)])
        drawHeader(in: rows[0], on: &grid, context: context)
        tabs.render(in: rows[1], on: &grid, context: context.render)
        let view = Customer360TabView(data: data, overview: overview, tags: tags, nextItem: nextItem, context: context)
        switch tab {
        case .overview: view.overview(in: rows[2], on: &grid)
        case .balances: view.balances(in: rows[2], on: &grid)
        case .products: view.products(in: rows[2], on: &grid, table: &table)
        case .contribution: view.contribution(in: rows[2], on: &grid, table: &table)
        case .flows: view.flows(in: rows[2], on: &grid, table: &table)
        case .external: view.external(in: rows[2], on: &grid)
        case .relations: view.relations(in: rows[2], on: &grid, tree: &tree)
        case .activity: view.activity(in: rows[2], on: &grid)
        }
        return nil
    }

    private func drawHeader(in rect: Rect, on grid: inout Grid, context: ScreenContext) {
        let o = overview
        let main = o.managers.first { $0.role == "MAIN" }?.name ?? "—"
        let tier = context.language == .chinese ? o.tier.chineseName : o.tier.rawValue.capitalized
        let end = grid.put(" " + o.identity.name, x: rect.x, y: rect.y, style: Style(.title, bold: true), limit: rect.maxX)
        let facts = "  \(o.identity.customerID) · " + context.text("\(tier)客户 · 主办 \(main)", "\(tier) · main manager \(main)")
            + (o.dormant ? context.text(" · 睡眠", " · dormant") : "") + " · " + context.text("数据日期 ", "as of ") + o.asOf.description
        grid.put(facts, x: end, y: rect.y, style: Style(.dim), limit: rect.maxX)
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        switch key {
        case .character("["), .character("]"):
            return switchTab(key)
        case .character(let digit) where ("1"..."8").contains(digit):
            return switchTab(key)
        case .left where tab != .relations, .right where tab != .relations:
            return switchTab(key)
        case .tab:
            tabs.select((tabs.active + 1) % Tab.allCases.count)
            table = nil
            return true
        case .backTab:
            tabs.select((tabs.active + Tab.allCases.count - 1) % Tab.allCases.count)
            table = nil
            return true
        default:
            break
        }
        if tab == .relations, var current = tree {
            let response = current.handle(key)
            tree = current
            if response == .submitted, let node = current.selectedNode, let id = Customer360TabView.customerID(of: node) {
                shell.openCustomer(id)
            }
            return response != .ignored
        }
        guard var current = table else { return false }
        let response = current.handle(key)
        table = current
        return response != .ignored
    }

    private func switchTab(_ key: Key) -> Bool {
        let before = tabs.active
        guard tabs.handle(key) != .ignored else { return false }
        if tabs.active != before { table = nil }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        let zh = shell.language == .chinese
        switch command {
        case .drillUp:
            shell.pop()
        case .editTags:
            shell.push(CustomerTagsScreen(shell: shell, customerIDs: [customerID],
                                          heading: (zh ? "打标签：" : "Tags of ") + overview.identity.name))
        case .markStrategic:
            let strategic = overview.tier != .strategic && !(tags?.rule.contains(.strategic) ?? false)
            let message = strategic
                ? (zh ? "认定“\(overview.identity.name)”为战略客户？下一个数据日期起分层变为战略。"
                      : "Mark \(overview.identity.name) strategic? The tier changes from the next business date.")
                : (zh ? "取消“\(overview.identity.name)”的战略客户认定？" : "Take the strategic mark from \(overview.identity.name)?")
            shell.confirm(title: zh ? "战略客户" : "Strategic customer", message: message) { [customerID] in
                if shell.apply(MarkStrategic(customerID: customerID, strategic: strategic)) {
                    shell.notify(zh ? "已记录，随下一批量生效" : "Recorded; the next batch applies it", .success)
                }
            }
        case .assignManagers:
            AssignmentForm.present(shell: shell, overview: overview) { [weak self] in self?.reload(shell: shell) }
        case .priceForCustomer:
            shell.push(ProfitSimulationScreen(shell: shell, customerID: customerID))
        case .visitCustomer:
            VisitForm.present(shell: shell, customerID: customerID) { [weak self] in self?.data.forget("activity") }
        case .addToGroup:
            GroupPicker.present(shell: shell, customerIDs: [customerID], heading: overview.identity.name)
        default:
            return false
        }
        return true
    }

}
