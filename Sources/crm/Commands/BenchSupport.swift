import CRMApp
import CRMStore
import Foundation
import TUI

/// The application signed in as the first head-office user, drawn by the headless backend at 120x40, for the
/// benchmarks that time a key from arrival to finished frame.
struct HeadlessApp {
    let backend = HeadlessBackend(size: Size(width: 120, height: 40))
    let shell: AppShell
    let loop: EventLoop

    /// Signed in as the first active user of `role`; nil when the database has none.
    init?(_ db: AppDatabase, as role: StaffRole = .headOffice) throws {
        guard let profile = try db.writer.read({ try StaffDirectory.firstActive($0, role: role) }) else { return nil }
        let services = try AppServices(database: db, clock: .system, isDemo: true)
        shell = try AppShell(services: services, language: .chinese, plain: false, signIn: profile)
        loop = EventLoop(backend: backend, application: shell, minimumSize: AppShell.minimumSize, tooSmall: { _, _ in [] })
        loop.draw()
    }

    /// The time of one idle turn of the loop (no key waiting), with its frame if anything changed.
    func idle() -> Duration {
        let start = ContinuousClock.now
        _ = loop.step(timeoutMilliseconds: 0)
        return ContinuousClock.now - start
    }

    /// The time from the key's arrival to its frame being drawn.
    func press(_ key: Key) -> Duration {
        backend.enqueue(keys: [key])
        let start = ContinuousClock.now
        _ = loop.step(timeoutMilliseconds: 0)
        return ContinuousClock.now - start
    }
}

/// Figures of a run of timings.
extension Array where Element == Duration {
    var mean: Duration { reduce(.zero, +) / count }

    func percentile(_ p: Int) -> Duration {
        let sorted = sorted()
        return sorted[Swift.min(sorted.count - 1, sorted.count * p / 100)]
    }
}

extension Duration {
    var microsecondsText: String { String(Int(self / .microseconds(1))) }
    var millisecondsText: String { String(format: "%.1f", Double(self / .microseconds(1)) / 1000) }
}
