import Foundation

extension WallClock {
    /// The machine's clock.
    public static let system = WallClock { Int64(Date().timeIntervalSince1970) }
}
