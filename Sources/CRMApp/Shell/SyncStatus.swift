import CRMSync
import TUI

/// What background sync is doing.
public enum SyncActivity: Sendable, Equatable {
    /// Waiting for the next sync; the last one succeeded (or none ran yet).
    case idle
    case syncing
    /// The server could not be reached; changes wait in the outbox.
    case offline
    /// The server refused the sync, with its message.
    case failed(String)
    /// The server revoked this device and the replica wiped its data.
    case revoked

    /// The activity a failed sync leaves behind.
    public init(failure: Error) {
        guard let failure = failure as? SyncFailure else {
            self = .failed(String(describing: failure))
            return
        }
        switch failure.error {
        case "offline": self = .offline
        case "device_revoked": self = .revoked
        default: self = failure.temporary ? .offline : .failed(failure.message)
        }
    }
}

/// The status bar's sync segment: `已同步 10:42 · 待推送 3`, `同步中…`, `离线 · 待推送 3`, `同步问题 2`.
public struct SyncStatus: Sendable, Equatable {
    public var activity: SyncActivity
    public var replica: ReplicaState

    public init(activity: SyncActivity, replica: ReplicaState) {
        self.activity = activity
        self.replica = replica
    }

    /// The segment's text, at most `width` columns: the counts drop out before the activity does. `now` is
    /// the local time (`YYYY-MM-DD HH:MM:SS`); a last sync on another day shows its date.
    public func text(_ language: Language, now: String, width: Int) -> String {
        let zh = language == .chinese
        var parts = [activityText(zh: zh, now: now)]
        if replica.issues > 0, activity != .revoked { parts.append(zh ? "同步问题 \(replica.issues)" : "\(replica.issues) sync issues") }
        if replica.pending > 0, activity != .revoked { parts.append(zh ? "待推送 \(replica.pending)" : "\(replica.pending) to push") }
        while parts.count > 1, DisplayWidth.of(parts.joined(separator: " · ")) > width { parts.removeLast() }
        return DisplayWidth.truncate(parts.joined(separator: " · "), to: width)
    }

    private func activityText(zh: Bool, now: String) -> String {
        switch activity {
        case .syncing: return zh ? "同步中…" : "Syncing…"
        case .offline: return zh ? "离线" : "Offline"
        case .failed: return zh ? "同步失败" : "Sync failed"
        case .revoked: return zh ? "设备已注销" : "Device revoked"
        case .idle:
            guard let last = replica.lastSync, last.count >= 16 else { return zh ? "尚未同步" : "Not synced" }
            let shown = last.prefix(10) == now.prefix(10) ? String(last.dropFirst(11).prefix(5)) : String(last.dropFirst(5).prefix(11))
            return (zh ? "已同步 " : "Synced ") + shown
        }
    }
}
