/// How a replica reaches the server: HTTP in the program, an in-process network with faults in tests.
public protocol SyncTransport: Sendable {
    /// Sends one pull request and returns one page.
    func pull(_ request: PullRequest) async throws -> PullResponse
    /// Sends pushed changes and returns their results, after the server's durable commit.
    func push(_ request: PushRequest) async throws -> PushResponse
}
