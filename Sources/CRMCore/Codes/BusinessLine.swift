/// The bank's corporate business lines (条线), as the customer extract codes them.
public enum BusinessLine: String, CaseIterable, Sendable {
    case largeAndMid = "LARGE_MID"
    case smallAndMicro = "SMALL_MICRO"
    case interbank = "INTERBANK"
    case tradeFinance = "TRADE_FINANCE"

    public var chineseName: String {
        switch self {
        case .largeAndMid: return "大中型企业"
        case .smallAndMicro: return "小微企业"
        case .interbank: return "同业"
        case .tradeFinance: return "贸易金融"
        }
    }

    public var englishName: String {
        switch self {
        case .largeAndMid: return "Large and mid-size"
        case .smallAndMicro: return "Small and micro"
        case .interbank: return "Interbank"
        case .tradeFinance: return "Trade finance"
        }
    }
}
