import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads one position from gpsd (the GPS daemon, on 127.0.0.1:2947) when a receiver is present: it asks for
/// reports with `?WATCH` and takes the first TPV report with a 2D or 3D fix. Gives up quietly after a short
/// time, so a laptop without a receiver only sees the fields left for typing.
enum GPSReader {
    /// Latitude and longitude in millionths of a degree, or nil.
    static func position(timeoutMilliseconds: Int32 = 1_500) -> (latitudeE6: Int64, longitudeE6: Int64)? {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return nil }
        defer { close(socketFD) }
        _ = fcntl(socketFD, F_SETFL, fcntl(socketFD, F_GETFL) | O_NONBLOCK)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(2947).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 || errno == EINPROGRESS, wait(socketFD, for: Int16(POLLOUT), milliseconds: 300) else { return nil }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(socketFD, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 else { return nil }
        let watch = Array("?WATCH={\"enable\":true,\"json\":true};\n".utf8)
        guard write(socketFD, watch, watch.count) == watch.count else { return nil }
        let deadline = Date().addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            guard wait(socketFD, for: Int16(POLLIN), milliseconds: 200) else { continue }
            let count = read(socketFD, &buffer, buffer.count)
            guard count > 0 else { return nil }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending.removeSubrange(pending.startIndex...newline)
                if let fix = fix(in: Data(line)) { return fix }
            }
        }
        return nil
    }

    /// A TPV report's position when it has a fix (mode 2 or 3).
    static func fix(in line: Data) -> (latitudeE6: Int64, longitudeE6: Int64)? {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any], object["class"] as? String == "TPV",
              let mode = object["mode"] as? Int, mode >= 2,
              let latitude = (object["lat"] as? NSNumber)?.doubleValue, let longitude = (object["lon"] as? NSNumber)?.doubleValue
        else { return nil }
        return (Int64((latitude * 1_000_000).rounded()), Int64((longitude * 1_000_000).rounded()))
    }

    private static func wait(_ socketFD: Int32, for events: Int16, milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: socketFD, events: events, revents: 0)
        return poll(&descriptor, 1, milliseconds) == 1 && descriptor.revents & events != 0
    }
}
