import Foundation

/// Opens a file with the desktop's viewer (`xdg-open`), from a copy in the temporary folder under the name
/// the user knows, so the viewer shows that name and the stored original cannot be changed through it.
enum SystemViewer {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts the viewer without waiting for it; returns the name opened.
    static func open(_ path: String, as name: String) throws -> String {
        guard let viewer = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"].first(where: FileManager.default.isExecutableFile) else {
            throw Failure(description: "没有 xdg-open，无法打开附件（apt-get install xdg-utils）(no xdg-open to open attachments)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crm-attachments-\(getuid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let copy = folder.appendingPathComponent((name as NSString).lastPathComponent)
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: viewer)
        process.arguments = [copy.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return copy.lastPathComponent
    }
}
