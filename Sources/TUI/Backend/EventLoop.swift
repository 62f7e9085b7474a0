/// The program the event loop runs: it draws frames and reacts to events.
public protocol TerminalApplication: AnyObject {
    /// Draws the whole screen into `grid` and says where the text cursor goes (nil: hidden).
    func render(into grid: inout Grid) -> Point?
    /// Reacts to an event; returns false to end the loop.
    func handle(_ event: InputEvent) -> Bool
    /// Called when no event came within the poll interval; returns true when the screen must be drawn again
    /// (a toast expired, background work finished).
    func idle() -> Bool
}

/// Reads events and draws frames until the application ends or a signal asks to stop. Below the minimum size
/// it shows what size is needed instead, and the application comes back when the window grows.
public final class EventLoop {
    private let renderer: Renderer
    private let application: TerminalApplication
    private let minimumSize: Size
    private let tooSmall: (Size, Size) -> [String]

    /// `tooSmall(current, needed)` gives the lines shown when the terminal is smaller than `minimumSize`.
    public init(backend: TerminalBackend, application: TerminalApplication, minimumSize: Size,
                tooSmall: @escaping (Size, Size) -> [String]) {
        renderer = Renderer(backend: backend)
        self.application = application
        self.minimumSize = minimumSize
        self.tooSmall = tooSmall
    }

    public var lastDrawnCells: Int { renderer.lastDrawnCells }
    public var lastChangedCells: Int { renderer.lastChangedCells }

    /// Forgets what is on screen, so the next frame is drawn whole.
    public func invalidate() { renderer.invalidate() }

    /// Draws one frame now.
    public func draw() {
        let size = renderer.backend.size
        var grid = Grid(size: size)
        if size.width < minimumSize.width || size.height < minimumSize.height {
            let lines = tooSmall(size, minimumSize)
            let top = max(0, (size.height - lines.count) / 2)
            for (offset, line) in lines.enumerated() {
                let shown = DisplayWidth.truncate(line, to: size.width)
                grid.put(shown, x: max(0, (size.width - DisplayWidth.of(shown)) / 2), y: top + offset, style: Style(.warning))
            }
            renderer.present(grid, cursor: nil)
        } else {
            let cursor = application.render(into: &grid)
            renderer.present(grid, cursor: cursor)
        }
    }

    /// Handles one event (or an idle poll) and draws if anything changed; returns false when the loop must end.
    public func step(timeoutMilliseconds: Int) -> Bool {
        if TerminalGuard.requestedStop != 0 { return false }
        guard let event = renderer.backend.nextEvent(timeoutMilliseconds: timeoutMilliseconds) else {
            if application.idle() { draw() }
            return TerminalGuard.requestedStop == 0
        }
        if case .resize = event { renderer.invalidate() }
        let size = renderer.backend.size
        let usable = size.width >= minimumSize.width && size.height >= minimumSize.height
        if usable || event.isResize {
            guard application.handle(event) else { return false }
        } else if event == .key(.control("c")) || event == .key(.character("q")) {
            return false
        }
        draw()
        return true
    }

    /// Runs until the application or a signal ends it.
    public func run(pollMilliseconds: Int = 200) {
        draw()
        while step(timeoutMilliseconds: pollMilliseconds) {}
    }
}

extension InputEvent {
    var isResize: Bool { if case .resize = self { return true } else { return false } }
}
