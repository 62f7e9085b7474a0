import CRMStore
import CRMSync
import Foundation
import GRDB
import Testing

/// Rows as ops carry them (positional JSON arrays), read straight into a statement by ``SyncRowBinder``.
@Suite struct SyncRowDataTests {
    /// Binds `data` into a fresh row of `u` (same columns as `t`) and returns it with each value's type.
    private func bound(_ data: String, columns: Int, key: [Int], _ db: Database) throws -> (key: String, row: [String]) {
        try db.execute(sql: "DELETE FROM u")
        let insert = try BulkStatement(db, sql: "INSERT INTO u VALUES (\(Array(repeating: "?", count: columns).joined(separator: ", ")))")
        let rowKey = try insert.bind { try SyncRowBinder(columnCount: columns, keyPositions: key).bind(data, to: $0) }
        try insert.step()
        let row = try String.fetchAll(db, sql: "SELECT typeof(value) || ':' || quote(value) FROM u, json_each(json_array(u.id, u.name, u.amount, u.rate, u.whole, u.note))")
        return (rowKey, row)
    }

    @Test func aRowRenderedBySQLiteBindsBackToTheSameValuesAndKey() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE t (id TEXT, name TEXT, amount INTEGER, rate REAL, whole REAL, note TEXT, PRIMARY KEY (id, amount));
                CREATE TABLE u (id TEXT, name TEXT, amount INTEGER, rate REAL, whole REAL, note TEXT);
                INSERT INTO t VALUES ('C1', '某某"科技"有限公司\\n' || char(31) || '😀', 9007199254740993, 0.1, 2.0, NULL);
                """)
            let data = try String.fetchOne(db, sql: "SELECT \(SyncRowData.sql(["id", "name", "amount", "rate", "whole", "note"], alias: "t")) FROM t")!
            #expect(data == #"["C1","某某\"科技\"有限公司\\n\u001f😀",9007199254740993,0.1,2.0,null]"#)
            let result = try bound(data, columns: 6, key: [0, 2], db)
            #expect(result.key == "C1\u{1F}9007199254740993")
            let original = try String.fetchOne(db, sql: "SELECT group_concat(typeof(value) || ':' || quote(value), '|') FROM t, json_each(json_array(t.id, t.name, t.amount, t.rate, t.whole, t.note))")
            #expect(result.row.joined(separator: "|") == original)
            #expect(try String.fetchOne(db, sql: "SELECT name FROM u") == "某某\"科技\"有限公司\\n\u{1F}😀")
            #expect(try Int64.fetchOne(db, sql: "SELECT amount FROM u") == 9_007_199_254_740_993)
        }
    }

    @Test func aRowWithFewerValuesBindsNullsAndExtraValuesAreLeft() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE u (id TEXT, name TEXT, amount INTEGER, rate REAL, whole REAL, note TEXT)")
            #expect(try bound(#"["A","B"]"#, columns: 6, key: [0], db).row == ["text:'A'", "text:'B'", "null:NULL", "null:NULL", "null:NULL", "null:NULL"])
            #expect(try bound(#"["A","B",3,0.5,1e3,"x","added later"]"#, columns: 6, key: [0], db).row
                    == ["text:'A'", "text:'B'", "integer:3", "real:0.5", "real:1000.0", "text:'x'"])
        }
    }

    @Test func dataThatIsNotAnArrayOfPlainValuesIsRefused() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE u (id TEXT, name TEXT, amount INTEGER, rate REAL, whole REAL, note TEXT)")
            for data in [#"{"id":"A"}"#, "[1,", #"["A",[1]]"#, #"["A" "B"]"#, #"["A\q"]"#, #"["unclosed]"#, "[1]x", "[99999999999999999999x]"] {
                #expect(throws: SyncRowDataError.self, "\(data)") { try bound(data, columns: 6, key: [0], db) }
            }
        }
    }
}

/// The op checksum, hashed part by part, is the hash of the parts joined by U+001E, as docs/data-formats.md says.
@Suite struct SyncHashTests {
    @Test func anOpsChecksumIsTheLow32BitsOfTheHashOfItsJoinedParts() {
        let parts = ["portfolio:E010025", "681262", "PUT", "base_customer", "8010000170", #"["8010000170","某某科技有限公司"]"#]
        let whole = UInt64(bitPattern: SyncHash.hash(parts.joined(separator: "\u{1E}"))) & 0xFFFF_FFFF
        #expect(SyncHash.checksum(bucket: parts[0], opID: 681_262, op: parts[2], table: parts[3], rowKey: parts[4], data: parts[5]) == Int64(whole))
        #expect(SyncHash.checksum(bucket: "ref", opID: 1, op: "REMOVE", table: "base_org", rowKey: "101000", data: nil)
                == Int64(UInt64(bitPattern: SyncHash.hash("ref\u{1E}1\u{1E}REMOVE\u{1E}base_org\u{1E}101000\u{1E}")) & 0xFFFF_FFFF))
    }
}
