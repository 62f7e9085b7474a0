import TUI

/// The `/` filter of a table screen: a text field on the table's last row that narrows the table as the user
/// types; Enter keeps the filter, Esc clears it.
struct TableFilter {
    private var field: TextField?

    /// Whether the field has the keyboard.
    var isEditing: Bool { field != nil }

    /// Opens the field with the table's current filter.
    mutating func start(_ table: Table) {
        field = TextField(text: table.filterText)
    }

    /// The rectangle left for the table: all of `rect`, less the field's row while it is open.
    func tableArea(_ rect: Rect) -> Rect {
        field == nil ? rect : rect.splitBottom(1).rest
    }

    /// Draws the field on the last row of `rect` (when open) and returns the text cursor.
    func render(in rect: Rect, on grid: inout Grid, context: RenderContext) -> Point? {
        guard let field else { return nil }
        let row = rect.splitBottom(1).bottom
        grid.put("/", x: row.x, y: row.y, style: Style(.accent))
        let fieldRect = Rect(x: row.x + 1, y: row.y, width: row.width - 1, height: 1)
        field.render(in: fieldRect, on: &grid, context: context)
        return field.cursorPosition(in: fieldRect)
    }

    /// Takes a key while the field is open, filtering `table`; false when it is closed.
    mutating func handle(_ key: Key, table: inout Table) -> Bool {
        guard var open = field else { return false }
        switch key {
        case .enter:
            field = nil
        case .escape:
            field = nil
            table.setFilter("")
        default:
            _ = open.handle(key)
            field = open
            table.setFilter(open.text)
        }
        return true
    }
}
