/// A short message shown in a corner until the caller's clock passes its expiry. The instant comes from the
/// caller (`now` in, never read inside), so any clock works, including a test clock.
public struct Toast<Instant: InstantProtocol>: Sendable {
    /// What the message reports, which picks its style role and its mark.
    public enum Kind: Sendable {
        case info, success, warning, error

        public var role: StyleRole {
            switch self {
            case .info: return .info
            case .success: return .positive
            case .warning: return .warning
            case .error: return .error
            }
        }

        /// A mark before the message, so the kind shows without colour too.
        func mark(plain: Bool) -> String {
            switch self {
            case .info: return "i"
            case .success: return plain ? "+" : "✓"
            case .warning: return "!"
            case .error: return plain ? "x" : "✗"
            }
        }
    }

    /// Which corner of the area the toast sits in.
    public enum Corner: Sendable { case topLeft, topRight, bottomLeft, bottomRight }

    public var message: String
    public var kind: Kind
    public var expiresAt: Instant
    public var corner: Corner
    /// The widest the box grows, in columns.
    public var maxWidth: Int

    public init(_ message: String, kind: Kind = .info, expiresAt: Instant, corner: Corner = .bottomRight, maxWidth: Int = 40) {
        self.message = message
        self.kind = kind
        self.expiresAt = expiresAt
        self.corner = corner
        self.maxWidth = maxWidth
    }

    /// A toast that lasts `duration` from `now`.
    public init(_ message: String, kind: Kind = .info, now: Instant, duration: Instant.Duration,
                corner: Corner = .bottomRight, maxWidth: Int = 40) {
        self.init(message, kind: kind, expiresAt: now.advanced(by: duration), corner: corner, maxWidth: maxWidth)
    }

    /// Whether the toast should be gone at `now`.
    public func isExpired(at now: Instant) -> Bool { now >= expiresAt }

    /// The wrapped text lines and the box, placed in the corner of `area`.
    private func layout(in area: Rect, plain: Bool) -> (lines: [String], box: Rect) {
        let text = kind.mark(plain: plain) + " " + message
        let room = max(1, min(maxWidth, area.width) - 4)
        let lines = Array(TextWrap.lines(text, width: room).prefix(max(1, area.height - 2)))
        let width = (lines.map { DisplayWidth.of($0) }.max() ?? 0) + 4
        let height = lines.count + 2
        let left = corner == .topLeft || corner == .bottomLeft
        let top = corner == .topLeft || corner == .topRight
        let box = Rect(x: left ? area.x : area.maxX - width, y: top ? area.y : area.maxY - height, width: width, height: height)
        return (lines, Rect(x: max(area.x, box.x), y: max(area.y, box.y), width: min(width, area.width),
                            height: min(height, area.height)))
    }

    /// The box's rectangle when drawn in `area`.
    public func frame(in area: Rect, context: RenderContext) -> Rect { layout(in: area, plain: context.plain).box }

    /// Draws the boxed message in the chosen corner of `rect`, over whatever is there.
    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        let (lines, box) = layout(in: rect, plain: context.plain)
        let inside = Box.draw(box, on: &grid, context: context, style: Style(kind.role))
        for (row, line) in lines.prefix(inside.height).enumerated() {
            grid.put(line, x: inside.x + 1, y: inside.y + row, style: Style(kind.role), limit: inside.maxX - 1)
        }
    }
}
