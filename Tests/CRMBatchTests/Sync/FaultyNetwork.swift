import CRMStore
import CRMSync
import Foundation

/// A seeded virtual network between laptops and the server that drops requests, loses answers after the
/// server acted, delivers requests twice and delivers old requests late (out of order).
final class FaultyNetwork: @unchecked Sendable {
    private let lock = NSLock()
    private var random: SeededRandom
    private var late: [@Sendable () async -> Void] = []
    /// Chance in percent of each fault on each request.
    var faultPercent: Int

    init(seed: UInt64, faultPercent: Int = 15) {
        random = SeededRandom(seed: seed)
        self.faultPercent = faultPercent
    }

    /// The link one user's device sees.
    func link(_ server: SyncServer, _ user: StaffProfile, deviceID: String) -> any SyncTransport {
        Link(network: self, server: DirectLink(server: server, user: user, deviceID: deviceID))
    }

    fileprivate func roll() -> Bool { lock.withLock { random.below(100) < faultPercent } }
    fileprivate func keepForLater(_ delivery: @escaping @Sendable () async -> Void) { lock.withLock { late.append(delivery) } }
    fileprivate func takeLate() -> [@Sendable () async -> Void] { lock.withLock { defer { late = [] }; return late } }

    private struct Link: SyncTransport {
        let network: FaultyNetwork
        let server: DirectLink

        func pull(_ request: PullRequest) async throws -> PullResponse {
            try await exchange(request) { try await server.pull($0) }
        }

        func push(_ request: PushRequest) async throws -> PushResponse {
            try await exchange(request) { try await server.push($0) }
        }

        private func exchange<Request: Sendable, Answer>(_ request: Request,
                                                         _ send: @escaping @Sendable (Request) async throws -> Answer) async throws -> Answer {
            for delivery in network.takeLate() { await delivery() }
            if network.roll() { throw offline("request dropped") }
            if network.roll() { network.keepForLater { _ = try? await send(request) } }
            if network.roll() { _ = try? await send(request) }
            let answer = try await send(request)
            if network.roll() { throw offline("answer lost") }
            return answer
        }

        private func offline(_ what: String) -> SyncFailure { SyncFailure("offline", what, temporary: true) }
    }
}

/// SplitMix64: a small seeded generator, the same sequence on every machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
