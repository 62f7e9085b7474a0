import GRDBSQLite

/// Reads a row's op data (``SyncRowData``) straight into a prepared statement's parameters and gives back the
/// row's key, with no values built in between: a first download reads a hundred thousand rows.
///
/// Parameters 1...`columnCount` take the array's values in order; a value past them is left (a column a newer
/// schema added), a missing one is NULL. Integers stay exact Int64s; a number with a fraction or exponent is a
/// REAL; a string is text, its escapes decoded. The key is the key columns' values as SQLite's text, joined by
/// U+001F, as the server spells row keys.
public struct SyncRowBinder: Sendable {
    public let columnCount: Int
    /// For each column position, which part of the key it is, or nil.
    private let keySlots: [Int?]
    private let keyCount: Int

    /// A binder for rows of `columnCount` columns whose key columns are at `keyPositions`, in key order.
    public init(columnCount: Int, keyPositions: [Int]) {
        self.columnCount = columnCount
        var slots = [Int?](repeating: nil, count: columnCount)
        for (slot, position) in keyPositions.enumerated() where position < columnCount { slots[position] = slot }
        keySlots = slots
        keyCount = keyPositions.count
    }

    /// Binds `data` to `handle`'s parameters; returns the row key. Data that is not an array of plain values is
    /// refused with a ``SyncRowDataError``.
    public func bind(_ data: String, to handle: OpaquePointer) throws -> String {
        var data = data
        let key = data.withUTF8 { bytes -> [String]? in
            var reader = RowReader(bytes: bytes)
            return reader.bindAll(self, handle)
        }
        guard let key else { throw SyncRowDataError(data: data) }
        return key.joined(separator: String(RowKey.separator))
    }

    fileprivate func keySlot(_ position: Int) -> Int? { position < columnCount ? keySlots[position] : nil }
    fileprivate var keyParts: Int { keyCount }
}

/// One pass over the UTF-8 bytes of a JSON array of plain values.
private struct RowReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Where an escaped string is decoded.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Binds every value; nil when the text is not an array of plain values.
    mutating func bindAll(_ binder: SyncRowBinder, _ handle: OpaquePointer) -> [String]? {
        var key = [String](repeating: "", count: binder.keyParts)
        skipWhitespace()
        guard next() == UInt8(ascii: "[") else { return nil }
        var position = 0
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                let slot = binder.keySlot(position)
                guard let text = value(position < binder.columnCount ? Int32(position + 1) : nil, handle, asText: slot != nil) else { return nil }
                if let slot { key[slot] = text }
                position += 1
                skipWhitespace()
                let separator = next()
                if separator == UInt8(ascii: "]") { break }
                guard separator == UInt8(ascii: ",") else { return nil }
            }
        }
        skipWhitespace()
        guard index == bytes.count else { return nil }
        for missing in position..<max(position, binder.columnCount) { sqlite3_bind_null(handle, Int32(missing + 1)) }
        return key
    }

    /// Reads one value, binding it to `parameter` when there is one; returns its text when `asText` (a key part),
    /// else an empty string, or nil when it is not a plain value.
    private mutating func value(_ parameter: Int32?, _ handle: OpaquePointer, asText: Bool) -> String? {
        guard let first = peek() else { return nil }
        switch first {
        case UInt8(ascii: "\""):
            guard string() else { return nil }
            if let parameter {
                _ = scratch.withUnsafeBufferPointer { utf8 in
                    sqlite3_bind_text(handle, parameter, UnsafeRawPointer(utf8.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                      Int32(utf8.count), sqliteTransient)
                }
            }
            return asText ? String(decoding: scratch, as: UTF8.self) : ""
        case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"):
            for (word, number) in Self.literals where matches(word) {
                index += word.count
                if let parameter {
                    if let number { sqlite3_bind_int64(handle, parameter, number) } else { sqlite3_bind_null(handle, parameter) }
                }
                return number.map(String.init) ?? ""
            }
            return nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            guard let number = integer() else {
                // A REAL: SQLite renders it with a fraction or an exponent.
                index = start
                while let byte = peek(), Self.numberBytes.contains(byte) { index += 1 }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                guard let real = Double(text) else { return nil }
                if let parameter { sqlite3_bind_double(handle, parameter, real) }
                return text
            }
            if let parameter { sqlite3_bind_int64(handle, parameter, number) }
            return asText ? String(number) : ""
        default:
            return nil
        }
    }

    private static let literals: [([UInt8], Int64?)] = [(Array("null".utf8), nil), (Array("true".utf8), 1), (Array("false".utf8), 0)]
    private static let numberBytes: Set<UInt8> = Set("-+.eE0123456789".utf8)

    /// An integer written without fraction or exponent that fits an Int64; nil otherwise (the caller reads it again).
    private mutating func integer() -> Int64? {
        let negative = peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        var magnitude: UInt64 = 0
        var digits = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            magnitude = sum
            digits += 1
            index += 1
        }
        if let byte = peek(), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return nil }
        guard digits > 0 else { return nil }
        if negative { return magnitude <= Int64.min.magnitude ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Reads a string into `scratch`, escapes decoded; false when it is not closed or an escape is wrong.
    private mutating func string() -> Bool {
        index += 1
        scratch.removeAll(keepingCapacity: true)
        var runStart = index
        while let byte = next() {
            switch byte {
            case UInt8(ascii: "\""):
                scratch.append(contentsOf: bytes[runStart..<index - 1])
                return true
            case UInt8(ascii: "\\"):
                scratch.append(contentsOf: bytes[runStart..<index - 1])
                guard let escaped = next() else { return false }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    guard var unit = hexUnit() else { return false }
                    if (0xD800..<0xDC00).contains(unit) {
                        guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u"), let low = hexUnit(), (0xDC00..<0xE000).contains(low)
                        else { return false }
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(unit) else { return false }
                    scratch.append(contentsOf: String(Character(scalar)).utf8)
                default: return false
                }
                runStart = index
            default:
                break
            }
        }
        return false
    }

    private mutating func hexUnit() -> UInt32? {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = next(), let digit = UInt32(String(UnicodeScalar(byte)), radix: 16) else { return nil }
            unit = unit << 4 | digit
        }
        return unit
    }

    private func matches(_ word: [UInt8]) -> Bool {
        index + word.count <= bytes.count && bytes[index..<index + word.count].elementsEqual(word)
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func next() -> UInt8? {
        defer { index += 1 }
        return peek()
    }
}
