import CRMCore
import Foundation

/// The JSON of a pull page, written and read by hand because ops carry their row data as JSON already.
///
/// ```
/// {"checkpoint":{…},"bucket":"portfolio:E010005","after":80,"through":82,"moved":0,"complete":false,
///  "tables":["base_customer","base_account"],
///  "ops":[[81,0,2740512011,["8010000005","某某公司",…]],[82,1,90210344,"6222001\u001f2025-01-01"]]}
/// ```
///
/// An op is `[op_id, table, checksum, row]`: `table` indexes the page's `tables`; `row` is the row's data (a
/// ``SyncRowData`` array) for a PUT, and only the row key, as a string, for a REMOVE. A PUT's key is in its data,
/// so it is not sent: the replica reads it from the key columns (``ReplicaTableShape``). Written by hand, the
/// data goes out as the JSON array SQLite rendered rather than as a string escaping it, and the reader keeps its
/// exact text, which the op's checksum covers. Together with the table index and the PUT's missing key, a page
/// is about a third smaller than as Codable arrays, and is read several times faster. MOVEs (ops the log has
/// compacted away) are not sent: `moved` is the sum of the checksums of those between `after` and `through`.
public enum PullPageCodec {
    /// The page's JSON.
    public static func encode(_ page: PullResponse) throws -> Data {
        var tables: [String] = []
        var tableIndex: [String: Int] = [:]
        for op in page.ops where tableIndex[op.table] == nil {
            tableIndex[op.table] = tables.count
            tables.append(op.table)
        }
        var out = Data()
        out.reserveCapacity(64 + page.ops.reduce(0) { $0 + 32 + ($1.data?.utf8.count ?? $1.rowKey.utf8.count) })
        out.append(contentsOf: #"{"checkpoint":"#.utf8)
        out.append(try JSONEncoder().encode(page.checkpoint))
        out.append(contentsOf: #","bucket":"#.utf8)
        out.append(contentsOf: (page.bucket.map { JSONValue.string($0) } ?? .null).rendered().utf8)
        out.append(contentsOf: #","after":\#(page.after),"through":\#(page.through),"moved":\#(page.moved)"#.utf8)
        out.append(contentsOf: (page.complete ? #","complete":true"# : #","complete":false"#).utf8)
        out.append(contentsOf: #","tables":"#.utf8)
        out.append(contentsOf: JSONValue.array(tables.map { .string($0) }).rendered().utf8)
        out.append(contentsOf: #","ops":["#.utf8)
        for (position, op) in page.ops.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "[\(op.opID),\(tableIndex[op.table] ?? 0),\(op.checksum),".utf8)
            if op.op == "PUT", let data = op.data {
                out.append(contentsOf: data.utf8)
            } else {
                out.append(contentsOf: JSONValue.string(op.rowKey).rendered().utf8)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// Reads a page. A PUT comes back with an empty row key, for the replica to read from its data. A page cut
    /// short or garbled on the way is a temporary ``SyncFailure`` (the request is sent again).
    public static func decode(_ data: Data) throws -> PullResponse {
        do {
            return try data.withUnsafeBytes { raw in
                var reader = PageReader(bytes: raw.bindMemory(to: UInt8.self))
                return try reader.page()
            }
        } catch is PageReader.Malformed, is DecodingError {
            throw SyncFailure.garbledAnswer
        }
    }
}

/// A forward-only reader of the page layout above over UTF-8 bytes. Members it does not know are skipped, so a
/// newer server may add some.
private struct PageReader {
    struct Malformed: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func page() throws -> PullResponse {
        var checkpoint: SyncCheckpoint?
        var bucket: String?
        var complete = false
        var (after, through, moved): (Int64, Int64?, Int64) = (0, nil, 0)
        var tables: [String] = []
        var ops: [(opID: Int64, table: Int, checksum: Int64, row: String, isData: Bool)] = []
        try expect("{")
        repeat {
            let key = try string()
            try expect(":")
            switch key {
            case "checkpoint": checkpoint = try JSONDecoder().decode(SyncCheckpoint.self, from: Data(rawValue()))
            case "bucket": bucket = try nextValue() == UInt8(ascii: "n") ? literal("null", nil) : string()
            case "complete": complete = try nextValue() == UInt8(ascii: "t") ? literal("true", true) : literal("false", false)
            case "after": after = try integer()
            case "through": through = try integer()
            case "moved": moved = try integer()
            case "tables": tables = try JSONDecoder().decode([String].self, from: Data(rawValue()))
            case "ops":
                try expect("[")
                if try nextValue() == UInt8(ascii: "]") {
                    index += 1
                } else {
                    repeat {
                        try expect("[")
                        let opID = try integer()
                        try expect(",")
                        let table = Int(try integer())
                        try expect(",")
                        let checksum = try integer()
                        try expect(",")
                        let isData = try nextValue() == UInt8(ascii: "[")
                        let row = isData ? String(decoding: try rawValue(), as: UTF8.self) : try string()
                        try expect("]")
                        ops.append((opID, table, checksum, row, isData))
                    } while try !closes("]")
                }
            default: _ = try rawValue()
            }
        } while try !closes("}")
        skipWhitespace()
        guard index == bytes.count, let checkpoint else { throw Malformed() }
        return PullResponse(checkpoint: checkpoint, bucket: bucket, ops: try ops.map { op in
            guard tables.indices.contains(op.table) else { throw Malformed() }
            return op.isData
                ? SyncOp(opID: op.opID, op: "PUT", table: tables[op.table], rowKey: "", data: op.row, checksum: op.checksum)
                : SyncOp(opID: op.opID, op: "REMOVE", table: tables[op.table], rowKey: op.row, data: nil, checksum: op.checksum)
        }, after: after, through: through, moved: moved, complete: complete)
    }

    /// After a member: true at `closing`, false at a comma.
    private mutating func closes(_ closing: Unicode.Scalar) throws -> Bool {
        skipWhitespace()
        let byte = try peek()
        guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: closing) else { throw Malformed() }
        index += 1
        return byte == UInt8(ascii: closing)
    }

    private mutating func integer() throws -> Int64 {
        skipWhitespace()
        let negative = try peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        var value: Int64 = 0
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw Malformed() }
            value = sum
            index += 1
        }
        guard index > start else { throw Malformed() }
        return negative ? -value : value
    }

    /// A string; one with escapes is read by the exact JSON parser.
    private mutating func string() throws -> String {
        skipWhitespace()
        guard try peek() == UInt8(ascii: "\"") else { throw Malformed() }
        let start = index
        let value = try rawValue()
        guard value.contains(UInt8(ascii: "\\")) else { return String(decoding: value.dropFirst().dropLast(), as: UTF8.self) }
        guard case .string(let text) = try JSONValue.parse(String(decoding: value, as: UTF8.self)) else {
            index = start
            throw Malformed()
        }
        return text
    }

    private mutating func literal<T>(_ word: String, _ value: T) throws -> T {
        skipWhitespace()
        for expected in word.utf8 {
            guard try peek() == expected else { throw Malformed() }
            index += 1
        }
        return value
    }

    /// The exact bytes of the next value, of any kind, checked only for balanced brackets and closed strings
    /// (the data's own reader checks the rest).
    private mutating func rawValue() throws -> UnsafeBufferPointer<UInt8>.SubSequence {
        skipWhitespace()
        let start = index
        var depth = 0
        repeat {
            switch try peek() {
            case UInt8(ascii: "\""):
                index += 1
                while try peek() != UInt8(ascii: "\"") { index += try peek() == UInt8(ascii: "\\") ? 2 : 1 }
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { throw Malformed() }
            default:
                // A number or literal runs to the next separator.
                if depth == 0 {
                    while index < bytes.count, !Self.separators.contains(bytes[index]) { index += 1 }
                    return bytes[start..<index]
                }
            }
            guard depth >= 0 else { throw Malformed() }
            index += 1
        } while depth > 0
        return bytes[start..<index]
    }

    private static let separators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "]"), UInt8(ascii: "}"),
                                                 0x20, 0x09, 0x0A, 0x0D]

    private mutating func expect(_ character: Unicode.Scalar) throws {
        skipWhitespace()
        guard try peek() == UInt8(ascii: character) else { throw Malformed() }
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// The first byte of the next value, after any whitespace.
    private mutating func nextValue() throws -> UInt8 {
        skipWhitespace()
        return try peek()
    }

    private func peek() throws -> UInt8 {
        guard index < bytes.count else { throw Malformed() }
        return bytes[index]
    }
}
