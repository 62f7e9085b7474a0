import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back the way it was whatever ends the program: a normal exit, Ctrl-C sent as a signal,
/// SIGTERM or SIGHUP (which ask the event loop to stop), and a crash (which restores, then dies as it would have).
public enum TerminalGuard {
    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var stopSignal: Int32 = 0

    /// The signal that asked the program to stop, or 0.
    public static var requestedStop: Int32 { stopSignal }

    /// Starts guarding once curses owns the terminal.
    static func install() {
        active = true
        atexit { TerminalGuard.restore() }
        for signalNumber in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal(signalNumber) { number in TerminalGuard.stopSignal = number }
        }
        for signalNumber in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(signalNumber) { number in
                TerminalGuard.restore()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// Ends curses mode if it is still on; safe to call more than once.
    public static func restore() {
        guard active else { return }
        active = false
        endwin()
    }
}
