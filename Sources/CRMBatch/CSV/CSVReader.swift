/// A fast RFC 4180 reader over a UTF-8 byte buffer.
///
/// Fields are byte ranges into the buffer; a quoted field that contains doubled quotes is unescaped on demand.
/// Quoted fields may hold commas, quotes and line breaks; CRLF and LF both end a record; blank lines are skipped.
/// Each record knows the line it starts on (the header is line 1), which is what reject messages name.
public struct CSVReader {
    /// One field of the current record.
    public struct Field {
        public var start: Int
        public var end: Int
        /// True when the field was quoted and contains doubled quotes that must be collapsed.
        public var hasEscapedQuotes: Bool
    }

    /// A record that could not be read.
    public enum RecordError: Error, Equatable {
        case unterminatedQuote
    }

    private let bytes: [UInt8]
    private var position: Int
    private var line = 1

    /// The line on which the current record starts.
    public private(set) var recordLine = 0
    /// The fields of the current record.
    public private(set) var fields: [Field] = []

    /// Reads `bytes`, skipping a UTF-8 byte-order mark.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        fields.reserveCapacity(32)
    }

    /// The byte offset where the current record starts, and the offset after it.
    public private(set) var recordRange: Range<Int> = 0..<0

    /// Advances to the next record. Returns false at the end of the input; throws for a quote that is never
    /// closed, which swallows the rest of the input (there is no telling where the record was meant to end).
    public mutating func next() throws -> Bool {
        fields.removeAll(keepingCapacity: true)
        // Skip blank lines between records.
        while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
        guard position < bytes.count else { return false }
        recordLine = line
        let recordStart = position
        defer { recordRange = recordStart..<position }
        let data = bytes
        return try data.withUnsafeBufferPointer { buffer in
            var i = position
            let count = buffer.count
            while true {
                if i < count, buffer[i] == 0x22 {
                    // Quoted field.
                    let start = i + 1
                    var j = start
                    var escaped = false
                    var closed = false
                    while j < count {
                        let byte = buffer[j]
                        if byte == 0x22 {
                            if j + 1 < count, buffer[j + 1] == 0x22 { escaped = true; j += 2; continue }
                            closed = true
                            break
                        }
                        if byte == 0x0A { line += 1 }
                        j += 1
                    }
                    guard closed else {
                        position = count
                        throw RecordError.unterminatedQuote
                    }
                    fields.append(Field(start: start, end: j, hasEscapedQuotes: escaped))
                    i = j + 1
                    // Anything between the closing quote and the delimiter is kept out, as RFC 4180 allows nothing there.
                    while i < count, buffer[i] != 0x2C, buffer[i] != 0x0A, buffer[i] != 0x0D { i += 1 }
                } else {
                    let start = i
                    while i < count {
                        let byte = buffer[i]
                        if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                        i += 1
                    }
                    fields.append(Field(start: start, end: i, hasEscapedQuotes: false))
                }
                if i >= count { position = count; return true }
                let byte = buffer[i]
                if byte == 0x2C {
                    i += 1
                    if i >= count {
                        fields.append(Field(start: i, end: i, hasEscapedQuotes: false))
                        position = i
                        return true
                    }
                    continue
                }
                // End of record: CR, LF or CRLF.
                if byte == 0x0D { i += 1; if i < count, buffer[i] == 0x0A { i += 1 } } else { i += 1 }
                line += 1
                position = i
                return true
            }
        }
    }

    /// Calls `body` with the raw bytes of field `index` (quotes collapsed).
    @inline(__always)
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let field = fields[index]
        if field.hasEscapedQuotes {
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(field.end - field.start)
            var i = field.start
            while i < field.end {
                unescaped.append(bytes[i])
                i += bytes[i] == 0x22 ? 2 : 1
            }
            return try unescaped.withUnsafeBufferPointer(body)
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[field.start..<field.end]))
        }
    }

    /// The text of field `index`.
    public func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The whole current record as it stands in the file, for the rejects table.
    public var recordText: String {
        var end = recordRange.upperBound
        while end > recordRange.lowerBound, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[recordRange.lowerBound..<end], as: UTF8.self)
    }

    /// Counts the data records after the header (what a manifest's `rows` means).
    public static func countDataRecords(_ bytes: [UInt8]) -> Int {
        var reader = CSVReader(bytes: bytes)
        var records = 0
        while true {
            do {
                guard try reader.next() else { break }
                records += 1
            } catch {
                records += 1
            }
        }
        return max(0, records - 1)
    }
}
