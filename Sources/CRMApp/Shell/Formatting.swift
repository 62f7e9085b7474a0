import CRMCore
import TUI

/// How the screens show amounts and changes: 万/亿 in Chinese, grouped yuan in English.
enum Amount {
    static func short(_ fen: Int64, _ language: Language) -> String {
        language == .chinese ? Money.chineseShortText(fen) : Money.groupedYuanText(fen)
    }

    /// A signed change, "+1.20万" / "-3,000.00", or "—" when there is nothing to compare with.
    static func change(_ fen: Int64?, _ language: Language) -> String {
        guard let fen else { return "—" }
        return (fen > 0 ? "+" : "") + short(fen, language)
    }

    /// The style of a change: positive up, negative down, plain when zero or unknown.
    static func changeStyle(_ fen: Int64?) -> Style {
        guard let fen, fen != 0 else { return Style() }
        return Style(fen > 0 ? .positive : .negative)
    }
}

extension BusinessDate {
    /// The toolkit's calendar date for the same day.
    var civil: CivilDate { CivilDate(daysSinceEpoch: dayNumber) }

    init(_ civil: CivilDate) {
        self.init(year: civil.year, month: civil.month, day: civil.day)!
    }
}
