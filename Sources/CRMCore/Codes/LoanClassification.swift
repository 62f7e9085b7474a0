/// The five-category loan classification (贷款五级分类), as the loan extract codes it.
public enum LoanClassification: String, CaseIterable, Sendable {
    case normal = "NORMAL"
    case specialMention = "SPECIAL_MENTION"
    case substandard = "SUBSTANDARD"
    case doubtful = "DOUBTFUL"
    case loss = "LOSS"

    /// 正常, 关注, 次级, 可疑, 损失.
    public var chineseName: String {
        switch self {
        case .normal: return "正常"
        case .specialMention: return "关注"
        case .substandard: return "次级"
        case .doubtful: return "可疑"
        case .loss: return "损失"
        }
    }
}
