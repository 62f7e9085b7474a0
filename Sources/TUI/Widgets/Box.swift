/// The characters of a box's border.
public struct BoxCharacters: Sendable {
    public let horizontal: Character, vertical: Character
    public let topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character

    public static let light = BoxCharacters(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                            bottomLeft: "└", bottomRight: "┘")
    public static let ascii = BoxCharacters(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
                                            bottomLeft: "+", bottomRight: "+")
}

/// A bordered frame with an optional title in its top edge.
public enum Box {
    /// Draws the border and title, and returns the inside.
    @discardableResult
    public static func draw(_ rect: Rect, title: String? = nil, on grid: inout Grid, context: RenderContext,
                            style: Style? = nil) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let chars = context.box
        let border = style ?? Style(context.focused ? .accent : .border)
        let horizontal = String(repeating: chars.horizontal, count: rect.width - 2)
        grid.put(String(chars.topLeft) + horizontal + String(chars.topRight), x: rect.x, y: rect.y, style: border)
        grid.put(String(chars.bottomLeft) + horizontal + String(chars.bottomRight), x: rect.x, y: rect.maxY - 1, style: border)
        for y in rect.y + 1..<rect.maxY - 1 {
            grid.put(String(chars.vertical), x: rect.x, y: y, style: border)
            grid.put(String(chars.vertical), x: rect.maxX - 1, y: y, style: border)
        }
        if let title, rect.width > 4 {
            let shown = DisplayWidth.truncate(" " + title + " ", to: rect.width - 2)
            grid.put(shown, x: rect.x + 1, y: rect.y, style: Style(.title, bold: context.focused))
        }
        let inside = rect.inset(1)
        grid.fill(inside)
        return inside
    }
}
