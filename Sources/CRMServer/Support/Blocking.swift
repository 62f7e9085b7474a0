import Dispatch

/// Runs synchronous work (bcrypt, a GRDB write that waits for the writer) on a dispatch queue, so that the few
/// threads serving requests never block on it.
func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
