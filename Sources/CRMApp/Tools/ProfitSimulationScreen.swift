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

    /// Starts with one scenario, its defaults (tax, hurdle, capital ratio, day basis) from the settings.
    init(shell: ShellActions) {
        let defaults = (try? shell.services.database.writer.read(Settings.read).pricingDefaults) ?? .standard
        scenarios = [PricingScenario(defaults: defaults)]
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
        grid.put(context.text("v 贷款/存款 · n 新增方案 · x 删除方案 · Tab 切换方案 · \(upDown) 选择项目",
                              "v loan/deposit · n add · x remove · Tab scenario · \(upDown) input"),
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
        let visible = max(1, min(fields.count, rect.height - 3 - figures.count))
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
        return cursor
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
