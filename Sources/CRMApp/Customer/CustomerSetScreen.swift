import CRMCore
import CRMStore
import TUI

/// A group's or conglomerate's 360 view: totals of balances, averages and credit, the 13-month trend, and the
/// members (Enter opens one; x takes a member out of one's own group).
final class CustomerSetScreen: Screen {
    let kind = ScreenKind.customerSet
    private var set: CustomerSet
    private(set) var view: CustomerSetView
    private var table = Table(columns: [], source: ArrayTableSource(rows: []))
    private var language: Language

    init(shell: ShellActions, set: CustomerSet) throws {
        self.set = set
        language = shell.language
        view = try CustomerSetScreen.load(shell: shell, set: set)
        rebuildTable()
    }

    private static func load(shell: ShellActions, set: CustomerSet) throws -> CustomerSetView {
        guard let date = shell.services.businessDate else { throw QueryError.dateNotLoaded(shell.services.today, loaded: nil) }
        let scope = shell.session.scope
        return try shell.services.database.writer.read { try CustomerSetQuery.view($0, set: set, scope: scope, asOf: date) }
    }

    func title(_ language: Language) -> String { set.name }

    func reload(shell: ShellActions) {
        if let fresh = try? CustomerSetScreen.load(shell: shell, set: set) { view = fresh }
        rebuildTable()
    }

    private func rebuildTable() {
        let zh = language == .chinese
        func money(_ fen: Int64) -> String { Amount.short(fen, language) }
        let relations = ["PARENT": Text("母公司", "Parent"), "SUBSIDIARY": Text("子公司", "Subsidiary"), "AFFILIATE": Text("关联", "Affiliate")]
        let columns = [
            TableColumn(zh ? "成员" : "Member", maxWidth: 30, flexible: true), TableColumn(zh ? "关系" : "Relation", maxWidth: 10),
            TableColumn(zh ? "存款余额" : "Deposits", kind: .number), TableColumn(zh ? "存款年日均" : "Dep. YTD avg", kind: .number),
            TableColumn(zh ? "贷款余额" : "Loans", kind: .number), TableColumn(zh ? "授信额度" : "Credit limit", kind: .number),
            TableColumn(zh ? "已用" : "Used", kind: .number), TableColumn(zh ? "使用率" : "Usage", kind: .number),
        ]
        let rows = view.members.map { m -> [String] in
            [m.name, m.relation.flatMap { relations[$0]?(language) } ?? "", money(m.deposit.balance), money(m.deposit.ytdAverage),
             money(m.loan.balance), money(m.creditLimit), money(m.creditUsed), CustomerSetScreen.usage(m.creditUsed, of: m.creditLimit)]
        }
        let keys = view.members.map { m -> [TableSortKey] in
            [.text(m.name), .text(m.relation ?? ""), .number(m.deposit.balance), .number(m.deposit.ytdAverage), .number(m.loan.balance),
             .number(m.creditLimit), .number(m.creditUsed),
             .number(m.creditLimit == 0 ? 0 : Money.divideRounded(m.creditUsed * 10_000, by: m.creditLimit))]
        }
        table = Table(columns: columns, source: ArrayTableSource(rows: rows, sortKeys: keys))
    }

    /// Used over limit as a percentage with two decimals, or "—" without a limit.
    static func usage(_ used: Int64, of limit: Int64) -> String {
        limit == 0 ? "—" : ScaledNumber.text(Money.divideRounded(used * 10_000, by: limit), decimals: 2) + "%"
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            rebuildTable()
        }
        let rows = Split.rows(rect, [.fixed(9), .flex(1)])
        let top = Split.columns(rows[0], [.flex(1), .flex(1)])
        let kind = CustomerSetText.kind(set.kind, short: false)(context.language)
        let totals = Box.draw(top[0], title: "\(kind) · \(view.asOf)", on: &grid, context: context.render.focused(false))
        let money = { (fen: Int64) in Amount.short(fen, context.language) }
        let lines: [(String, String)] = [
            (context.text("成员（可见/全部）", "Members (seen/all)"), "\(set.members)/\(set.allMembers)"),
            (context.text("存款余额", "Deposits"), money(view.depositBalance)),
            (context.text("存款月日均", "Deposit MTD avg"), money(view.depositMonthAverage)),
            (context.text("存款年日均", "Deposit YTD avg"), money(view.depositYearAverage)),
            (context.text("贷款余额", "Loans"), money(view.loanBalance)),
            (context.text("授信额度 / 已用", "Credit limit / used"), "\(money(view.creditLimit)) / \(money(view.creditUsed))"),
            (context.text("额度使用率", "Credit usage"), CustomerSetScreen.usage(view.creditUsed, of: view.creditLimit)),
        ]
        for (row, line) in lines.prefix(totals.height).enumerated() {
            grid.put(DisplayWidth.fit(line.0, to: 18), x: totals.x + 1, y: totals.y + row, style: Style(.dim), limit: totals.maxX)
            grid.put(line.1, x: totals.x + 19, y: totals.y + row, limit: totals.maxX)
        }
        let chart = Box.draw(top[1], title: context.text("成员存款合计 13 个月（月末）", "Members' deposits, 13 month-ends"), on: &grid,
                             context: context.render.focused(false))
        let language = context.language
        LineChart(values: view.trend.map(\.deposit), xLabels: view.trend.map { String($0.date.description.prefix(7)) },
                  format: { Amount.short($0, language) }).render(in: chart, on: &grid, context: context.render)
        let members = Box.draw(rows[1], title: context.text("成员 \(table.position) · Enter 打开 · s 排序", "Members \(table.position) · Enter opens · s sorts"),
                               on: &grid, context: context.render)
        table.layout(in: members)
        table.render(in: members, on: &grid, context: context.render)
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if table.handle(key) == .submitted, let row = table.selectedRow {
            shell.openCustomer(view.members[row].customerID)
        }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        let zh = shell.language == .chinese
        switch command {
        case .sort: _ = table.handle(.character("s"))
        case .sortDirection: _ = table.handle(.character("S"))
        case .removeFromGroup:
            guard set.kind == .group, let row = table.selectedRow else {
                shell.notify(zh ? "集团成员来自授信数据，不能在此移出" : "Conglomerate members come from the credit data", .info)
                return true
            }
            let member = view.members[row]
            shell.confirm(title: zh ? "移出客户群" : "Remove from group",
                          message: zh ? "把“\(member.name)”移出“\(set.name)”？" : "Remove \(member.name) from \(set.name)?") { [set] in
                if shell.apply(ChangeGroupMembers(.remove, groupID: set.id, customerIDs: [member.customerID])) { self.reload(shell: shell) }
            }
        default:
            return false
        }
        return true
    }
}
