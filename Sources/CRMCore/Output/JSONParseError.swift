/// Why a JSON text could not be read, and where.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    /// 1-based line and column (in characters) of the offending character.
    public let line: Int
    public let column: Int
    /// What was wrong, in English.
    public let reason: String

    /// Both languages: `第 2 行第 3 列：JSON 无效 (line 2, column 3: expected :)`.
    public var description: String { "第 \(line) 行第 \(column) 列：JSON 无效 (line \(line), column \(column): \(reason))" }
}
