import CRMSync
import Synchronization

/// Runs a replica's sync beside the UI: every `interval` while the server answers (so a real-time alert arrives
/// within seconds), every `retryInterval` while it does not, and soon after a local change; one sync at a time,
/// off the event loop. The loop's idle turns pick up the outcome, so a keystroke never waits for the network.
/// A database that is not a replica signed in to a server has no status and never syncs.
final class BackgroundSync {
    /// The outcome of a sync, handed from the task that ran it to the event loop.
    private final class Mailbox: Sendable {
        let outcome = Mutex<Result<SyncClient.Report, any Error>?>(nil)
    }

    private let service: SyncService
    private let interval: Duration
    private let retryInterval: Duration
    private let mailbox = Mailbox()
    private var running = false
    private var nextRun = ContinuousClock.now
    /// How the previous sync ended, so a failure that repeats every half minute is told once.
    private var lastEnded: SyncActivity = .idle
    /// A change was made while a sync ran: the next sync starts as soon as that one ends.
    private var changedWhileRunning = false
    /// What the status bar shows; nil when there is nothing to sync.
    private(set) var status: SyncStatus?

    init(service: SyncService, interval: Duration = .seconds(1), retryInterval: Duration = .seconds(30)) {
        self.service = service
        self.interval = interval
        self.retryInterval = retryInterval
        status = (try? service.state()).flatMap { $0 }.map { SyncStatus(activity: .idle, replica: $0) }
    }

    /// A local change was applied: counts it as pending now and syncs at the next idle turn.
    func localChange() {
        guard status != nil, status?.activity != .revoked else { return }
        refreshCounts()
        nextRun = .now
        changedWhileRunning = running
    }

    /// Reads the counts again (after an issue was dismissed).
    func refreshCounts() {
        guard var status, status.activity != .revoked, let replica = (try? service.state()).flatMap({ $0 }) else { return }
        status.replica = replica
        self.status = status
    }

    /// What an idle turn found.
    struct Poll {
        /// The status bar must be drawn again.
        var changed = false
        /// The activity a sync just ended in, when it differs from how the one before ended (for a toast).
        var ended: SyncActivity?
        /// Rows a sync that just ended brought from the server (the screen in front reads its data again).
        var rowsChanged = 0
    }

    /// On an idle turn: takes a finished sync's outcome and starts the next sync when one is due.
    func poll() -> Poll {
        guard let before = status, before.activity != .revoked else { return Poll() }
        var result = Poll()
        if running, let outcome = mailbox.outcome.withLock({ slot in defer { slot = nil }; return slot }) {
            running = false
            let rerun = changedWhileRunning
            changedWhileRunning = false
            let activity: SyncActivity
            switch outcome {
            case .success(let report):
                activity = .idle
                result.rowsChanged = report.rowsChanged
            case .failure(let error):
                activity = SyncActivity(failure: error)
            }
            nextRun = rerun ? .now : .now.advanced(by: activity == .idle ? interval : retryInterval)
            status?.activity = activity
            if activity != .revoked { refreshCounts() }
            if activity != .idle, activity != lastEnded { result.ended = activity }
            lastEnded = activity
        }
        if !running, ContinuousClock.now >= nextRun, status?.activity != .revoked {
            start()
        }
        result.changed = status != before
        return result
    }

    private func start() {
        running = true
        // The routine check every second stays quiet; a sync with changes to send, or after a failure, shows.
        if status?.activity != .idle || (status?.replica.pending ?? 0) > 0 { status?.activity = .syncing }
        let sync = service.sync, mailbox = self.mailbox
        Task.detached {
            let outcome: Result<SyncClient.Report, any Error>
            do {
                outcome = .success(try await sync())
            } catch {
                outcome = .failure(error)
            }
            mailbox.outcome.withLock { $0 = outcome }
        }
    }
}
