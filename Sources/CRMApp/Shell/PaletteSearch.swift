/// Finds commands by what a user types into the palette: the Chinese title, its full pinyin or initials,
/// or English words. Best matches first: a match at the start beats one inside, titles beat keywords.
enum PaletteSearch {
    static func matches(_ query: String, among commands: [AppCommand]) -> [AppCommand] {
        let needle = query.lowercased().filter { $0 != " " && $0 != "'" }
        guard !needle.isEmpty else { return commands }
        let scored = commands.compactMap { command -> (AppCommand, Int)? in
            score(needle, command).map { (command, $0) }
        }
        return scored.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element.0)
    }

    /// Lower is better; nil when nothing matches.
    private static func score(_ needle: String, _ command: AppCommand) -> Int? {
        let english = command.title.en.lowercased()
        let candidates: [(String, Int)] = [
            (command.title.zh, 0), (command.pinyinInitials, 0), (command.pinyin, 1),
            (english.filter { $0 != " " }, 2),
        ] + command.keywords.map { ($0.lowercased().filter { $0 != " " }, 4) }
        var best: Int?
        for (text, rank) in candidates {
            guard let range = text.range(of: needle) else { continue }
            let value = rank * 2 + (range.lowerBound == text.startIndex ? 0 : 1)
            best = min(best ?? value, value)
        }
        for word in english.split(separator: " ") where word.hasPrefix(needle) { best = min(best ?? 3, 3) }
        return best
    }
}
