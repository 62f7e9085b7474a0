import Foundation
import GRDB

/// The CRM's SQLite database: one writer wrapped with the schema migrator.
///
/// Every component receives an `AppDatabase` from outside; nothing opens its own connection.
public struct AppDatabase: Sendable {
    /// The underlying GRDB writer (a `DatabasePool` for files, a `DatabaseQueue` in memory).
    public let writer: any DatabaseWriter

    /// How hard a commit presses to disk.
    public enum Durability: Sendable {
        /// `synchronous = NORMAL` (WAL): a commit may be lost on power failure, never corrupted. The batch and the
        /// terminal UI: a batch day can be run again.
        case normal
        /// `synchronous = FULL` (WAL): a commit is on disk before it returns. The server, whose 2xx answers
        /// promise that what was sent is kept.
        case full
    }

    /// Opens (creating when missing, with mode 0600) the database at `path` and migrates it to the current schema.
    /// The file is in WAL mode, read by concurrent readers beside the one writer.
    public static func open(path: String, durability: Durability = .normal) throws -> AppDatabase {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.cannotCreate(path)
            }
        }
        let pool = try DatabasePool(path: path, configuration: configuration(durability))
        return try AppDatabase(writer: pool)
    }

    /// The database file's path (empty or a pseudo-name in memory).
    public var path: String { writer.path }

    /// Where this database's attachments are kept: beside the file.
    public var attachments: AttachmentStore { AttachmentStore(besideDatabaseAt: path) }

    /// An empty in-memory database with the current schema, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(writer: DatabaseQueue(configuration: configuration(.normal)))
    }

    /// Wraps a writer and migrates it.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Schema.migrator.migrate(writer)
    }

    private static func configuration(_ durability: Durability) -> Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // A batch day is one large transaction: give it room, and let readers wait rather than fail.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if !db.configuration.readonly {
                try db.execute(sql: durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            }
        }
        configuration.busyMode = .timeout(10)
        return configuration
    }
}

/// Errors of the store itself (as opposed to SQLite's).
public enum StoreError: Error, CustomStringConvertible {
    case cannotCreate(String)

    public var description: String {
        switch self {
        case .cannotCreate(let path): return "cannot create the database file \(path)"
        }
    }
}
