import Foundation

/// The encodings a source folder may use (extracts.md): UTF-8 by default, GB18030 when told so.
public enum SourceEncoding: String, CaseIterable, Sendable {
    case utf8, gb18030

    /// Converts file contents to UTF-8 bytes; nil when the bytes are not valid in this encoding.
    public func utf8Bytes(_ data: [UInt8]) -> [UInt8]? {
        switch self {
        case .utf8: return String(validating: data, as: UTF8.self) == nil ? nil : data
        case .gb18030: return Iconv.convert(data, from: "GB18030", to: "UTF-8")
        }
    }
}

/// The C library's iconv, which knows GB18030 on every glibc system.
enum Iconv {
    static func convert(_ input: [UInt8], from source: String, to target: String) -> [UInt8]? {
        let handle = iconv_open(target, source)
        guard handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var input = input
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                guard iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) != -1 || inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return Array(output[0..<produced])
    }
}
