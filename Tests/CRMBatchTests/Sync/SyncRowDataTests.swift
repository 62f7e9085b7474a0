import CRMStore
import CRMSync
import Foundation
import GRDB
import Testing

/// Rows as ops carry them: positional JSON arrays.
@Suite struct SyncRowDataTests {
    @Test func aRowRenderedBySQLiteReadsBackToTheSameValues() throws {
        let queue = try DatabaseQueue()
        let row: [DatabaseValue] = try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE t (id TEXT PRIMARY KEY, name TEXT, amount INTEGER, rate REAL, whole REAL, note TEXT);
                INSERT INTO t VALUES ('C1', '某某"科技"有限公司\\n', 9007199254740993, 0.1, 2.0, NULL);
                """)
            let data = try String.fetchOne(db, sql: "SELECT \(SyncRowData.sql(["id", "name", "amount", "rate", "whole", "note"], alias: "t")) FROM t")!
            #expect(data == #"["C1","某某\"科技\"有限公司\\n",9007199254740993,0.1,2.0,null]"#)
            return try SyncRowData.values(data, count: 6)
        }
        #expect(row == ["C1".databaseValue, "某某\"科技\"有限公司\\n".databaseValue, Int64(9_007_199_254_740_993).databaseValue,
                        0.1.databaseValue, 2.0.databaseValue, .null])
        #expect(Double.fromDatabaseValue(row[4]) == 2.0 && Int64.fromDatabaseValue(row[2]) == 9_007_199_254_740_993)
    }

    @Test func aRowWithFewerValuesReadsNullsAndExtraValuesAreLeft() throws {
        #expect(try SyncRowData.values(#"["A",1]"#, count: 3) == ["A".databaseValue, 1.databaseValue, .null])
        #expect(try SyncRowData.values(#"["A",1,"added later"]"#, count: 2) == ["A".databaseValue, 1.databaseValue])
    }

    @Test func dataThatIsNotAnArrayIsRefused() {
        #expect(throws: SyncRowDataError.self) { try SyncRowData.values(#"{"id":"A"}"#, count: 1) }
        #expect(throws: (any Error).self) { try SyncRowData.values("[1,", count: 1) }
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
