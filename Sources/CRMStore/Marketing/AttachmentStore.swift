import CRMCore
import Crypto
import Foundation

/// A file attached to a visit, as recorded: its name, size and SHA-256.
public struct StoredAttachment: Sendable, Equatable {
    public let fileName: String
    public let size: Int64
    /// Lower-case hex.
    public let sha256: String

    public init(fileName: String, size: Int64, sha256: String) {
        self.fileName = fileName
        self.size = size
        self.sha256 = sha256
    }
}

/// Where attachments live: a folder beside the database, each file stored once under its SHA-256
/// (`ab/abcdef…`), so the same photo attached twice takes the room of one and a file can always be checked.
public struct AttachmentStore: Sendable {
    /// The largest file accepted.
    public static let maximumBytes: Int64 = 20 * 1024 * 1024

    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The store beside a database file: `crm.sqlite.attachments`.
    public init(besideDatabaseAt path: String) { directory = path + ".attachments" }

    /// Copies a file in (unless a file with its checksum is there already) and returns what to record.
    public func add(file path: String) throws -> StoredAttachment {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw MutationError("找不到文件 \(path) (no such file)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw MutationError("无法读取文件 \(path) (cannot read it)") }
        guard Int64(data.count) <= Self.maximumBytes else {
            throw MutationError("文件 \(path) 超过 20 MB (larger than 20 MB)")
        }
        let digest = SHA256.hash(data: data).hexadecimal
        let target = location(of: digest)
        if !FileManager.default.fileExists(atPath: target) {
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            // Written under a temporary name and renamed, so a killed copy never leaves a short file under the checksum.
            let temporary = target + ".partial-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw MutationError("无法写入附件目录 \(directory) (cannot write the attachment store)")
            }
            try FileManager.default.moveItem(atPath: temporary, toPath: target)
        }
        return StoredAttachment(fileName: (path as NSString).lastPathComponent, size: Int64(data.count), sha256: digest)
    }

    /// The stored file of a checksum.
    public func location(of sha256: String) -> String {
        directory + "/" + String(sha256.prefix(2)) + "/" + sha256
    }

    /// Whether the stored file is there and still has its checksum.
    public func verify(_ attachment: StoredAttachment) -> Bool {
        guard let data = FileManager.default.contents(atPath: location(of: attachment.sha256)) else { return false }
        return Int64(data.count) == attachment.size
            && SHA256.hash(data: data).hexadecimal == attachment.sha256
    }
}
