/// Lower-case hexadecimal text of bytes (digests, checksums), two digits per byte.
extension Sequence where Element == UInt8 {
    /// `[0x0f, 0xa0]` gives `0fa0`. Written out by hand because `String(format:)` per byte costs more than the
    /// SHA-256 it prints, and the audit log hashes every entry.
    public var hexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
