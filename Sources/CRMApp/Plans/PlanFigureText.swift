import CRMCore
import CRMStore

/// How the plan screen and the cockpit write a plan's figures: amounts short (万/亿 in Chinese), counts whole,
/// ratios and progress in percent with two decimals.
enum PlanFigureText {
    static func value(_ value: Int64?, _ unit: KPIUnit, _ language: Language) -> String {
        guard let value else { return "—" }
        return unit == .yuan ? Amount.short(value, language) : unit.text(value)
    }

    static func percent(_ bp: Int64?) -> String {
        bp.map { ScaledNumber.text($0, decimals: 2) + "%" } ?? "—"
    }

    static func indicator(_ indicator: KPIIndicator, _ language: Language) -> String {
        language == .chinese ? indicator.nameZh : indicator.nameEn
    }

    /// "每日需 1.71亿", "尚差 50.00万", "期已结束".
    static func need(_ need: PlanNeed, _ unit: KPIUnit, _ language: Language) -> String {
        let zh = language == .chinese
        switch need {
        case .dailyBalance(let fen): return (zh ? "每日需 " : "needs daily ") + value(fen, unit, language)
        case .gap(let gap): return gap == 0 ? (zh ? "已达成" : "reached") : (zh ? "尚差 " : "short by ") + value(gap, unit, language)
        case .periodOver: return zh ? "期已结束" : "period over"
        }
    }

    /// One line of progress, what matters first: "存款年日均 2025 · 落后 · 完成 45.20% / 时间 32.26% · 每日需 1.71亿 · 目标 6.00亿".
    static func summary(_ plan: Plan, _ progress: PlanProgress, _ language: Language) -> String {
        let zh = language == .chinese
        let parts = [
            indicator(plan.indicator, language) + " " + plan.period.description + (progress.isBehind ? (zh ? " · 落后" : " · behind") : ""),
            (zh ? "完成 " : "done ") + percent(progress.completionBP) + (zh ? " / 时间 " : " / time ") + percent(progress.elapsedBP),
            need(progress.need, plan.indicator.unit, language),
            (zh ? "目标 " : "target ") + value(progress.target.target, plan.indicator.unit, language),
        ]
        return parts.joined(separator: " · ")
    }
}
