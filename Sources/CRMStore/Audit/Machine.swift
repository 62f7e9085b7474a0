import Foundation

/// The name of this machine as the audit log records it.
public enum Machine {
    public static let name: String = {
        let host = ProcessInfo.processInfo.hostName
        return host.isEmpty ? "localhost" : host
    }()
}
