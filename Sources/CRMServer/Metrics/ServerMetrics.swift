import Prometheus

/// The server's Prometheus metrics (swift-prometheus), served as text by `GET /metrics`:
/// `crm_http_requests_total{method,route,status}`, `crm_http_request_duration_seconds{method,route}`,
/// `crm_ingest_movements_total{outcome}`, and the sync counters and durations other parts add through
/// ``incrementSync(_:by:labels:)`` and ``recordSyncDuration(_:_:)``.
public final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Duration] = [.milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10),
                                                     .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                                                     .milliseconds(500), .seconds(1), .milliseconds(2_500)]

    public init() {}

    /// Counts one answered request and its time. `route` is the route's pattern (`/customers/{id}`), never the
    /// path as sent, so the number of series stays fixed.
    public func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(name: "crm_http_requests_total",
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(name: "crm_http_request_duration_seconds", labels: [("method", method), ("route", route)],
                                       buckets: Self.latencyBuckets).record(duration)
    }

    /// Counts movements received by ingest: `accepted`, `duplicate`, and alerts raised.
    public func recordIngest(accepted: Int, duplicates: Int, alerts: Int) {
        registry.makeCounter(name: "crm_ingest_movements_total", labels: [("outcome", "accepted")]).increment(by: Int64(accepted))
        registry.makeCounter(name: "crm_ingest_movements_total", labels: [("outcome", "duplicate")]).increment(by: Int64(duplicates))
        registry.makeCounter(name: "crm_ingest_alerts_total").increment(by: Int64(alerts))
    }

    /// Adds to the sync counter `crm_sync_<name>_total` (`name` in lower snake case, e.g. `mutations_applied`).
    public func incrementSync(_ name: String, by amount: Int = 1, labels: [(String, String)] = []) {
        registry.makeCounter(name: "crm_sync_\(name)_total", labels: labels).increment(by: Int64(amount))
    }

    /// Records one duration in the sync histogram `crm_sync_<name>_seconds` (e.g. `pull`, `push`).
    public func recordSyncDuration(_ name: String, _ duration: Duration) {
        registry.makeDurationHistogram(name: "crm_sync_\(name)_seconds", labels: [], buckets: Self.latencyBuckets).record(duration)
    }

    /// Every metric in the Prometheus text exposition format (version 0.0.4).
    public func exposition() -> String {
        registry.emitToString()
    }
}
