extension JSONValue {
    /// Reads JSON text, keeping every number exact.
    ///
    /// A number without a fraction or exponent becomes ``int(_:)``; one with a fraction becomes
    /// ``decimal(_:decimals:)`` with as many decimals as were written, so `1234.50` renders back as `1234.50` and a
    /// ``money(_:)`` amount reads back as the same fen. An exponent is folded in (`1.5e3` is `int(1500)`). Every
    /// Int64 round-trips exactly, far beyond the 2^53 where a Double (Foundation's JSONSerialization) would round;
    /// a number whose digits do not fit an Int64, or that needs more than 18 decimals, is refused rather than
    /// rounded. Object keys keep their order; a key given twice in one object, nesting deeper than 256 levels and
    /// anything after the value are refused, with a ``JSONParseError`` giving the line and column.
    public static func parse(_ text: String) throws -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        return try parser.document()
    }
}

/// A recursive-descent reader over UTF-8 bytes, per RFC 8259.
private struct JSONParser {
    private static let maximumDepth = 256
    /// The most decimals a parsed number keeps: 10^18 still fits the renderer's unsigned arithmetic.
    private static let maximumDecimals = 18

    let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws -> JSONValue {
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected text after the value") }
        return value
    }

    private mutating func value() throws -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw failure("unexpected end of text") }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
            guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
            defer { depth -= 1 }
            return byte == UInt8(ascii: "{") ? try object() : try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected character")
        }
    }

    private mutating func object() throws -> JSONValue {
        index += 1
        var members: [(String, JSONValue)] = []
        var keys = Set<String>()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
            let keyStart = index
            let key = try string()
            guard keys.insert(key).inserted else { index = keyStart; throw failure("the key \"\(key)\" appears twice") }
            skipWhitespace()
            try expect(":")
            members.append((key, try value()))
            skipWhitespace()
            if try separatorEnds(closing: "}") { return .object(members) }
        }
    }

    private mutating func array() throws -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            items.append(try value())
            skipWhitespace()
            if try separatorEnds(closing: "]") { return .array(items) }
        }
    }

    /// After a member: true at the closing bracket, false at a comma; anything else is an error.
    private mutating func separatorEnds(closing: Unicode.Scalar) throws -> Bool {
        guard let byte = peek(), byte == UInt8(ascii: ",") || byte == UInt8(ascii: closing) else {
            throw failure("expected , or \(closing)")
        }
        index += 1
        return byte == UInt8(ascii: closing)
    }

    private mutating func string() throws -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        while true {
            guard let byte = peek() else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                scalars.append(contentsOf: String(decoding: bytes[runStart..<index], as: UTF8.self).unicodeScalars)
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                scalars.append(contentsOf: String(decoding: bytes[runStart..<index], as: UTF8.self).unicodeScalars)
                scalars.append(try escape())
                runStart = index
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                index += 1
            }
        }
    }

    private mutating func escape() throws -> Unicode.Scalar {
        index += 1
        guard let byte = peek() else { throw failure("unterminated string") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            if (0xD800..<0xDC00).contains(unit) {
                guard peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("a high surrogate without its low half")
                }
                index += 2
                let low = try hexUnit()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("a high surrogate without its low half") }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(unit) else { throw failure("a lone low surrogate") }
            return scalar
        default:
            index -= 1
            throw failure("unknown escape")
        }
    }

    private mutating func hexUnit() throws -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexDigit(byte) else { throw failure("expected four hex digits after \\u") }
            unit = unit << 4 | digit
            index += 1
        }
        return unit
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, read as an exact scaled integer.
    private mutating func number() throws -> JSONValue {
        let start = index
        let negative = peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        var magnitude: UInt64 = 0
        var overflow = false
        func accumulate(_ byte: UInt8) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            magnitude = sum
            overflow = overflow || o1 || o2
        }
        guard let first = peek(), Self.isDigit(first) else { throw failure("expected a digit") }
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = peek(), Self.isDigit(next) { throw failure("a number cannot start with 0") }
        } else {
            while let byte = peek(), Self.isDigit(byte) { accumulate(byte); index += 1 }
        }
        var decimals = 0
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard let byte = peek(), Self.isDigit(byte) else { throw failure("expected a digit after the decimal point") }
            while let byte = peek(), Self.isDigit(byte) { accumulate(byte); decimals += 1; index += 1 }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                index += 1
            }
            guard let digit = peek(), Self.isDigit(digit) else { throw failure("expected a digit in the exponent") }
            var exponent = 0
            while let byte = peek(), Self.isDigit(byte) {
                exponent = min(exponent * 10 + Int(byte - UInt8(ascii: "0")), 10_000)
                index += 1
            }
            decimals += exponentNegative ? exponent : -exponent
        }
        func outOfRange() -> JSONParseError {
            failure("the number does not fit a 64-bit integer with at most \(Self.maximumDecimals) decimals", at: start)
        }
        guard !overflow else { throw outOfRange() }
        while decimals < 0 {
            let (scaled, o) = magnitude.multipliedReportingOverflow(by: 10)
            guard !o else { throw outOfRange() }
            magnitude = scaled
            decimals += 1
        }
        while decimals > Self.maximumDecimals, magnitude % 10 == 0 {
            magnitude /= 10
            decimals -= 1
        }
        guard decimals <= Self.maximumDecimals else { throw outOfRange() }
        let value: Int64
        if negative {
            guard magnitude <= Int64.min.magnitude else { throw outOfRange() }
            value = magnitude == Int64.min.magnitude ? Int64.min : -Int64(magnitude)
        } else {
            guard magnitude <= UInt64(Int64.max) else { throw outOfRange() }
            value = Int64(magnitude)
        }
        return decimals == 0 ? .int(value) : .decimal(value, decimals: decimals)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private mutating func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard peek() == expected else { throw failure("expected \(word)") }
            index += 1
        }
    }

    private mutating func expect(_ character: Unicode.Scalar) throws {
        guard peek() == UInt8(ascii: character) else { throw failure("expected \(character)") }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// An error at `offset` (the current position unless given), with its line and column.
    private func failure(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? index, bytes.count)
        let before = bytes[..<offset]
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return JSONParseError(line: line, column: column, reason: reason)
    }
}
