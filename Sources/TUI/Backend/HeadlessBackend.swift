/// A backend with no terminal: it keeps the drawn screen as a grid and plays back queued events. Tests and
/// benchmarks read its screen as text and count the cells each frame wrote.
public final class HeadlessBackend: TerminalBackend {
    public private(set) var size: Size
    /// What a terminal would show now.
    public private(set) var screen: Grid
    public private(set) var cursor: Point?
    /// Cells drawn by the last flushed frame (a wide grapheme counts once).
    public private(set) var cellsWrittenLastFrame = 0
    private var pendingCells = 0
    private var events: [InputEvent] = []

    public init(size: Size) {
        self.size = size
        screen = Grid(size: size)
    }

    /// Queues events for ``nextEvent(timeoutMilliseconds:)``.
    public func enqueue(_ events: InputEvent...) { self.events += events }
    public func enqueue(keys: [Key]) { events += keys.map(InputEvent.key) }

    /// Changes the size as a terminal window would, queueing the resize event.
    public func resize(to size: Size) {
        self.size = size
        screen = Grid(size: size)
        events.append(.resize(size))
    }

    public func draw(_ runs: [CellRun]) {
        for run in runs {
            var x = run.x
            for cell in run.cells {
                screen.put(cell.text.isEmpty ? "" : cell.text, x: x, y: run.y, style: cell.style)
                if !cell.isContinuation { pendingCells += 1 }
                x += 1
            }
        }
    }

    public func invalidate() { screen = Grid(size: size) }
    public func setCursor(_ point: Point?) { cursor = point }

    public func flush() {
        cellsWrittenLastFrame = pendingCells
        pendingCells = 0
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }
}
