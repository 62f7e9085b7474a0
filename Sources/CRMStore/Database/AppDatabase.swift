import Foundation
import GRDB

/// The CRM's SQLite database: one writer wrapped with the schema migrator.
///
/// Every component receives an `AppDatabase` from outside; nothing opens its own connection.
public struct AppDatabase: Sendable {
    /// The underlying GRDB writer (a `DatabasePool` for files, a `DatabaseQueue` in memory).
    public let writer: any DatabaseWriter

    /// Opens (creating when missing, with mode 0600) the database at `path` and migrates it to the current schema.
    public static func open(path: String) throws -> AppDatabase {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.cannotCreate(path)
            }
        }
        let pool = try DatabasePool(path: path, configuration: configuration())
        return try AppDatabase(writer: pool)
    }

    /// The database file's path (empty or a pseudo-name in memory).
    public var path: String { writer.path }

    /// Where this database's attachments are kept: beside the file.
    public var attachments: AttachmentStore { AttachmentStore(besideDatabaseAt: path) }

    /// An empty in-memory database with the current schema, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(writer: DatabaseQueue(configuration: configuration()))
    }

    /// Wraps a writer and migrates it.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Schema.migrator.migrate(writer)
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // A batch day is one large transaction: give it room, and let readers wait rather than fail.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
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
