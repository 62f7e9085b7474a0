import CRMCore
import CRMStore
import TUI

/// A customer at a glance, where an alert or the cockpit jumps to: identity, tier, managers, balances with
/// their averages, this month's fund flows and the recent alerts. The customer must be in the user's scope.
final class CustomerBriefScreen: Screen {
    let kind = ScreenKind.customer
    private let customerID: String
    private var brief: CustomerBrief

    init(shell: ShellActions, customerID: String) throws {
        self.customerID = customerID
        brief = try CustomerBriefScreen.load(shell: shell, customerID: customerID)
    }

    func title(_ language: Language) -> String { brief.name }

    func reload(shell: ShellActions) {
        if let fresh = try? CustomerBriefScreen.load(shell: shell, customerID: customerID) { brief = fresh }
    }

    private static func load(shell: ShellActions, customerID: String) throws -> CustomerBrief {
        guard let date = shell.services.businessDate else { throw MutationError("没有数据 (no data loaded)") }
        return try shell.services.database.writer.read { db in
            try CustomerBriefQuery.brief(db, customerID: customerID, scope: shell.session.scope, asOf: date)
        }
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let language = context.language
        let columns = Split.columns(rect, [.flex(1), .flex(1)])
        let left = Box.draw(columns[0], title: context.text("客户概况", "Customer"), on: &grid, context: context.render)
        let tier = language == .chinese ? brief.tier.chineseName : brief.tier.rawValue
        let identity: [(String, String)] = [
            (context.text("客户名称", "Name"), brief.name),
            (context.text("客户号", "Customer id"), brief.customerID),
            (context.text("统一社会信用代码", "USCC"), brief.uscc),
            (context.text("条线", "Line"), BusinessLine(rawValue: brief.line).map { language == .chinese ? $0.chineseName : $0.englishName } ?? brief.line),
            (context.text("行业", "Industry"), brief.industryCode),
            (context.text("客户分层", "Tier"), "\(tier)（\(brief.tierRule)）"),
            (context.text("状态", "Status"), brief.dormant ? context.text("睡眠", "Dormant")
                : brief.status == "ACTIVE" ? context.text("正常", "Active") : context.text("已销户", "Closed")),
            (context.text("客户经理", "Managers"), brief.managers.joined(separator: "、")),
        ]
        drawPairs(identity, in: left, on: &grid)
        let right = Split.rows(columns[1], [.fixed(9), .flex(1)])
        let balances = Box.draw(right[0], title: context.text("余额与日均（\(brief.asOf)）", "Balances (\(brief.asOf))"), on: &grid,
                                context: context.render.focused(false))
        let b = brief.balances
        drawPairs([
            (context.text("存款余额", "Deposits"), Amount.short(b.deposit.balance, language)),
            (context.text("存款月/季/年日均", "Dep. MTD/QTD/YTD"),
             [b.deposit.mtdAverage, b.deposit.qtdAverage, b.deposit.ytdAverage].map { Amount.short($0, language) }.joined(separator: " / ")),
            (context.text("贷款余额", "Loans"), Amount.short(b.loan.balance, language)),
            (context.text("贷款年日均", "Loan YTD avg"), Amount.short(b.loan.ytdAverage, language)),
            (context.text("本月行内来款", "In-bank in (month)"), Amount.short(brief.flows.inBankIn, language)),
            (context.text("本月行外来款", "Other-bank in"), Amount.short(brief.flows.outBankIn, language)),
            (context.text("本月行外走款", "Other-bank out"), Amount.short(brief.flows.outBankOut, language)),
        ], in: balances, on: &grid)
        let alerts = Box.draw(right[1], title: context.text("近期提醒", "Recent alerts"), on: &grid, context: context.render.focused(false))
        if brief.alerts.isEmpty {
            grid.put(context.text("近 30 日没有大额变动", "No large movement in 30 days"), x: alerts.x + 1, y: alerts.y, style: Style(.dim),
                     limit: alerts.maxX)
        }
        for (row, alert) in brief.alerts.prefix(alerts.height).enumerated() {
            let line = "\(alert.date) \(AlertText.mark(alert.kind, plain: context.render.plain)) \(AlertText.kind(alert.kind)(language)) \(Amount.short(alert.amount, language))"
            grid.put(line, x: alerts.x + 1, y: alerts.y + row, limit: alerts.maxX)
        }
        return nil
    }

    private func drawPairs(_ pairs: [(String, String)], in rect: Rect, on grid: inout Grid) {
        let labelWidth = min(18, (pairs.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2)
        for (row, pair) in pairs.prefix(rect.height).enumerated() {
            grid.put(DisplayWidth.fit(pair.0, to: labelWidth), x: rect.x + 1, y: rect.y + row, style: Style(.dim), limit: rect.maxX)
            grid.put(DisplayWidth.truncate(pair.1, to: rect.width - 1 - labelWidth), x: rect.x + 1 + labelWidth, y: rect.y + row,
                     limit: rect.maxX)
        }
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool { false }

    /// Drilling up from a customer goes back to where it was opened from.
    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        guard command == .drillUp else { return false }
        shell.pop()
        return true
    }
}
