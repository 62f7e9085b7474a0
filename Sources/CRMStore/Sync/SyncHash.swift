import GRDB

/// The hashes sync compares: a row's data hash (has it changed since it was last published?) and an op's
/// checksum (did the replica get exactly the server's ops?). Both are FNV-1a, computed the same way in SQL
/// (as functions registered on the connection) and in Swift.
public enum SyncHash {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// 64-bit FNV-1a of `text`'s UTF-8 bytes, as a signed integer for SQLite.
    public static func hash(_ text: String) -> Int64 {
        Int64(bitPattern: fold(text, into: offsetBasis))
    }

    /// An op's checksum: 32 bits of the hash of everything the op carries (bucket, op id, op, table, row key and
    /// data joined by U+001E), hashed part by part rather than joined first: a download checks every op.
    public static func checksum(bucket: String, opID: Int64, op: String, table: String, rowKey: String, data: String?) -> Int64 {
        var value = offsetBasis
        for (index, part) in [bucket, String(opID), op, table, rowKey, data ?? ""].enumerated() {
            if index > 0 { value = fold(0x1E, into: value) }
            value = fold(part, into: value)
        }
        return Int64(value & 0xFFFF_FFFF)
    }

    private static func fold(_ text: String, into value: UInt64) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in bytes.reduce(value) { fold($1, into: $0) } }
    }

    private static func fold(_ byte: UInt8, into value: UInt64) -> UInt64 {
        (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// Adds checksums the way a bucket's total is kept: modulo 2^32.
    public static func add(_ a: Int64, _ b: Int64) -> Int64 { (a + b) & 0xFFFF_FFFF }

    /// Registers `sync_hash(text)` and `sync_checksum(bucket, op_id, op, tbl, row_key, data)` on the connection.
    static func register(_ db: Database) {
        db.add(function: rowHashFunction)
        db.add(function: checksumFunction)
    }

    private static let rowHashFunction = DatabaseFunction("sync_hash", argumentCount: 1, pure: true) { values in
        hash(String.fromDatabaseValue(values[0]) ?? "")
    }

    private static let checksumFunction = DatabaseFunction("sync_checksum", argumentCount: 6, pure: true) { values in
        checksum(bucket: String.fromDatabaseValue(values[0]) ?? "", opID: Int64.fromDatabaseValue(values[1]) ?? 0,
                 op: String.fromDatabaseValue(values[2]) ?? "", table: String.fromDatabaseValue(values[3]) ?? "",
                 rowKey: String.fromDatabaseValue(values[4]) ?? "", data: String.fromDatabaseValue(values[5]))
    }
}
