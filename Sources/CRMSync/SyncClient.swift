import CRMCore
import CRMStore
import Foundation

/// Runs one sync of a replica: pushes every pending change, then pulls pages until a checkpoint is complete
/// and shown. Every step is saved as it completes, so a sync cut anywhere (network, process) resumes.
public struct SyncClient: Sendable {
    public let replica: Replica
    public let transport: any SyncTransport
    /// Pages one sync may take before it stops and reports that more remain.
    public let maxPages: Int

    public init(replica: Replica, transport: any SyncTransport, maxPages: Int = 100_000) {
        self.replica = replica
        self.transport = transport
        self.maxPages = maxPages
    }

    /// What one sync did.
    public struct Report: Sendable, Equatable {
        public var pushed = 0
        public var rejected = 0
        public var pages = 0
        public var opsReceived = 0
        public var rowsChanged = 0
        public var complete = false
    }

    /// Pushes, then pulls to a complete checkpoint. A `device_revoked` failure wipes the replica and rethrows.
    public func sync() async throws -> Report {
        guard let clientID = try replica.clientID() else {
            throw SyncFailure("not_signed_in", "本机尚未登录服务器，请先运行 crm login (this replica has not signed in: run crm login)")
        }
        do {
            var report = Report()
            try await push(clientID: clientID, into: &report)
            try await pull(clientID: clientID, into: &report)
            return report
        } catch let failure as SyncFailure where failure.error == "device_revoked" {
            try replica.wipe()
            throw failure
        }
    }

    private func push(clientID: String, into report: inout Report) async throws {
        while true {
            let request = try replica.pendingPush(clientID: clientID)
            guard !request.mutations.isEmpty else { return }
            let response = try await transport.push(request)
            try replica.record(response, at: ShanghaiTime.timestamp(replica.clock.now()))
            report.pushed += response.results.filter { $0.status == .applied }.count
            report.rejected += response.results.filter { $0.status == .rejected }.count
            // Nothing handled: the server stopped at a gap it cannot close; the next sync tries again.
            guard !response.results.isEmpty else { return }
        }
    }

    private func pull(clientID: String, into report: inout Report) async throws {
        while report.pages < maxPages {
            let page = try await transport.pull(try replica.nextPull(clientID: clientID))
            report.pages += 1
            report.opsReceived += page.ops.count
            if case .applied(let rows) = try replica.apply(page) {
                report.rowsChanged += rows
                report.complete = true
                return
            }
        }
    }
}
