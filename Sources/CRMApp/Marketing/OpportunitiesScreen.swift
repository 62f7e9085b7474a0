import CRMCore
import CRMStore
import TUI

/// Opportunities (商机管理) as a pipeline board: a column per stage (线索 … 落地, then 丢失) with its count and
/// amount, a card per opportunity; below, the selected one with its history, the stage-to-stage conversion
/// and the weighted forecast by month. ←→ column, ↑↓ card; > and < move a card a stage on or back, X marks it
/// lost with a reason, n records a new one; Enter opens the customer.
final class OpportunitiesScreen: Screen {
    let kind = ScreenKind.opportunities
    private var opportunities: [Opportunity] = []
    private var columns: [PipelineColumn] = []
    private var conversion: [StageConversion] = []
    private var history: [StageChange] = []
    private var savedScenarios: [SavedScenario] = []
    private var column = 0
    private var row = 0
    private let shell: ShellActions

    init(shell: ShellActions) {
        self.shell = shell
        reload(shell: shell)
    }

    func title(_ language: Language) -> String { language == .chinese ? "商机管理" : "Opportunities" }

    func reload(shell: ShellActions) {
        let viewer = shell.session.profile
        let loaded = try? shell.services.database.writer.read { db -> ([Opportunity], [StageConversion]) in
            let list = try OpportunityQuery.list(db, viewer: viewer)
            return (list, try OpportunityQuery.conversion(db, of: list))
        }
        opportunities = loaded?.0 ?? []
        conversion = loaded?.1 ?? []
        columns = OpportunityQuery.pipeline(opportunities)
        clampSelection()
    }

    private var selected: Opportunity? {
        guard columns.indices.contains(column), columns[column].opportunities.indices.contains(row) else { return nil }
        return columns[column].opportunities[row]
    }

    private func clampSelection() {
        column = min(max(0, column), max(0, columns.count - 1))
        row = min(max(0, row), max(0, (columns.indices.contains(column) ? columns[column].count : 0) - 1))
        let loaded = selected.flatMap { opportunity in
            try? shell.services.database.writer.read { db in
                (try OpportunityQuery.history(db, id: opportunity.id), try OpportunityQuery.scenarios(db, id: opportunity.id))
            }
        }
        history = loaded?.0 ?? []
        savedScenarios = loaded?.1 ?? []
    }

    private func select(_ id: String) {
        for (index, stage) in columns.enumerated() {
            if let position = stage.opportunities.firstIndex(where: { $0.id == id }) {
                column = index
                row = position
            }
        }
        clampSelection()
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let zh = context.language == .chinese
        let parts = Split.rows(rect, [.flex(1), .fixed(8)])
        let open = opportunities.filter { !$0.stage.isClosed }
        let weighted = open.reduce(0) { $0 + $1.weightedAmount }
        let title = zh ? "商机 \(opportunities.count) 个 · 在途加权 \(Amount.short(weighted, context.language)) · n 新建 · > 推进 · < 退回 · X 丢失"
            : "\(opportunities.count) opportunities · open weighted \(Amount.short(weighted, context.language)) · n new · > on · < back · X lost"
        let board = Box.draw(parts[0], title: title, on: &grid, context: context.render)
        let lanes = Split.columns(board, columns.map { _ in .flex(1) })
        for (index, lane) in lanes.enumerated() {
            drawLane(columns[index], in: lane, on: &grid, selected: index == column, last: index == lanes.count - 1, context: context)
        }
        if opportunities.isEmpty {
            grid.put(context.text("还没有商机：按 n 记录一个", "No opportunity yet: n records one"), x: board.x + 1, y: board.y + 4,
                     style: Style(.dim), limit: board.maxX)
        }
        drawDetail(in: parts[1], on: &grid, context: context)
        return nil
    }

    /// One stage: its name and count, its amount, then a line per card, scrolled to keep the selection shown.
    private func drawLane(_ lane: PipelineColumn, in rect: Rect, on grid: inout Grid, selected isSelected: Bool, last: Bool,
                          context: ScreenContext) {
        let width = last ? rect.width : rect.width - 1
        guard width > 0, rect.height > 3 else { return }
        let name = context.language == .chinese ? lane.stage.chineseName : lane.stage.englishName
        grid.put(DisplayWidth.fit("\(name) \(lane.count)", to: width), x: rect.x, y: rect.y,
                 style: Style(isSelected ? .accent : .header), limit: rect.x + width)
        grid.put(DisplayWidth.fit(lane.count == 0 ? "—" : Amount.short(lane.amount, context.language), to: width, alignRight: true),
                 x: rect.x, y: rect.y + 1,
                 style: Style(.dim), limit: rect.x + width)
        grid.put(String(repeating: context.render.plain ? "-" : "─", count: width), x: rect.x, y: rect.y + 2, style: Style(.border),
                 limit: rect.x + width)
        let visible = rect.height - 3
        let top = isSelected ? max(0, row - visible + 1) : 0
        for (offset, card) in lane.opportunities.dropFirst(top).prefix(visible).enumerated() {
            let style: Style = isSelected && top + offset == row ? context.render.selectionStyle
                : Style(lane.stage == .lost ? .dim : .normal)
            grid.put(DisplayWidth.fit(card.subjectName, to: width), x: rect.x, y: rect.y + 3 + offset, style: style, limit: rect.x + width)
        }
        if !last {
            for y in rect.y..<rect.maxY { grid.put(context.render.plain ? "|" : "│", x: rect.x + width, y: y, style: Style(.border)) }
        }
    }

    /// The selected opportunity and its history, then conversion and forecast.
    private func drawDetail(in rect: Rect, on grid: inout Grid, context: ScreenContext) {
        let zh = context.language == .chinese
        let inside = Box.draw(rect, title: context.text("详情、转化与预测", "Detail, conversion and forecast"), on: &grid,
                              context: context.render)
        var lines: [(String, Style)] = []
        if let card = selected {
            let stage = zh ? card.stage.chineseName : card.stage.englishName
            lines.append(("\(card.subjectName) · \(card.productName) · \(Amount.short(card.amount, context.language)) · \(stage) \(card.probability)%"
                          + (zh ? " · 预计 \(card.expectedDate) · \(card.ownerName)" : " · expected \(card.expectedDate) · \(card.ownerName)"),
                          Style(.normal)))
            let steps = history.map { "\(zh ? $0.stage.chineseName : $0.stage.englishName) \($0.changedAt.prefix(10))" }
            lines.append((DisplayWidth.truncateLeading((zh ? "历程：" : "History: ") + steps.joined(separator: " → "), to: inside.width),
                          Style(.dim)))
            if card.stage == .lost { lines.append(((zh ? "丢失原因：" : "Lost because: ") + card.lostReason, Style(.warning))) }
            if let scenario = savedScenarios.first {
                lines.append((Self.scenarioLine(scenario, count: savedScenarios.count, context: context), Style(.accent)))
            }
        }
        let rates = conversion.map { step -> String in
            let rate = step.rateBP.map { "\($0 / 100)%" } ?? "—"
            return zh ? "\(step.from.chineseName)→\(step.to.chineseName) \(rate)" : "\(step.from.englishName)→\(step.to.englishName) \(rate)"
        }
        lines.append(((zh ? "转化：" : "Conversion: ") + rates.joined(separator: " · "), Style(.normal)))
        let months = OpportunityQuery.forecast(opportunities).map { "\($0.month) \(Amount.short($0.weightedAmount, context.language))" }
        lines.append(((zh ? "加权预测：" : "Weighted forecast: ") + (months.isEmpty ? "—" : months.joined(separator: " · ")), Style(.normal)))
        for (offset, line) in lines.prefix(inside.height).enumerated() {
            grid.put(DisplayWidth.fit(line.0, to: inside.width), x: inside.x, y: inside.y + offset, style: line.1, limit: inside.maxX)
        }
    }

    /// The latest scenario saved from the profit simulation: its headline figures.
    private static func scenarioLine(_ scenario: SavedScenario, count: Int, context: ScreenContext) -> String {
        let language = context.language
        let figures: String
        if let value = scenario.depositValue {
            figures = context.text("存款价值 ", "deposit value ") + Amount.short(value, language)
        } else {
            let raroc = scenario.rarocAfterTaxBP.map { ScaledNumber.text($0, decimals: 2) + "%" } ?? "—"
            figures = context.text("税后利润 ", "after tax ") + (scenario.profitAfterTax.map { Amount.short($0, language) } ?? "—")
                + context.text(" · 税后RAROC ", " · RAROC ") + raroc + " · EVA " + (scenario.eva.map { Amount.short($0, language) } ?? "—")
        }
        return context.text("测算（\(scenario.savedAt.prefix(10))，共 \(count) 个）：", "Priced (\(scenario.savedAt.prefix(10)), \(count) saved): ")
            + figures
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        switch key {
        case .left, .character("h"): column -= 1; row = 0
        case .right, .character("l"): column += 1; row = 0
        case .up, .character("k"): row -= 1
        case .down, .character("j"): row += 1
        case .enter:
            if let customer = selected?.customerID { shell.openCustomer(customer) }
            return true
        default: return false
        }
        clampSelection()
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .newOpportunity: presentNew()
        case .advanceStage: move(by: 1)
        case .revertStage: move(by: -1)
        case .loseOpportunity: presentLost()
        default: return false
        }
        return true
    }

    private func move(by step: Int) {
        let zh = shell.language == .chinese
        guard let opportunity = selected else { return }
        let pipeline = OpportunityStage.pipeline
        let current = pipeline.firstIndex(of: opportunity.stage) ?? -1
        let target = opportunity.stage == .lost ? (step > 0 ? pipeline.first : nil) : pipeline[safe: current + step]
        guard let target else {
            shell.notify(zh ? "已到头" : "Nowhere further", .info)
            return
        }
        guard shell.apply(MoveOpportunity(id: opportunity.id, stage: target)) else { return }
        reload(shell: shell)
        select(opportunity.id)
        shell.notify(zh ? "\(opportunity.subjectName) → \(target.chineseName)" : "\(opportunity.subjectName) → \(target.englishName)", .success)
    }

    private func presentLost() {
        let zh = shell.language == .chinese
        guard let opportunity = selected, opportunity.stage != .lost else { return }
        let form = Form(fields: [.text("reason", label: zh ? "丢失原因" : "Reason", maxLength: 200,
                                       validator: { $0.isEmpty ? (zh ? "必填" : "Required") : nil })], inputWidth: 40)
        shell.presentForm(title: zh ? "丢失：\(opportunity.subjectName)" : "Lost: \(opportunity.subjectName)", form: form) { values in
            if let failure = self.shell.attempt(MoveOpportunity(id: opportunity.id, stage: .lost, note: values["reason"] ?? "")) {
                return failure
            }
            self.reload(shell: self.shell)
            self.select(opportunity.id)
            return nil
        }
    }

    private func presentNew() {
        let zh = shell.language == .chinese
        let products = (try? shell.services.database.writer.read(OpportunityQuery.products)) ?? []
        guard !products.isEmpty else { return }
        let labels = products.map { "\($0.code) \($0.name)" }
        let today = ShanghaiTime.date(of: shell.services.clock.now())
        let amountValidator: FieldValidator = { text in
            guard case .success(let fen) = Money.parseYuan(text), fen >= 0 else { return zh ? "金额如 5000000 或 5000000.00" : "e.g. 5000000.00" }
            return nil
        }
        let form = Form(fields: [
            .text("customer", label: zh ? "客户号" : "Customer id", placeholder: zh ? "行内客户填客户号" : "a customer's id"),
            .text("prospect", label: zh ? "或潜在客户" : "or prospect", placeholder: zh ? "行外客户填名称" : "a prospect's name", maxLength: 60),
            .choice("product", label: zh ? "产品" : "Product", options: labels),
            .money("amount", label: zh ? "金额(元)" : "Amount (yuan)", validator: amountValidator),
            .date("expected", label: zh ? "预计落地日" : "Expected", value: today.adding(days: 60).description, required: true,
                  messages: zh ? .zhHans : .en),
            .number("probability", label: zh ? "成功概率%" : "Probability %", placeholder: zh ? "空=按阶段" : "empty = by stage",
                    messages: zh ? .zhHans : .en),
        ], inputWidth: 36)
        shell.presentForm(title: zh ? "新建商机（线索）" : "New opportunity (lead)", form: form) { values in
            guard let product = products.first(where: { "\($0.code) \($0.name)" == values["product"] }),
                  case .success(let amount) = Money.parseYuan(values["amount"] ?? ""),
                  let expected = BusinessDate(values["expected"] ?? "") else { return zh ? "请检查各项" : "Check the fields" }
            let customer = values["customer"] ?? "", prospect = values["prospect"] ?? ""
            let probability = values["probability"].flatMap { $0.isEmpty ? nil : Int($0) }
            let draft = OpportunityDraft(customerID: customer.isEmpty ? nil : customer, prospectName: prospect.isEmpty ? nil : prospect,
                                         productCode: product.code, amount: amount, probability: probability, expectedDate: expected)
            let mutation = CreateOpportunity(id: MutationID.make(), draft: draft)
            if let failure = self.shell.attempt(mutation) { return failure }
            self.reload(shell: self.shell)
            self.select(mutation.id)
            return nil
        }
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
