import CRMCore
import CRMStore
import TUI

/// Draws one tab of the customer 360 view.
struct Customer360TabView {
    let data: Customer360Data
    let overview: CustomerOverview
    let tags: CustomerTags?
    let nextItem: ScheduleItem?
    let context: ScreenContext

    private var language: Language { context.language }
    private func text(_ zh: String, _ en: String) -> String { context.text(zh, en) }
    private func money(_ fen: Int64) -> String { Amount.short(fen, language) }

    // MARK: Overview

    func overview(in rect: Rect, on grid: inout Grid) {
        let o = overview, id = o.identity
        let columns = Split.columns(rect, [.flex(1), .flex(1)])
        let left = Box.draw(columns[0], title: text("基本信息", "Identity"), on: &grid, context: context.render.focused(false))
        let line = BusinessLine(rawValue: id.line).map { language == .chinese ? $0.chineseName : $0.englishName } ?? id.line
        let status = o.dormant ? text("睡眠", "Dormant") : id.status == "ACTIVE" ? text("正常", "Active") : text("已销户", "Closed")
        drawPairs([
            (text("统一社会信用代码", "USCC"), id.uscc),
            (text("条线", "Line"), line),
            (text("行业", "Industry"), id.industryCode),
            (text("注册资本", "Registered capital"), id.registeredCapital.map(money) ?? "—"),
            (text("成立日期", "Founded"), id.foundedDate ?? "—"),
            (text("法定代表人", "Legal rep."), id.legalRep ?? "—"),
            (text("实际控制人", "Controller"), id.controllerName ?? "—"),
            (text("开户日期", "Customer since"), id.openDate ?? "—"),
            (text("状态", "Status"), status + (o.lastActiveDate.map { text("，最近主动交易 \($0)", ", last active \($0)") } ?? "")),
            (text("分层", "Tier"), "\(language == .chinese ? o.tier.chineseName : o.tier.rawValue.capitalized)（\(o.tierRule)）"),
            (text("有效户", "Effective"), o.effective ? text("是", "yes") : text("否", "no")),
            (text("所属集团", "Conglomerate"), o.conglomerate ?? "—"),
            (text("标签（t 编辑）", "Tags (t edits)"), tagLine),
        ] + o.managers.map { manager in
            (manager.role == "MAIN" ? text("主办客户经理", "Main manager") : text("协办客户经理", "Assisting"),
             "\(manager.name) \(ScaledNumber.text(manager.shareBP, decimals: 2))% · \(manager.orgName)")
        }, in: left, on: &grid)
        let right = Split.rows(columns[1], [.fixed(7), .flex(1)])
        let figures = Box.draw(right[0], title: text("关键指标", "Key figures"), on: &grid, context: context.render.focused(false))
        drawKeyFigures(in: figures, on: &grid)
        let lower = Box.draw(right[1], title: text("日程、近 30 日提醒与分层历史", "Schedule, alerts (30 days), tier history"), on: &grid,
                             context: context.render.focused(false))
        let next = nextItem.map { text("下一日程：\($0.startsAt) \($0.title)", "Next: \($0.startsAt) \($0.title)") }
            ?? text("下一日程：没有安排（c 日程中新建）", "Next: nothing scheduled (add it in the schedule, c)")
        var lines: [(String, Style)] = [(next, Style(.accent)), ("", Style())]
        lines += o.alerts.map { alert in
            ("\(alert.date) \(AlertText.mark(alert.kind, plain: context.render.plain)) \(AlertText.kind(alert.kind)(language)) \(money(alert.amount))",
             Style(.warning))
        }
        if o.alerts.isEmpty { lines.append((text("近 30 日没有大额变动", "No large movement in 30 days"), Style(.dim))) }
        lines.append(("", Style()))
        lines += o.tierHistory.prefix(6).map { period in
            (text("\(period.from) 起 \(period.tier.chineseName)（\(period.rule)）", "from \(period.from): \(period.tier.rawValue) (\(period.rule))"),
             Style(.dim))
        }
        for (row, entry) in lines.prefix(lower.height).enumerated() {
            grid.put(DisplayWidth.truncate(entry.0, to: lower.width - 1), x: lower.x + 1, y: lower.y + row, style: entry.1, limit: lower.maxX)
        }
    }

    private var tagLine: String {
        guard let tags else { return "—" }
        let names = tags.rule.map { language == .chinese ? $0.chineseName : $0.rawValue } + tags.manual.map(\.name)
        return names.isEmpty ? "—" : names.joined(separator: " · ")
    }

    private func drawKeyFigures(in rect: Rect, on grid: inout Grid) {
        let b = overview.balances, start = overview.yearStart
        let header = [text("", ""), text("余额", "Balance"), text("月日均", "MTD avg"), text("年日均", "YTD avg"), text("较年初", "vs year")]
        let rows: [[String]] = [
            [text("存款", "Deposits"), money(b.deposit.balance), money(b.deposit.mtdAverage), money(b.deposit.ytdAverage),
             start.map { Amount.change(b.deposit.balance - $0.deposit.balance, language) } ?? "—"],
            [text("贷款", "Loans"), money(b.loan.balance), money(b.loan.mtdAverage), money(b.loan.ytdAverage),
             start.map { Amount.change(b.loan.balance - $0.loan.balance, language) } ?? "—"],
        ]
        // Without room for four amounts of "9,383.00万", the month-to-date average gives way.
        let shown = rect.width >= 52 ? [0, 1, 2, 3, 4] : [0, 1, 3, 4]
        let labelWidth = language == .chinese ? 5 : 9
        let widths = [labelWidth] + Array(repeating: max(10, (rect.width - labelWidth) / (shown.count - 1)), count: shown.count - 1)
        for (offset, all) in ([header] + rows).enumerated() where offset < rect.height {
            let cells = shown.map { all[$0] }
            var x = rect.x
            for (index, cell) in cells.enumerated() {
                // Columns keep a space between them; the last may use its whole width.
                let room = index == cells.count - 1 ? widths[index] : widths[index] - 1
                grid.put(DisplayWidth.fit(cell, to: room, alignRight: index > 0), x: x, y: rect.y + offset,
                         style: offset == 0 ? Style(.header) : Style(), limit: rect.maxX)
                x += widths[index]
            }
        }
        if let start, rect.height > 4 {
            let growth = b.deposit.ytdAverage - start.deposit.ytdAverage
            grid.put(text("存款日均新增（较上年日均）", "Deposit average growth (vs last year)") + " " + Amount.change(growth, language),
                     x: rect.x, y: rect.y + 4, style: Amount.changeStyle(growth), limit: rect.maxX)
        }
    }

    // MARK: Balances

    func balances(in rect: Rect, on grid: inout Grid) {
        guard case .success(let history) = data.history else { return failure(data.history, in: rect, on: &grid) }
        let rows = Split.rows(rect, [.flex(1), .flex(1)])
        let labels = history.map { String($0.date.description.prefix(7)) }
        let language = self.language
        for (index, series) in [(text("存款余额 13 个月（月末）", "Deposits, 13 month-ends"), history.map(\.deposit), StyleRole.chart1),
                                (text("贷款余额 13 个月（月末）", "Loans, 13 month-ends"), history.map(\.loan), StyleRole.chart2)].enumerated() {
            let inside = Box.draw(rows[index], title: series.0, on: &grid, context: context.render.focused(false))
            LineChart(values: series.1, xLabels: labels, role: series.2, format: { Amount.short($0, language) })
                .render(in: inside, on: &grid, context: context.render)
        }
    }

    // MARK: Products

    func products(in rect: Rect, on grid: inout Grid, table: inout Table?) {
        guard case .success(let products) = data.products else { return failure(data.products, in: rect, on: &grid) }
        let columns = Split.columns(rect, [.flex(3), .flex(2)])
        if table == nil {
            table = Table(columns: [TableColumn(text("产品", "Product"), maxWidth: 30, flexible: true), TableColumn(text("类别", "Category"), maxWidth: 14),
                                    TableColumn(text("账户数", "Accounts"), kind: .number), TableColumn(text("余额", "Balance"), kind: .number)],
                          source: ArrayTableSource(rows: products.held.map { [$0.name, ProductCategoryText.name($0.category)(language), String($0.accounts),
                                                                       money($0.balance)] },
                                                   sortKeys: products.held.map { [.text($0.name), .text($0.category),
                                                                                  .number(Int64($0.accounts)), .number($0.balance)] }))
        }
        let left = Split.rows(columns[0], [.flex(1), .fixed(8)])
        let inside = Box.draw(left[0], title: text("持有产品 \(products.held.count) 种", "\(products.held.count) products held"),
                              on: &grid, context: context.render)
        table?.layout(in: inside)
        table?.render(in: inside, on: &grid, context: context.render)
        recommendations(in: left[1], on: &grid)
        let title = products.peersInBooksOnly
            ? text("同业同行业渗透率（本机名下 \(products.peers) 户）", "Peer penetration (\(products.peers) peers in your books here)")
            : text("同业同行业渗透率（\(products.peers) 户）", "Peer penetration (\(products.peers) peers)")
        let penetration = Box.draw(columns[1], title: title, on: &grid, context: context.render.focused(false))
        let bars = products.penetration.map { entry in
            BarChart.Bar((entry.held ? (context.render.plain ? "* " : "● ") : (context.render.plain ? "  " : "○ "))
                         + ProductCategoryText.name(entry.category)(language), entry.peerShareBP, role: entry.held ? .chart1 : .chart3)
        }
        BarChart(bars: bars, format: { ScaledNumber.text($0, decimals: 2) + "%" }).render(in: penetration, on: &grid, context: context.render)
    }

    /// 产品智能推荐: products the customer does not hold, ranked, each with its reasons (the needs rule that fired,
    /// the share of peers holding it).
    private func recommendations(in rect: Rect, on grid: inout Grid) {
        let inside = Box.draw(rect, title: text("产品推荐（未持有，按得分）", "Recommended (not held, by score)"), on: &grid,
                              context: context.render.focused(false))
        guard case .success(let advice) = data.advice else { return failure(data.advice, in: inside, on: &grid) }
        let lines = advice.recommendations.map { item in
            "\(ProductCategoryText.name(item.category.rawValue)(language)) \(item.score)\(text("分", "")) · " + item.reasons.joined(separator: "；")
        }
        if lines.isEmpty {
            grid.put(text("没有可推荐的产品", "Nothing to recommend"), x: inside.x + 1, y: inside.y, style: Style(.dim), limit: inside.maxX)
        }
        for (row, line) in lines.prefix(inside.height).enumerated() {
            grid.put(DisplayWidth.fit(line, to: inside.width - 1), x: inside.x + 1, y: inside.y + row, style: Style(row == 0 ? .accent : .normal),
                     limit: inside.maxX)
        }
    }

    // MARK: Contribution

    func contribution(in rect: Rect, on grid: inout Grid, table: inout Table?) {
        guard case .success(let months) = data.contribution else { return failure(data.contribution, in: rect, on: &grid) }
        let inside = Box.draw(rect, title: text("月度贡献（管会口径；RAROC 年化，EVA 扣除资本成本）",
                                                "Monthly contribution (RAROC annualised; EVA after the capital charge)"),
                              on: &grid, context: context.render)
        guard !months.isEmpty else {
            grid.put(text("还没有管会利润数据（每月末随 profit.csv 到达）", "No profit data yet (profit.csv arrives at each month end)"),
                     x: inside.x + 1, y: inside.y, style: Style(.dim), limit: inside.maxX)
            return
        }
        if table == nil {
            let titles = [text("月份", "Month"), "FTP", text("中收", "Fees"), text("成本", "Cost"), text("预期损失", "Exp. loss"),
                          text("经济资本", "Capital"), text("税前利润", "Pre-tax"), text("税后利润", "After tax"), "RAROC", "EVA"]
            table = Table(columns: titles.enumerated().map { TableColumn($1, kind: $0 == 0 ? .text : .number, maxWidth: 14, flexible: $0 == 9) },
                          source: ArrayTableSource(rows: months.map { m in
                              [m.month] + [m.ftpIncome, m.feeIncome, m.operatingCost, m.expectedLoss, m.economicCapital,
                                           m.profitBeforeTax, m.profitAfterTax].map(money)
                                  + [m.rarocBP.map { ScaledNumber.text($0, decimals: 2) + "%" } ?? "—", money(m.eva)]
                          }, sortKeys: months.map { m in
                              [.text(m.month)] + [m.ftpIncome, m.feeIncome, m.operatingCost, m.expectedLoss, m.economicCapital,
                                                  m.profitBeforeTax, m.profitAfterTax].map(TableSortKey.number)
                                  + [.number(m.rarocBP ?? Int64.min), .number(m.eva)]
                          }))
        }
        table?.layout(in: inside)
        table?.render(in: inside, on: &grid, context: context.render)
    }

    // MARK: Flows

    func flows(in rect: Rect, on grid: inout Grid, table: inout Table?) {
        guard case .success(let flows) = data.flows else { return failure(data.flows, in: rect, on: &grid) }
        let rows = Split.rows(rect, [.fixed(7), .flex(1)])
        let top = Split.columns(rows[0], [.flex(1), .flex(1)])
        let totals = Box.draw(top[0], title: text("来款与走款", "Money in and out"), on: &grid, context: context.render.focused(false))
        let header = ["", text("本月", "This month"), text("近 12 个月", "12 months")]
        let lines: [(String, Int64, Int64)] = [
            (text("行内来款", "In-bank in"), flows.month.inBankIn, flows.year.inBankIn),
            (text("行外来款", "Other banks in"), flows.month.outBankIn, flows.year.outBankIn),
            (text("行内走款", "In-bank out"), flows.month.inBankOut, flows.year.inBankOut),
            (text("行外走款", "Other banks out"), flows.month.outBankOut, flows.year.outBankOut),
        ]
        let width = max(10, (totals.width - 14) / 2)
        for (row, cells) in ([(header[0], header[1], header[2])] + lines.map { ($0.0, money($0.1), money($0.2)) }).enumerated()
        where row < totals.height {
            grid.put(DisplayWidth.fit(cells.0, to: 14), x: totals.x, y: totals.y + row, style: row == 0 ? Style(.header) : Style(.dim),
                     limit: totals.maxX)
            grid.put(DisplayWidth.fit(cells.1, to: width - 1, alignRight: true) + " " + DisplayWidth.fit(cells.2, to: width - 1, alignRight: true),
                     x: totals.x + 14, y: totals.y + row, style: row == 0 ? Style(.header) : Style(), limit: totals.maxX)
        }
        let parties = Box.draw(top[1], title: text("上下游（近 12 个月）", "Upstream and downstream (12 months)"), on: &grid,
                               context: context.render.focused(false))
        let ranked = flows.year.counterparties.filter { $0.role != nil }.prefix(parties.height)
        if ranked.isEmpty {
            grid.put(text("没有识别出稳定的上下游", "No steady supplier or buyer found"), x: parties.x + 1, y: parties.y, style: Style(.dim),
                     limit: parties.maxX)
        }
        for (row, party) in ranked.enumerated() {
            let role = party.role == .upstream ? text("上游", "Supplier") : text("下游", "Buyer")
            let amount = party.role == .upstream ? party.outflow : party.inflow
            let line = "\(role) " + DisplayWidth.fit(party.name, to: max(8, parties.width - 20)) + DisplayWidth.fit(money(amount), to: 12, alignRight: true)
            grid.put(line, x: parties.x + 1, y: parties.y + row, limit: parties.maxX)
        }
        if table == nil {
            let titles = [text("日期", "Date"), text("时间", "Time"), text("方向", "Dir."), text("金额", "Amount"), text("对手方", "Counterparty"),
                          text("行内", "In-bank"), text("用途", "Purpose"), text("渠道", "Channel")]
            table = Table(columns: titles.enumerated().map {
                TableColumn($1, kind: $0 == 3 ? .number : .text, maxWidth: $0 == 4 ? 40 : 14, flexible: $0 == 4)
            },
                          source: ArrayTableSource(rows: flows.transactions.map { t in
                              [t.date.description, String(t.time.dropFirst(11).prefix(5)), t.direction == "C" ? text("来", "in") : text("往", "out"),
                               (t.reversed ? text("已冲正 ", "reversed ") : "") + money(t.amount), t.counterparty ?? "—",
                               t.inBank ? text("是", "yes") : text("否", "no"), t.purpose ?? "", t.channel]
                          }, sortKeys: flows.transactions.map { t in
                              [.text(t.date.description + t.time), .text(t.time), .text(t.direction), .number(t.amount),
                               .text(t.counterparty ?? ""), .text(t.inBank ? "1" : "0"), .text(t.purpose ?? ""), .text(t.channel)]
                          }))
        }
        let list = Box.draw(rows[1], title: text("最近交易（\(flows.transactions.count) 笔）· s 排序",
                                                 "Latest transactions (\(flows.transactions.count)) · s sorts"),
                            on: &grid, context: context.render)
        table?.layout(in: list)
        table?.render(in: list, on: &grid, context: context.render)
        if flows.transactions.isEmpty && flows.transactionsOnServer {
            grid.put(text("交易明细只保存在服务器上，本机副本不含；来往汇总与上下游已在上方",
                          "Transactions stay on the server, not on this laptop; the totals and counterparties above are here"),
                     x: list.x + 1, y: list.y + min(1, list.height - 1), style: Style(.dim), limit: list.maxX)
        }
    }

    // MARK: External

    func external(in rect: Rect, on grid: inout Grid) {
        guard case .success(let profile) = data.external else { return failure(data.external, in: rect, on: &grid) }
        let columns = Split.columns(rect, [.flex(1), .flex(1)])
        let left = Split.rows(columns[0], [.fixed(9), .flex(1)])
        let registration = Box.draw(left[0], title: text("工商登记", "Registration"), on: &grid, context: context.render.focused(false))
        drawPairs([
            (text("登记状态", "Status"), profile.registrationStatus ?? "—"),
            (text("登记机关", "Authority"), profile.authority ?? "—"),
            (text("注册地址", "Address"), profile.address ?? "—"),
            (text("实缴资本", "Paid-in capital"), profile.paidInCapital.map(money) ?? "—"),
            (text("员工人数", "Employees"), profile.employees.map(String.init) ?? "—"),
            (text("纳税信用", "Tax rating"), profile.taxRating ?? "—"),
            (text("经营范围", "Business scope"), profile.businessScope ?? "—"),
        ], in: registration, on: &grid)
        let holders = Box.draw(left[1], title: text("股东", "Shareholders"), on: &grid, context: context.render.focused(false))
        for (row, holder) in profile.shareholders.prefix(holders.height).enumerated() {
            let share = holder.holdingBP.map { ScaledNumber.text($0, decimals: 2) + "%" } ?? ""
            grid.put(DisplayWidth.fit(holder.name, to: max(8, holders.width - 10)) + DisplayWidth.fit(share, to: 8, alignRight: true),
                     x: holders.x + 1, y: holders.y + row, limit: holders.maxX)
        }
        let events = Box.draw(columns[1], title: text("事件与舆情（严重度 1-5）", "Events and news (severity 1-5)"), on: &grid,
                              context: context.render.focused(false))
        if profile.events.isEmpty {
            grid.put(text("没有外部事件", "No external events"), x: events.x + 1, y: events.y, style: Style(.dim), limit: events.maxX)
        }
        for (row, event) in profile.events.prefix(events.height).enumerated() {
            let style: Style = event.severity >= 4 ? Style(.error) : event.severity == 3 ? Style(.warning) : Style()
            let marks = String(repeating: context.render.plain ? "!" : "●", count: event.severity)
            grid.put("\(event.date) \(DisplayWidth.fit(marks, to: 5)) \(event.title)", x: events.x + 1, y: events.y + row, style: style,
                     limit: events.maxX)
        }
    }

    // MARK: Relations

    /// The node id of a related customer the tree can open: "customer:ID".
    static func customerID(of node: TreeNode) -> String? {
        node.id.hasPrefix("customer:") ? String(node.id.dropFirst(9)) : nil
    }

    func relations(in rect: Rect, on grid: inout Grid, tree: inout TreeView?) {
        guard case .success(let relations) = data.relations else { return failure(data.relations, in: rect, on: &grid) }
        if tree == nil {
            let titles: [CustomerRelations.Kind: Text] = [
                .shareholders: Text("股东", "Shareholders"), .investments: Text("对外投资", "Investments"),
                .guaranteesGiven: Text("对外担保", "Guarantees given"), .guaranteesReceived: Text("接受担保", "Guaranteed by"),
                .sameController: Text("同一实际控制人", "Same controller"), .suppliers: Text("供应商（上游）", "Suppliers"),
                .buyers: Text("客户（下游）", "Buyers"), .conglomerate: Text("同集团成员", "Conglomerate members"),
            ]
            let language = self.language
            tree = TreeView(source: ClosureTreeSource { id in
                guard let id else {
                    return CustomerRelations.Kind.allCases.map { kind in
                        let count = relations.parties[kind]?.count ?? 0
                        return TreeNode(id: "kind:" + kind.rawValue, title: titles[kind]!(language), detail: String(count), hasChildren: count > 0)
                    }
                }
                guard id.hasPrefix("kind:"), let kind = CustomerRelations.Kind(rawValue: String(id.dropFirst(5))) else { return [] }
                return (relations.parties[kind] ?? []).enumerated().map { index, party in
                    TreeNode(id: party.customerID.map { "customer:" + $0 } ?? "party:\(kind.rawValue):\(index)",
                             title: party.name + (party.customerID == nil ? "" : " ▸"), detail: party.detail ?? party.uscc)
                }
            })
        }
        let inside = Box.draw(rect, title: text("关系图谱 · →/Enter 展开 · Enter 打开本行客户（▸）", "Relations · → or Enter expands · Enter opens a customer (▸)"),
                              on: &grid, context: context.render)
        tree?.layout(in: inside)
        tree?.render(in: inside, on: &grid, context: context.render)
    }

    // MARK: Activity

    func activity(in rect: Rect, on grid: inout Grid) {
        let inside = Box.draw(rect, title: text("营销活动 · V 记录拜访", "Marketing activity · V records a visit"), on: &grid,
                              context: context.render)
        guard case .success(let activity) = data.activity else { return failure(data.activity, in: inside, on: &grid) }
        var lines: [(String, Style)] = [(text("营销任务", "Tasks"), Style(.header))]
        lines += activity.tasks.map { task in
            let state = task.doneAt.map { text("已完成 \($0.prefix(10)) \(task.result)", "done \($0.prefix(10)) \(task.result)") }
                ?? text("未完成", "open")
            return ("\(task.dueDate) [\(language == .chinese ? task.kind.chineseName : task.kind.englishName)] \(task.title) · \(task.assigneeName) · \(state)",
                    Style(task.doneAt == nil ? .normal : .dim))
        }
        if activity.tasks.isEmpty { lines.append((text("没有任务", "None"), Style(.dim))) }
        lines += [("", Style()), (text("拜访记录", "Visits"), Style(.header))]
        lines += activity.visits.map { visit in
            ("\(visit.visitedAt) \(visit.staffName) · \(visit.purpose)" + (visit.nextStep.isEmpty ? "" : text(" · 下一步：", " · next: ") + visit.nextStep)
             + (visit.attachments.isEmpty ? "" : text(" · 照片 \(visit.attachments.count)", " · \(visit.attachments.count) photos")), Style(.normal))
        }
        if activity.visits.isEmpty { lines.append((text("没有拜访记录", "None"), Style(.dim))) }
        lines += [("", Style()), (text("商机", "Opportunities"), Style(.header))]
        lines += activity.opportunities.map { item in
            let stage = language == .chinese ? item.stage.chineseName : item.stage.englishName
            return ("\(item.productName) · \(money(item.amount)) · \(stage) \(item.probability)% · \(text("预计", "expected")) \(item.expectedDate) · \(item.ownerName)",
                    Style(item.stage == .lost ? .dim : .normal))
        }
        if activity.opportunities.isEmpty { lines.append((text("没有商机", "None"), Style(.dim))) }
        for (row, line) in lines.prefix(inside.height).enumerated() {
            grid.put(DisplayWidth.fit(line.0, to: inside.width - 1), x: inside.x + 1, y: inside.y + row, style: line.1, limit: inside.maxX)
        }
    }

    // MARK: Helpers

    private func failure<T>(_ result: Result<T, Error>, in rect: Rect, on grid: inout Grid) {
        guard case .failure(let error) = result else { return }
        grid.put(text("无法读取：", "Cannot read: ") + String(describing: error), x: rect.x + 1, y: rect.y + 1, style: Style(.error),
                 limit: rect.maxX)
    }

    private func drawPairs(_ pairs: [(String, String)], in rect: Rect, on grid: inout Grid) {
        let labelWidth = min(18, (pairs.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2)
        for (row, pair) in pairs.prefix(rect.height).enumerated() {
            grid.put(DisplayWidth.fit(pair.0, to: labelWidth), x: rect.x + 1, y: rect.y + row, style: Style(.dim), limit: rect.maxX)
            grid.put(DisplayWidth.truncate(pair.1, to: rect.width - 1 - labelWidth), x: rect.x + 1 + labelWidth, y: rect.y + row,
                     limit: rect.maxX)
        }
    }
}
