import Dispatch

/// Runs async work (the server, HTTP sync) from a synchronous command's `run()` and waits for it.
///
/// The root command stays synchronous because argument-parser calls a synchronous `run()` on an
/// `AsyncParsableCommand` reached through a synchronous root.
enum AsyncBridge {
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
