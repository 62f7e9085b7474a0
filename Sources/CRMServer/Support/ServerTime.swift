import CRMCore

/// Instants on the wire: ISO 8601 in Shanghai time with its offset, `2025-03-02T09:15:00+08:00`.
enum ServerTime {
    static func iso8601(_ seconds: Int64) -> String {
        ShanghaiTime.timestamp(seconds).replacingOccurrences(of: " ", with: "T") + "+08:00"
    }
}
