import CRMCore
import Crypto
import Foundation

/// One business date's folder of extracts, read whole and checked against its manifest before anything loads.
public struct SourceFolder {
    /// The business date the folder is named after.
    public let date: BusinessDate
    public let path: String
    /// UTF-8 contents of each present contract file.
    public let files: [ExtractFile: [UInt8]]
    /// Data rows per file as listed in the manifest.
    public let rows: [ExtractFile: Int]
    /// SHA-256 per file as listed in the manifest.
    public let checksums: [ExtractFile: String]
    /// SHA-256 of the manifest itself: the folder's identity.
    public let manifestSHA256: String
    /// Things the loader will not load but which do not stop it (unknown files).
    public let warnings: [(file: String, message: String)]

    /// Reads and verifies the folder. Throws `SourceFolderError` naming the folder and file when it is incomplete or altered.
    public static func read(path: String, date: BusinessDate, encoding: SourceEncoding) throws -> SourceFolder {
        let manifestPath = path + "/" + ExtractFile.manifestName
        guard let manifestData = FileManager.default.contents(atPath: manifestPath) else {
            throw SourceFolderError(folder: path, file: ExtractFile.manifestName, problem: "manifest missing: the folder is not complete")
        }
        let manifestBytes = [UInt8](manifestData)
        let entries = try parseManifest(manifestBytes, folder: path)
        var files: [ExtractFile: [UInt8]] = [:]
        var rows: [ExtractFile: Int] = [:]
        var checksums: [ExtractFile: String] = [:]
        var warnings: [(String, String)] = []
        for entry in entries {
            guard let data = FileManager.default.contents(atPath: path + "/" + entry.file) else {
                throw SourceFolderError(folder: path, file: entry.file, problem: "listed in the manifest but missing")
            }
            let raw = [UInt8](data)
            let digest = sha256Hex(raw)
            guard digest == entry.sha256.lowercased() else {
                throw SourceFolderError(folder: path, file: entry.file,
                                        problem: "SHA-256 differs from the manifest (manifest \(entry.sha256), file \(digest))")
            }
            guard let utf8 = encoding.utf8Bytes(raw) else {
                let hint = encoding == .utf8 ? " (if the source writes GB18030, load with --encoding gb18030)" : ""
                throw SourceFolderError(folder: path, file: entry.file, problem: "not valid \(encoding.rawValue) text\(hint)")
            }
            let count = CSVReader.countDataRecords(utf8)
            guard count == entry.rows else {
                throw SourceFolderError(folder: path, file: entry.file,
                                        problem: "has \(count) data rows, the manifest lists \(entry.rows)")
            }
            guard let file = ExtractFile.allCases.first(where: { $0.fileName == entry.file }) else {
                warnings.append((entry.file, "unknown file, not loaded"))
                continue
            }
            files[file] = utf8
            rows[file] = entry.rows
            checksums[file] = digest
        }
        let listed = Set(entries.map(\.file))
        let present = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in present.sorted() where name != ExtractFile.manifestName && !listed.contains(name) {
            warnings.append((name, "not listed in the manifest, not loaded"))
        }
        let manifestDigest = sha256Hex(manifestBytes)
        return SourceFolder(date: date, path: path, files: files, rows: rows, checksums: checksums,
                            manifestSHA256: manifestDigest, warnings: warnings)
    }

    /// Lower-case hexadecimal SHA-256, as manifests write it.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }

    private struct ManifestEntry {
        let file: String
        let rows: Int
        let sha256: String
    }

    private static func parseManifest(_ bytes: [UInt8], folder: String) throws -> [ManifestEntry] {
        var reader = CSVReader(bytes: bytes)
        func fail(_ problem: String) -> SourceFolderError {
            SourceFolderError(folder: folder, file: ExtractFile.manifestName, problem: problem)
        }
        guard (try? reader.next()) == true else { throw fail("empty manifest") }
        let header = reader.fields.indices.map { reader.string($0) }
        guard let fileColumn = header.firstIndex(of: "file"), let rowsColumn = header.firstIndex(of: "rows"),
              let shaColumn = header.firstIndex(of: "sha256") else {
            throw fail("header must be file,rows,sha256")
        }
        var entries: [ManifestEntry] = []
        while true {
            let more: Bool
            do { more = try reader.next() } catch { throw fail("line \(reader.recordLine): unterminated quote") }
            guard more else { break }
            guard reader.fields.count == header.count, let rows = Int(reader.string(rowsColumn)) else {
                throw fail("line \(reader.recordLine): expected file,rows,sha256")
            }
            entries.append(ManifestEntry(file: reader.string(fileColumn), rows: rows, sha256: reader.string(shaColumn)))
        }
        return entries
    }
}

/// A folder that is incomplete or altered: refused whole.
public struct SourceFolderError: Error, CustomStringConvertible {
    public let folder: String
    public let file: String
    public let problem: String

    public var description: String { "\(folder): \(file): \(problem); nothing of this folder was loaded" }
}
