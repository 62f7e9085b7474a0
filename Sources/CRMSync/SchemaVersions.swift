import CRMStore

/// The schema versions the server serves: the current one and the one before (the last two migrations), but
/// none from before pull pages took their present form, which such a replica would misread.
public enum SchemaVersions {
    /// This build's schema version: the name of its last migration.
    public static var current: String { Schema.migrator.migrations.last ?? "" }

    /// Refuses a request made by a replica with another schema.
    static func check(_ version: String) throws {
        let migrations = Schema.migrator.migrations
        let pageFormat = migrations.firstIndex(of: SyncTables.pageFormatMigration) ?? migrations.startIndex
        let served = migrations[max(pageFormat, migrations.count - 2)...]
        guard served.contains(version) else {
            throw SyncFailure("schema_unsupported",
                              "客户端版本过旧或过新，请升级 (schema \(version) is not served; the server serves \(served.joined(separator: ", ")))")
        }
    }
}
