/// A horizontal bar measured in eighths of a cell: full blocks, then one partial block (▏▎▍▌▋▊▉), then `empty`;
/// under plain, '#' for each cell at least half filled.
enum BlockBar {
    static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Exactly `width` cells of bar for `eighths` eighths (clamped to the width).
    static func text(eighths: Int, width: Int, plain: Bool, empty: Character = " ") -> String {
        guard width > 0 else { return "" }
        let eighths = min(max(0, eighths), width * 8)
        var bar: String
        if plain {
            bar = String(repeating: "#", count: (eighths + 4) / 8)
        } else {
            bar = String(repeating: "█", count: eighths / 8)
            if eighths % 8 > 0 { bar.append(partials[eighths % 8 - 1]) }
        }
        return bar + String(repeating: empty, count: width - bar.count)
    }
}
