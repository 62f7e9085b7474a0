/// One terminal cell: a grapheme with its display width and style. The right half of a wide grapheme is a
/// continuation cell (empty text, width 0) that the backend never draws on its own.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(_ text: String, width: UInt8 = 1, style: Style = .normal) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell(" ")
    public var isContinuation: Bool { width == 0 }
}
