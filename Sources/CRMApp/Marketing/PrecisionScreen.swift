import CRMCore
import CRMStore
import TUI

/// Precision marketing (精准营销) in four tabs: 流失预警 (churn warnings of the data date, highest score first,
/// with the signals that fired), 潜在客户 (fund-chain prospects ranked by score, with its four parts as reasons;
/// `+` turns one into a potential customer of the manager whose customers deal with it most), 产品使用 (the
/// penetration of each product category by line, industry or tier; `v` switches) and 资金链分析 (the largest
/// counterparties of the user's customers taken together, with their roles, and the four totals by month).
/// ← → or 1–4 change tab; Enter opens the customer.
final class PrecisionScreen: Screen {
    let kind = ScreenKind.precision
    private enum Tab: Int, CaseIterable {
        case churn, prospects, usage, chain

        func title(_ language: Language) -> String {
            switch self {
            case .churn: return language == .chinese ? "流失预警" : "Churn warning"
            case .prospects: return language == .chinese ? "资金链潜在客户" : "Prospects"
            case .usage: return language == .chinese ? "产品使用" : "Product usage"
            case .chain: return language == .chinese ? "资金链分析" : "Fund chain"
            }
        }
    }

    private var tabs: Tabs
    private var language: Language
    private let shell: ShellActions
    private var warnings: [ChurnWarning] = []
    private var prospects: [Prospect] = []
    private var adopted: [String: String] = [:]
    private var usage: [ProductUsageGroup] = []
    private var trend: [FundFlowMonth] = []
    private var chain: [ScopeCounterparty] = []
    private var dimension = ProductUsageDimension.line
    private var table: Table

    init(shell: ShellActions) {
        self.shell = shell
        language = shell.language
        tabs = Tabs(titles: Tab.allCases.map { $0.title(shell.language) })
        table = Table(columns: [], source: ArrayTableSource(rows: []))
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "精准营销" : "Precision marketing" }

    private var tab: Tab { Tab(rawValue: tabs.active) ?? .churn }

    /// Reads the active tab's data only, so opening the screen or a tab costs that tab's queries alone.
    func reload(shell: ShellActions) {
        let scope = shell.session.scope, date = shell.services.businessDate, dimension = self.dimension
        let database = shell.services.database
        switch tab {
        case .churn:
            warnings = (try? database.writer.read { db in try date.map { try ChurnQuery.warnings(db, asOf: $0, scope: scope, limit: 2_000) } })
                .flatMap { $0 } ?? []
        case .prospects:
            let loaded = try? database.writer.read { db in
                (try ProspectQuery.top(db, scope: scope, limit: 500), try PotentialCustomerQuery.adopted(db))
            }
            prospects = loaded?.0 ?? []
            adopted = loaded?.1 ?? [:]
        case .usage:
            usage = (try? database.writer.read { try ProductUsageQuery.matrix($0, by: dimension, scope: scope) }) ?? []
        case .chain:
            let loaded = try? database.writer.read { db in
                (try date.map { try ScopeFundFlowQuery.trend(db, scope: scope, through: $0) } ?? [],
                 try date.map { try ScopeFundFlowQuery.counterparties(db, scope: scope, through: $0) } ?? [])
            }
            trend = loaded?.0 ?? []
            chain = loaded?.1 ?? []
        }
        rebuildTable()
    }

    private func rebuildTable() {
        let zh = language == .chinese
        let position = table.selectedRow
        switch tab {
        case .churn:
            table = Table(columns: [
                TableColumn(zh ? "得分" : "Score", kind: .number, minWidth: 4, maxWidth: 5),
                TableColumn(zh ? "预警" : "Band", minWidth: 4, maxWidth: 6),
                TableColumn(zh ? "客户" : "Customer", minWidth: 10, maxWidth: 30),
                TableColumn(zh ? "触发信号" : "Signals", minWidth: 20, maxWidth: 200, flexible: true),
            ], source: ArrayTableSource(rows: warnings.map { warning in
                [String(warning.score), zh ? warning.band.chinese : warning.band.rawValue, warning.customerName,
                 warning.signals.map { "\(Self.label($0.code, zh)) +\($0.points)" }.joined(separator: " ")]
            }, sortKeys: warnings.map { [.number(Int64($0.score)), .text($0.band.rawValue), .text($0.customerName), .text("")] }))
        case .prospects:
            table = Table(columns: [
                TableColumn(zh ? "排名" : "Rank", kind: .number, minWidth: 4, maxWidth: 6),
                TableColumn(zh ? "得分" : "Score", kind: .number, minWidth: 5, maxWidth: 6),
                TableColumn(zh ? "行外交易对手" : "Counterparty", minWidth: 12, maxWidth: 40, flexible: true),
                TableColumn(zh ? "往来客户" : "Customers", kind: .number, minWidth: 4, maxWidth: 8),
                TableColumn(zh ? "12月往来" : "12-month flow", kind: .number, minWidth: 8, maxWidth: 14),
                TableColumn(zh ? "客户经理" : "Manager", minWidth: 6, maxWidth: 10),
                TableColumn(zh ? "状态" : "State", minWidth: 4, maxWidth: 8),
            ], source: ArrayTableSource(rows: prospects.map { prospect in
                [String(prospect.rank), ScaledNumber.text(Int64(prospect.score), decimals: 2), prospect.name, String(prospect.customers),
                 Amount.short(prospect.flow, language), prospect.topStaffName ?? "—",
                 adopted[prospect.key] != nil ? (zh ? "已转化" : "adopted") : ""]
            }))
        case .usage:
            let categories = ProductCategory.allCases
            table = Table(columns: [TableColumn(dimensionTitle(zh), minWidth: 6, maxWidth: 14),
                                    TableColumn(zh ? "客户数" : "Customers", kind: .number, minWidth: 5, maxWidth: 8)]
                + categories.map { TableColumn(zh ? $0.chineseName : $0.rawValue, kind: .number, minWidth: 4, maxWidth: 10) },
                          source: ArrayTableSource(rows: usage.map { group in
                [groupName(group.group, zh)] + [String(group.customers)] + categories.map { category in
                    group.customers == 0 ? "—" : "\(Money.divideRounded(Int64(group.holders[category] ?? 0) * 100, by: Int64(group.customers)))%"
                }
            }))
        case .chain:
            table = Table(columns: [
                TableColumn(zh ? "交易对手" : "Counterparty", minWidth: 12, maxWidth: 40, flexible: true),
                TableColumn(zh ? "行内外" : "Bank", minWidth: 4, maxWidth: 6),
                TableColumn(zh ? "角色" : "Role", minWidth: 4, maxWidth: 10),
                TableColumn(zh ? "来款" : "In", kind: .number, minWidth: 8, maxWidth: 14),
                TableColumn(zh ? "走款" : "Out", kind: .number, minWidth: 8, maxWidth: 14),
                TableColumn(zh ? "往来客户" : "Customers", kind: .number, minWidth: 4, maxWidth: 8),
            ], source: ArrayTableSource(rows: chain.map { party in
                [party.name, party.inBank ? (zh ? "行内" : "ours") : (zh ? "行外" : "other"), Self.role(party.role, zh),
                 Amount.short(party.inflow, language), Amount.short(party.outflow, language), String(party.customers)]
            }))
        }
        if let position { table.select(position: position) }
    }

    private static func role(_ role: CounterpartyRole?, _ zh: Bool) -> String {
        switch role {
        case .upstream?: return zh ? "上游供应商" : "supplier"
        case .downstream?: return zh ? "下游客户" : "buyer"
        case nil: return ""
        }
    }

    /// A churn signal in a few words.
    private static func label(_ code: ChurnSignal.Code, _ zh: Bool) -> String {
        switch code {
        case .depositDrop: return zh ? "日均下降" : "deposit drop"
        case .depositDecline: return zh ? "连续三月下降" : "3-month decline"
        case .outOfBankOutflow: return zh ? "行外走款集中" : "out-of-bank outflow"
        case .sameNameTransfer: return zh ? "同名转他行" : "same-name transfer"
        case .activityDrop: return zh ? "交易减少" : "fewer transactions"
        case .creditExit: return zh ? "提前结清或授信未续" : "credit exit"
        }
    }

    /// A group of the usage matrix by name: the line or tier in words, the industry section as its letter.
    private func groupName(_ code: String, _ zh: Bool) -> String {
        switch dimension {
        case .line: return BusinessLine(rawValue: code).map { zh ? $0.chineseName : $0.englishName } ?? code
        case .tier: return CustomerTier(rawValue: code).map { zh ? $0.chineseName : $0.rawValue.capitalized } ?? code
        case .industry: return code
        }
    }

    private func dimensionTitle(_ zh: Bool) -> String {
        switch dimension {
        case .line: return zh ? "条线" : "Line"
        case .industry: return zh ? "行业门类" : "Industry"
        case .tier: return zh ? "分层" : "Tier"
        }
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            tabs.titles = Tab.allCases.map { $0.title(language) }
            rebuildTable()
        }
        let detailRows = tab == .usage ? 0 : tab == .chain ? 8 : 7
        let parts = Split.rows(rect, [.fixed(1), .flex(1), .fixed(detailRows)])
        tabs.render(in: parts[0], on: &grid, context: context.render)
        let date = shell.services.businessDate?.description ?? "—"
        let title: String
        switch tab {
        case .churn:
            title = context.text("数据日期 \(date) 有信号的客户 \(table.position) · 红 ≥ 60 · 黄 35–59 · Enter 客户视图",
                                 "Customers with a signal on \(date) \(table.position) · red ≥ 60 · amber 35–59 · Enter opens")
        case .prospects:
            title = context.text("资金链潜在客户 \(table.position) · + 转为潜在客户（商机与联系日程）",
                                 "Prospects \(table.position) · + makes one a potential customer (a lead and a contact item)")
        case .chain:
            title = context.text("资金链交易对手（近12个月，本人可见客户合计）\(table.position)",
                                 "Counterparties of your customers, 12 months \(table.position)")
        case .usage:
            title = context.text("产品渗透率（持有该类产品的客户占比）按\(dimensionTitle(true)) · v 切换维度",
                                 "Share of customers holding each category by \(dimensionTitle(false).lowercased()) · v switches")
        }
        let inside = Box.draw(parts[1], title: title, on: &grid, context: context.render)
        table.layout(in: inside)
        table.render(in: inside, on: &grid, context: context.render)
        if table.selectedRow == nil {
            grid.put(emptyText(context), x: inside.x + 1, y: inside.y + 2, style: Style(.dim), limit: inside.maxX)
        }
        if detailRows > 0 { drawDetail(in: parts[2], on: &grid, context: context) }
        return nil
    }

    /// What an empty tab says: nothing found, and where the figures come from.
    private func emptyText(_ context: ScreenContext) -> String {
        switch tab {
        case .churn: return context.text("没有出现流失信号的客户（流失预警由日终批量计算）", "No customer shows a churn signal (the nightly batch scores them)")
        case .prospects: return context.text("没有资金链潜在客户（由日终批量排名）", "No prospects (the nightly batch ranks them)")
        case .usage: return context.text("没有客户", "No customers")
        case .chain: return context.text("近12个月没有资金往来", "No fund flows in the last 12 months")
        }
    }

    /// The selected customer's signals with their figures, or the selected prospect's reasons.
    private func drawDetail(in rect: Rect, on grid: inout Grid, context: ScreenContext) {
        let inside = Box.draw(rect, title: tab == .chain ? context.text("四项资金流（按月）", "The four totals by month") : context.text("依据", "Why"),
                              on: &grid, context: context.render)
        var lines: [String] = []
        switch tab {
        case .churn:
            if let warning = selectedWarning {
                lines = ["\(warning.customerName) \(warning.customerID) · \(warning.score) " + context.text("分", "points")]
                    + warning.signals.map { "+\($0.points) \($0.text)" }
            }
        case .prospects:
            if let prospect = selectedProspect {
                lines = prospect.reasons.map { "+\(ScaledNumber.text(Int64($0.points), decimals: 2)) \($0.text)" }
                if let owner = adopted[prospect.key] {
                    lines.append(context.text("已转为 \(owner) 的潜在客户（商机管理与日程中可见）", "A potential customer of \(owner) (see Opportunities and the schedule)"))
                }
            }
        case .usage:
            break
        case .chain:
            return drawTrend(in: inside, on: &grid, context: context)
        }
        for (offset, line) in lines.prefix(inside.height).enumerated() {
            grid.put(DisplayWidth.fit(line, to: inside.width), x: inside.x, y: inside.y + offset, style: Style(offset == 0 ? .accent : .normal),
                     limit: inside.maxX)
        }
    }

    /// The four totals of the last six months, one row each (the twelve are in `crm fundflow` without a customer).
    private func drawTrend(in rect: Rect, on grid: inout Grid, context: ScreenContext) {
        let language = context.language
        let header = [context.text("月份", "Month"), context.text("行内来款", "In, ours"), context.text("行外来款", "In, other"),
                      context.text("行内走款", "Out, ours"), context.text("行外走款", "Out, other")]
        let width = max(8, rect.width / header.count)
        for (index, title) in header.enumerated() {
            grid.put(DisplayWidth.fit(title, to: width - 1, alignRight: index > 0), x: rect.x + index * width, y: rect.y, style: Style(.header),
                     limit: rect.maxX)
        }
        for (offset, month) in trend.suffix(max(0, rect.height - 1)).enumerated() {
            let cells = [month.month] + [month.inBankIn, month.outBankIn, month.inBankOut, month.outBankOut].map { Amount.short($0, language) }
            for (index, cell) in cells.enumerated() {
                grid.put(DisplayWidth.fit(cell, to: width - 1, alignRight: index > 0), x: rect.x + index * width, y: rect.y + 1 + offset,
                         limit: rect.maxX)
            }
        }
    }

    private var selectedWarning: ChurnWarning? {
        guard tab == .churn, let row = table.selectedRow, warnings.indices.contains(row) else { return nil }
        return warnings[row]
    }

    private var selectedProspect: Prospect? {
        guard tab == .prospects, let row = table.selectedRow, prospects.indices.contains(row) else { return nil }
        return prospects[row]
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        let before = tabs.active
        if tabs.handle(key) == .handled {
            if tabs.active != before { reload(shell: shell) }
            return true
        }
        if table.handle(key) == .submitted, let warning = selectedWarning { shell.openCustomer(warning.customerID) }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        let zh = shell.language == .chinese
        switch command {
        case .adoptProspect:
            guard let prospect = selectedProspect else {
                shell.notify(zh ? "先在“资金链潜在客户”中选中一个" : "Select a prospect first", .info)
                return true
            }
            let owner = prospect.topStaffName ?? "—"
            shell.confirm(title: zh ? "转为潜在客户" : "Make a potential customer",
                          message: zh ? "把 \(prospect.name) 转为 \(owner) 的潜在客户，并建立商机和三日内的联系日程？"
                                      : "Make \(prospect.name) a potential customer of \(owner), with a lead and a contact item?") {
                let adopt = AdoptProspect(id: MutationID.make(), opportunityID: MutationID.make(), scheduleID: MutationID.make(),
                                          prospectKey: prospect.key, today: shell.services.reminderDay)
                guard shell.apply(adopt) else { return }
                self.reload(shell: shell)
                shell.notify(zh ? "已转为潜在客户：商机与联系日程已建立" : "Done: a lead and a contact item were made", .success)
            }
        case .switchDimension:
            guard tab == .usage else { return true }
            let all = ProductUsageDimension.allCases
            dimension = all[(all.firstIndex(of: dimension)! + 1) % all.count]
            reload(shell: shell)
        default:
            return false
        }
        return true
    }
}
