/// Where frames go and events come from: the real terminal through ncursesw, or a headless grid for tests.
public protocol TerminalBackend: AnyObject {
    /// The terminal's current size.
    var size: Size { get }
    /// Draws runs of cells; nothing shows until ``flush()``.
    func draw(_ runs: [CellRun])
    /// Throws away what the backend believes is on screen, so the next frame is drawn whole.
    func invalidate()
    /// Places the visible cursor, or hides it with `nil`.
    func setCursor(_ point: Point?)
    /// Makes the drawn cells visible.
    func flush()
    /// The next event, waiting at most `timeoutMilliseconds` (0: do not wait); `nil` when none came.
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent?
}
