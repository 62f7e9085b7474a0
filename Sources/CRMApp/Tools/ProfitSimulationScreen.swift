import CRMCore
import CRMStore
import TUI

/// Profit simulation (利润模拟测算): the loan and deposit calculators of domain.md, with up to three scenarios
/// (方案) side by side. Each scenario is a column of inputs over its figures; every keystroke in an input works
/// the figures out again before the next frame. ↑↓ choose the input, Tab the scenario; `v` switches between the
/// loan and the deposit calculator, `n` adds a copy of the scenario, `x` removes it.
final class ProfitSimulationScreen: Screen {
    let kind = ScreenKind.profitSimulation
    private(set) var calculator = PricingCalculator.loan
    private(set) var scenarios: [PricingScenario]
    /// The scenario with the keyboard.
    private(set) var column = 0
    /// The input with the keyboard, an index into the calculator's fields.
    private var row = 0
    /// The first input shown when they do not all fit.
    private var top = 0

    static let maximumScenarios = 3
    /// Characters an input takes; any other goes to the commands (`v`, `n`, `x`, `q` ...).
    private static let typed = Set("0123456789.-+")

    /// The customer whose current contribution the scenario is added to (关联客户), if any.
    private var relationship: CustomerContribution?

    /// Starts with one scenario, its defaults (tax, hurdle, capital ratio, day basis) from the settings; with a
    /// customer, the relationship view adds each scenario to that customer's contribution.
    init(shell: ShellActions, customerID: String? = nil) {
        let defaults = (try? shell.services.database.writer.read(Settings.read).pricingDefaults) ?? .standard
        scenarios = [PricingScenario(defaults: defaults)]
        if let customerID { relate(customerID, shell: shell) }
    }

    func title(_ language: Language) -> String { language == .chinese ? "利润模拟测算" : "Profit simulation" }

    /// Nothing here comes from the loaded data, and what was typed stays.
    func reload(shell: ShellActions) {}

    private var fields: [PricingField] { calculator.fields }

    // MARK: Drawing

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        grid.fill(rect)
        let zh = context.language == .chinese
        let heading = calculator.title(context.language) + "  "
        let end = grid.put(heading, x: rect.x, y: rect.y, style: Style(.title, bold: true), limit: rect.maxX)
        let upDown = context.render.plain ? "Up/Down" : "↑↓"
        grid.put(context.text("v 贷款/存款 · n 新增方案 · x 删除方案 · Tab 切换方案 · \(upDown) 选择项目 · C 关联客户 · Ctrl-S 存入商机",
                              "v loan/deposit · n add · x remove · Tab scenario · \(upDown) input · C customer · Ctrl-S onto an opportunity"),
                 x: end, y: rect.y, style: Style(.dim), limit: rect.maxX)

        let labels = fields.map { label($0, zh) } + calculator.figures.map { zh ? $0.chineseName : $0.englishName }
        let labelWidth = min(22, (labels.map { DisplayWidth.of($0) }.max() ?? 0) + 1)
        let columnWidth = min(30, (rect.width - labelWidth) / Self.maximumScenarios)
        func columnX(_ index: Int) -> Int { rect.x + labelWidth + index * columnWidth }

        // Scenario headers.
        let headerY = rect.y + 1
        grid.put(DisplayWidth.fit(context.text("项目", "Item"), to: labelWidth), x: rect.x, y: headerY, style: Style(.header))
        for index in 0..<Self.maximumScenarios {
            let (text, style): (String, Style) = index < scenarios.count
                ? (context.text("方案", "Scenario ") + "\(index + 1)", Style(index == column ? .selected : .header))
                : (index == scenarios.count ? context.text("n 新增方案", "n adds one") : "", Style(.dim))
            grid.put(DisplayWidth.fit(text, to: columnWidth - 1), x: columnX(index), y: headerY, style: style)
        }

        // Inputs: as many as fit above the figures, scrolled to the one with the keyboard.
        let figures = calculator.figures
        let relationshipRows = relationship == nil ? 0 : 3
        let visible = max(1, min(fields.count, rect.height - 3 - figures.count - relationshipRows))
        if row < top { top = row }
        if row >= top + visible { top = row - visible + 1 }
        var cursor: Point?
        for (offset, index) in (top..<min(fields.count, top + visible)).enumerated() {
            let y = headerY + 1 + offset, field = fields[index]
            grid.put(DisplayWidth.fit(labels[index], to: labelWidth), x: rect.x, y: y,
                     style: Style(index == row ? .accent : .normal, bold: index == row))
            for (scenarioIndex, scenario) in scenarios.enumerated() {
                var input = scenario.input(field, of: calculator)
                if case .failure(let error) = scenario.outcome(calculator), error.field == field { input.isInvalid = true }
                let focused = context.render.focused && scenarioIndex == column && index == row
                let inputRect = Rect(x: columnX(scenarioIndex), y: y, width: columnWidth - 1, height: 1)
                input.render(in: inputRect, on: &grid, context: context.render.focused(focused))
                if focused { cursor = input.cursorPosition(in: inputRect) }
            }
        }

        // The rule between inputs and figures, with where the inputs stand when they scroll.
        let ruleY = headerY + 1 + visible
        let rule = String(repeating: context.render.box.horizontal, count: rect.width)
        grid.put(rule, x: rect.x, y: ruleY, style: Style(.border))
        let position = visible < fields.count ? context.text(" 项目 \(row + 1)/\(fields.count) ", " input \(row + 1) of \(fields.count) ") : ""
        grid.put(" " + context.text("结果", "Results") + " " + position, x: rect.x + 2, y: ruleY, style: Style(.header), limit: rect.maxX)

        // Figures, or the first refused input of each scenario in its column.
        for offset in figures.indices where ruleY + 1 + offset < rect.maxY {
            grid.put(DisplayWidth.fit(labels[fields.count + offset], to: labelWidth), x: rect.x, y: ruleY + 1 + offset, style: Style(.normal))
        }
        for (scenarioIndex, scenario) in scenarios.enumerated() {
            let x = columnX(scenarioIndex), width = columnWidth - 1
            switch scenario.outcome(calculator) {
            case .success(let values):
                for (offset, (figure, value)) in values.enumerated() where ruleY + 1 + offset < rect.maxY {
                    let text = value.text(undefined: context.text("无定义", "undefined"))
                    grid.put(DisplayWidth.fit(text, to: width, alignRight: true), x: x, y: ruleY + 1 + offset, style: style(figure, value))
                }
            case .failure(let error):
                let lines = TextWrap.lines("! " + error.message(chinese: zh), width: width)
                for (offset, line) in lines.prefix(figures.count).enumerated() where ruleY + 1 + offset < rect.maxY {
                    grid.put(line, x: x, y: ruleY + 1 + offset, style: Style(.error), limit: x + width)
                }
            }
        }
        if let relationship {
            drawRelationship(relationship, at: ruleY + 1 + figures.count, in: rect, labelWidth: labelWidth, columnX: columnX,
                             columnWidth: columnWidth, on: &grid, context: context)
        }
        return cursor
    }

    /// 关联客户: the customer's last twelve months, then each scenario added to them (pre-tax profit and EVA).
    private func drawRelationship(_ customer: CustomerContribution, at y: Int, in rect: Rect, labelWidth: Int, columnX: (Int) -> Int,
                                  columnWidth: Int, on grid: inout Grid, context: ScreenContext) {
        guard y + 2 < rect.maxY else { return }
        let language = context.language
        grid.put(String(repeating: context.render.box.horizontal, count: rect.width), x: rect.x, y: y, style: Style(.border))
        let head = context.text(" 关联客户 \(customer.name)：近 \(customer.months) 个月 税前利润 \(Money.groupedYuanText(customer.profitBeforeTax)) · EVA \(Money.groupedYuanText(customer.eva)) ",
                                " \(customer.name), last \(customer.months) months: pre-tax \(Money.groupedYuanText(customer.profitBeforeTax)) · EVA \(Money.groupedYuanText(customer.eva)) ")
        grid.put(DisplayWidth.fit(head, to: rect.width - 2), x: rect.x + 2, y: y, style: Style(.header), limit: rect.maxX)
        let labels = [context.text("加本方案税前利润", "With it: pre-tax"), context.text("加本方案EVA", "With it: EVA")]
        for (offset, label) in labels.enumerated() {
            grid.put(DisplayWidth.fit(label, to: labelWidth), x: rect.x, y: y + 1 + offset, style: Style(.normal))
        }
        for (index, scenario) in scenarios.enumerated() {
            guard let deal = ScenarioContribution(scenario.outcome(calculator), taxPercent: customer.taxPercent) else { continue }
            let values = [customer.profitBeforeTax + deal.profitBeforeTax, customer.eva + deal.eva]
            for (offset, value) in values.enumerated() {
                grid.put(DisplayWidth.fit(Amount.short(value, language), to: columnWidth - 1, alignRight: true), x: columnX(index),
                         y: y + 1 + offset, style: Style(value < 0 ? .negative : .accent, bold: true))
            }
        }
    }

    /// Reads a customer's contribution for the relationship view; a customer outside the scope is refused.
    private func relate(_ customerID: String, shell: ShellActions) {
        let scope = shell.session.scope
        do {
            relationship = try shell.services.database.writer.read { db in
                try CustomerContribution.load(db, customerID: customerID, scope: scope)
            }
        } catch {
            shell.notify(String(describing: error), .error)
        }
    }

    private func presentRelate(shell: ShellActions) {
        let zh = shell.language == .chinese
        let form = Form(fields: [.text("customer", label: zh ? "客户号" : "Customer id", value: relationship?.customerID ?? "")],
                        inputWidth: 20)
        shell.presentForm(title: zh ? "关联客户（空=取消关联）" : "Relate a customer (empty: none)", form: form) { values in
            let id = values["customer"] ?? ""
            guard !id.isEmpty else {
                self.relationship = nil
                return nil
            }
            self.relate(id, shell: shell)
            return self.relationship?.customerID == id ? nil : (zh ? "不是你可见的客户" : "Not a customer you may see")
        }
    }

    /// Saves the scenario with the keyboard onto one of the user's open opportunities.
    private func presentSave(shell: ShellActions) {
        let zh = shell.language == .chinese
        let viewer = shell.session.profile
        let open = ((try? shell.services.database.writer.read { try OpportunityQuery.list($0, viewer: viewer) }) ?? [])
            .filter { !$0.stage.isClosed }
        guard !open.isEmpty else {
            shell.notify(zh ? "没有进行中的商机：先在商机管理（o）中新建" : "No open opportunity: add one in Opportunities (o)", .info)
            return
        }
        guard case .success(let values) = scenarios[column].outcome(calculator) else {
            shell.notify(zh ? "本方案有错误，先改正再保存" : "Fix the scenario before saving it", .warning)
            return
        }
        let labels = open.map { "\($0.subjectName) · \($0.productName) · \(Amount.short($0.amount, shell.language))" }
        let form = Form(fields: [.choice("opportunity", label: zh ? "商机" : "Opportunity", options: labels)], inputWidth: 50)
        let scenario = scenarios[column], calculator = self.calculator
        shell.presentForm(title: zh ? "方案 \(column + 1) 存入商机" : "Save scenario \(column + 1) onto", form: form) { chosen in
            guard let index = labels.firstIndex(of: chosen["opportunity"] ?? "") else { return zh ? "请选择商机" : "Choose one" }
            let save = SaveOpportunityScenario(
                id: MutationID.make(), opportunityID: open[index].id, calculator: calculator == .loan ? "LOAN" : "DEPOSIT",
                inputs: scenario.typedInputs(calculator), figures: .object(values.map { ($0.0.jsonKey, $0.1.json) }),
                headline: (values.money(.profitAfterTax), values.basisPoints(.rarocAfterTax), values.money(.eva), values.money(.value)))
            if let failure = shell.attempt(save) { return failure }
            shell.notify(zh ? "已存入商机：\(open[index].subjectName)" : "Saved onto \(open[index].subjectName)", .success)
            return nil
        }
    }

    /// "贷款金额(元)" / "Amount (yuan)".
    private func label(_ field: PricingField, _ zh: Bool) -> String {
        zh ? "\(field.chineseName)(\(field.unit(chinese: true)))" : "\(field.englishName) (\(field.unit(chinese: false)))"
    }

    /// Losses in the negative colour; the figures a deal is judged by (EVA, value, break-even rate) in bold.
    private func style(_ figure: PricingFigure, _ value: PricingValue) -> Style {
        let headline = figure == .eva || figure == .value || figure == .breakEvenRate
        return Style(value.isNegative ? .negative : (headline ? .accent : .normal), bold: headline)
    }

    // MARK: Keys

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        switch key {
        case .up, .character("k"): row = max(0, row - 1)
        case .down, .character("j"), .enter: row = min(fields.count - 1, row + 1)
        case .tab: column = (column + 1) % scenarios.count
        case .backTab: column = (column + scenarios.count - 1) % scenarios.count
        case .character(let character) where !Self.typed.contains(character): return false
        default: return scenarios[column].edit(fields[row], of: calculator, with: key)
        }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .switchCalculator:
            calculator = calculator == .loan ? .deposit : .loan
            row = 0
            top = 0
        case .addScenario:
            guard scenarios.count < Self.maximumScenarios else {
                shell.notify(shell.language == .chinese ? "最多 3 个方案" : "At most 3 scenarios", .warning)
                return true
            }
            scenarios.append(scenarios[column])
            column = scenarios.count - 1
        case .saveScenario:
            presentSave(shell: shell)
        case .relateCustomer:
            presentRelate(shell: shell)
        case .removeScenario:
            guard scenarios.count > 1 else {
                shell.notify(shell.language == .chinese ? "至少保留一个方案" : "One scenario stays", .warning)
                return true
            }
            scenarios.remove(at: column)
            column = min(column, scenarios.count - 1)
        default:
            return false
        }
        return true
    }
}
