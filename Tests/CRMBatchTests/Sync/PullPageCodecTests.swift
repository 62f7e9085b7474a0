import CRMStore
import CRMSync
import Foundation
import Testing

/// A pull page as the wire carries it (docs/data-formats.md): ops as `[op_id, table, checksum, row]`, a PUT's
/// data as the JSON array itself, a REMOVE's key as a string.
@Suite struct PullPageCodecTests {
    private let checkpoint = SyncCheckpoint(epoch: "e1", buckets: [BucketPosition(bucket: "portfolio:E1", opID: 9, checksum: 77)],
                                            lastMutationSeq: 3)

    @Test func aPageIsWrittenWithTableIndexesRawDataAndKeysOnlyForRemovals() throws {
        let ops = [SyncOp(opID: 7, op: "PUT", table: "base_customer", rowKey: "C1", data: #"["C1","某\"科技\"公司",12]"#, checksum: 42),
                   SyncOp(opID: 8, op: "PUT", table: "ind_customer_day", rowKey: "2025-01-02\u{1F}C1", data: #"["2025-01-02","C1",5]"#, checksum: 43),
                   SyncOp(opID: 9, op: "REMOVE", table: "base_customer", rowKey: "C2", data: nil, checksum: 44)]
        let sent = PullResponse(checkpoint: checkpoint, bucket: "portfolio:E1", ops: ops, after: 3, through: 12, moved: 4_000_000_000, complete: true)
        let text = String(decoding: try PullPageCodec.encode(sent), as: UTF8.self)
        #expect(text.hasSuffix(#","bucket":"portfolio:E1","after":3,"through":12,"moved":4000000000,"complete":true,"#
                               + #""tables":["base_customer","ind_customer_day"],"#
                               + #""ops":[[7,0,42,["C1","某\"科技\"公司",12]],[8,1,43,["2025-01-02","C1",5]],[9,0,44,"C2"]]}"#))

        let page = try PullPageCodec.decode(Data(text.utf8))
        #expect(page.checkpoint == checkpoint && page.bucket == "portfolio:E1" && page.complete)
        #expect(page.after == 3 && page.through == 12 && page.moved == 4_000_000_000)
        // A PUT's key is left for the replica to read from its data; everything else comes back as sent.
        #expect(page.ops == ops.map { op in
            var read = op
            if op.op == "PUT" { read.rowKey = "" }
            return read
        })
    }

    @Test func anEmptyPageAndAKeyWithEscapesComeBackTheSame() throws {
        let empty = try PullPageCodec.decode(try PullPageCodec.encode(PullResponse(checkpoint: checkpoint, bucket: nil, ops: [], complete: false)))
        #expect(empty.bucket == nil && empty.ops.isEmpty && !empty.complete)
        let key = "C\"1\u{1F}2025-01-02\\x"
        let page = try PullPageCodec.decode(try PullPageCodec.encode(PullResponse(
            checkpoint: checkpoint, bucket: "ref", ops: [SyncOp(opID: 1, op: "REMOVE", table: "app_churn", rowKey: key, data: nil, checksum: 5)],
            complete: true)))
        #expect(page.ops.first?.rowKey == key)
    }

    @Test func aPageWithWhitespaceAndUnknownMembersReadsTheSame() throws {
        let text = """
            { "checkpoint" : { "epoch" : "e1", "buckets" : [ { "bucket" : "portfolio:E1", "op_id" : 9, "checksum" : 77 } ],
                               "last_mutation_seq" : 3 },
              "bucket" : "portfolio:E1", "after" : 0, "through" : 9, "moved" : 5, "complete" : true, "added_later" : [ 1, { "a" : null } ],
              "tables" : [ "base_customer" ],
              "ops" : [ [ 7 , 0 , 42 , [ "C1" , 12 ] ] , [ 8 , 0 , 43 , "C2" ] ] }
            """
        let page = try PullPageCodec.decode(Data(text.utf8))
        #expect(page.checkpoint == checkpoint && page.through == 9 && page.moved == 5 && page.complete)
        #expect(page.ops == [SyncOp(opID: 7, op: "PUT", table: "base_customer", rowKey: "", data: #"[ "C1" , 12 ]"#, checksum: 42),
                             SyncOp(opID: 8, op: "REMOVE", table: "base_customer", rowKey: "C2", data: nil, checksum: 43)])
    }

    @Test func aPageCutAnywhereOrGarbledIsATemporaryFailure() throws {
        let ops = (1...20).map { (number: Int) -> SyncOp in
            let removed = number % 5 == 0
            let data: String? = removed ? nil : "[\"A\(number)\",\"名称,含[括号]\",\(number)]"
            return SyncOp(opID: Int64(number), op: removed ? "REMOVE" : "PUT", table: "base_account", rowKey: "A\(number)", data: data,
                          checksum: Int64(number))
        }
        let bytes = try PullPageCodec.encode(PullResponse(checkpoint: checkpoint, bucket: "portfolio:E1", ops: ops, complete: false))
        #expect(try PullPageCodec.decode(bytes).ops.count == 20)
        for cut in 0..<bytes.count {
            #expect(throws: SyncFailure.garbledAnswer) { try PullPageCodec.decode(bytes.prefix(cut)) }
        }
        for garbled in [#"{"ops":[]}"#, #"{"checkpoint":{"epoch":"e","buckets":[],"last_mutation_seq":0},"tables":[],"ops":[[1,0,1,[]]]}"#,
                        "[]", #"{"checkpoint":1}"#] {
            #expect(throws: SyncFailure.garbledAnswer) { try PullPageCodec.decode(Data(garbled.utf8)) }
        }
    }
}
