/// Sends frames to a backend, drawing only the cells that changed since the last frame.
public final class Renderer {
    public let backend: TerminalBackend
    private var previous: Grid?
    /// Cells that differed from the previous frame, and cells drawn, in the last frame.
    public private(set) var lastChangedCells = 0
    public private(set) var lastDrawnCells = 0

    public init(backend: TerminalBackend) {
        self.backend = backend
    }

    /// Draws `grid`, which must have the backend's size, and places the cursor.
    public func present(_ grid: Grid, cursor: Point? = nil) {
        let runs = FrameDiff.runs(from: previous, to: grid)
        lastChangedCells = previous.map { Renderer.countChanged(from: $0, to: grid) } ?? grid.width * grid.height
        lastDrawnCells = FrameDiff.drawnCells(runs)
        backend.draw(runs)
        backend.setCursor(cursor)
        backend.flush()
        previous = grid
    }

    /// Forgets the last frame (after a resize or a screen the terminal may have lost), so the next is drawn whole.
    public func invalidate() {
        previous = nil
        backend.invalidate()
    }

    /// Graphemes whose cells differ: a changed half of a wide grapheme counts the grapheme once.
    private static func countChanged(from old: Grid, to new: Grid) -> Int {
        guard old.size == new.size else { return new.width * new.height }
        var changed = 0
        for index in new.cells.indices where old.cells[index] != new.cells[index] {
            if !new.cells[index].isContinuation || old.cells[index - 1] == new.cells[index - 1] { changed += 1 }
        }
        return changed
    }
}
