/// How much of a row or column a part of a split takes.
public enum Extent: Equatable, Sendable {
    /// Exactly this many cells (or what is left, if less).
    case fixed(Int)
    /// A share of what the fixed parts leave, by weight.
    case flex(Int)
}

/// Splits rectangles into rows or columns by fixed sizes and weights; the parts always tile the whole.
public enum Split {
    public static func rows(_ rect: Rect, _ extents: [Extent]) -> [Rect] {
        sizes(total: rect.height, extents).reduce(into: (rects: [Rect](), y: rect.y)) { acc, size in
            acc.rects.append(Rect(x: rect.x, y: acc.y, width: rect.width, height: size))
            acc.y += size
        }.rects
    }

    public static func columns(_ rect: Rect, _ extents: [Extent]) -> [Rect] {
        sizes(total: rect.width, extents).reduce(into: (rects: [Rect](), x: rect.x)) { acc, size in
            acc.rects.append(Rect(x: acc.x, y: rect.y, width: size, height: rect.height))
            acc.x += size
        }.rects
    }

    /// Sizes that add up to `total`: fixed parts first, then the rest by weight with the remainder to the first.
    static func sizes(total: Int, _ extents: [Extent]) -> [Int] {
        var left = total
        var sizes = extents.map { extent -> Int in
            guard case .fixed(let size) = extent else { return 0 }
            let taken = min(max(0, size), left)
            left -= taken
            return taken
        }
        let weights = extents.map { extent -> Int in if case .flex(let w) = extent { return max(0, w) } else { return 0 } }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return sizes }
        var given = 0
        for index in extents.indices where weights[index] > 0 {
            sizes[index] = left * weights[index] / totalWeight
            given += sizes[index]
        }
        if let first = weights.firstIndex(where: { $0 > 0 }) { sizes[first] += left - given }
        return sizes
    }
}
