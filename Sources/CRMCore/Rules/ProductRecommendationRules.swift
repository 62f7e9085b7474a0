/// A product category recommended to a customer (产品智能推荐), with its score and reasons.
public struct ProductRecommendation: Sendable, Equatable {
    public let category: ProductCategory
    /// 0 to 100: the need points plus the peer points.
    public let score: Int
    /// The needs behind it (their texts say why), the best fit first.
    public let needs: [ProductNeed.Rule]
    /// The share of the customer's peers (same line and industry section) holding the category, basis points.
    public let peerShareBP: Int64
    /// Why, one line each: the needs' texts, then the peers' share.
    public let reasons: [String]
}

/// Ranks product categories for one customer: what its behaviour needs, then what its peers hold, leaving out what
/// it holds already.
///
/// Score = need points + peer points. Need points: 60 when a need names the category first, 50 when second (the
/// largest over the needs). Peer points: 40 x the peers' share, floored (a category every peer holds gives 40). A
/// category qualifies with a need, or with a peer share of at least 20%. Order: score, then peer share, descending,
/// then the catalogue order.
public enum ProductRecommendationRules {
    /// Need points by the category's place in the need's list.
    public static let needPoints = [60, 50]
    public static let peerPoints: Int64 = 40
    /// The peer share a category needs to be recommended without a need, basis points.
    public static let peerShareMinimumBP: Int64 = 2_000

    public static func rank(needs: [ProductNeed], peerShareBP: [ProductCategory: Int64], held: Set<ProductCategory>)
        -> [ProductRecommendation] {
        let order = Dictionary(uniqueKeysWithValues: ProductCategory.allCases.enumerated().map { ($1, $0) })
        return ProductCategory.allCases.compactMap { category -> ProductRecommendation? in
            guard !held.contains(category) else { return nil }
            let matching = needs.filter { $0.categories.contains(category) }
            let share = peerShareBP[category] ?? 0
            guard !matching.isEmpty || share >= peerShareMinimumBP else { return nil }
            let need = matching.map { needPoints[min($0.categories.firstIndex(of: category)!, needPoints.count - 1)] }.max() ?? 0
            let peers = Int(peerPoints * share / 10_000)
            let peerReason = "同业同类客户 \(ScaledNumber.text(share, decimals: 2))% 持有 (held by peers of the same line and industry section)"
            return ProductRecommendation(category: category, score: need + peers, needs: matching.map(\.rule), peerShareBP: share,
                                         reasons: matching.map(\.text) + (share > 0 ? [peerReason] : []))
        }.sorted {
            ($0.score, $0.peerShareBP, -order[$0.category]!) > ($1.score, $1.peerShareBP, -order[$1.category]!)
        }
    }
}
