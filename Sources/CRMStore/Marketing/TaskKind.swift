/// What a marketing task asks for (营销任务类型).
public enum TaskKind: String, CaseIterable, Sendable {
    case visit = "VISIT"
    case call = "CALL"
    case product = "PRODUCT"
    case documents = "DOCUMENTS"

    public var chineseName: String {
        switch self {
        case .visit: return "走访"
        case .call: return "电话营销"
        case .product: return "产品推介"
        case .documents: return "资料收集"
        }
    }

    public var englishName: String {
        switch self {
        case .visit: return "visit"
        case .call: return "call"
        case .product: return "product push"
        case .documents: return "document collection"
        }
    }
}
