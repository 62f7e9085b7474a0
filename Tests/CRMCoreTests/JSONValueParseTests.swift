import Testing
@testable import CRMCore

/// JSON text back into a JSONValue: exact numbers, every string, clear errors; and the typed field readers.
@Suite struct JSONValueParseTests {
    @Test func integersRoundTripExactlyAcrossTheWholeInt64Range() throws {
        for value: Int64 in [0, 1, -1, 1 << 53, (1 << 53) + 1, -((1 << 53) + 1), 9_007_199_254_740_993, .max, .min] {
            #expect(try JSONValue.parse(String(value)) == .int(value))
            #expect(try JSONValue.parse(String(value)).int64Value() == value)
            #expect(try JSONValue.parse(JSONValue.money(value).rendered()).scaledValue(decimals: 2) == value, "fen \(value)")
        }
        #expect(throws: JSONParseError.self) { try JSONValue.parse("9223372036854775808") }
        #expect(throws: JSONParseError.self) { try JSONValue.parse("-9223372036854775809") }
        #expect(throws: JSONParseError.self, "exact or refused, never rounded") { try JSONValue.parse("0.1234567890123456789") }
    }

    @Test func decimalsKeepTheirWrittenPlaces() throws {
        #expect(try JSONValue.parse("1234.50").rendered() == "1234.50")
        #expect(try JSONValue.parse("-0.05") == .money(-5))
        #expect(try JSONValue.parse("1.5e3") == .int(1_500))
        #expect(try JSONValue.parse("25E-2") == .decimal(25, decimals: 2))
        #expect(try JSONValue.parse("1.0000000000000000000") == .decimal(1_000_000_000_000_000_000, decimals: 18),
                "a trailing zero past 18 places folds away")
        #expect(try JSONValue.parse("12.0").int64Value() == 12)
        #expect(throws: JSONFieldError(.wrongType(expected: .number(decimals: 0)))) { try JSONValue.parse("12.5").int64Value() }
        #expect(try JSONValue.parse("31.230416").scaledValue(decimals: 6) == 31_230_416)
        #expect(throws: JSONFieldError(.wrongType(expected: .number(decimals: 2))), "overflow when scaled") {
            try JSONValue.int(.max / 10).scaledValue(decimals: 2)
        }
    }

    @Test func stringsObjectsAndArraysComeBackAsRendered() throws {
        let value = JSONValue.object([
            ("名称", .string("华信“宏达”\n\t\"引号\" \\ 😀 \u{1} é")), ("flags", .array([.bool(true), .bool(false), .null])),
            ("empty", .object([])), ("list", .array([])), ("nested", .object([("a", .array([.object([("b", .money(-123_45))])]))])),
        ])
        #expect(try JSONValue.parse(value.rendered()).rendered() == value.rendered())
        #expect(try JSONValue.parse(value.rendered(indent: 2)).rendered() == value.rendered(), "whitespace between tokens")
        #expect(try JSONValue.parse(#""\ud83d\ude00 \u4e2d\/""#) == .string("😀 中/"))
        #expect(try JSONValue.parse(#"{"b":1,"a":2}"#).objectValue().map(\.0) == ["b", "a"], "keys keep their order")
    }

    @Test func badTextSaysWhatAndWhere() {
        let cases: [(String, JSONParseError)] = [
            ("[1,]", JSONParseError(line: 1, column: 4, reason: "unexpected character")),
            ("{\"a\":1,\n  \"a\":2}", JSONParseError(line: 2, column: 3, reason: "the key \"a\" appears twice")),
            ("012", JSONParseError(line: 1, column: 2, reason: "a number cannot start with 0")),
            ("\"\\ud800x\"", JSONParseError(line: 1, column: 8, reason: "a high surrogate without its low half")),
            ("\"中文\u{1}\"", JSONParseError(line: 1, column: 4, reason: "control character in a string")),
            ("true false", JSONParseError(line: 1, column: 6, reason: "unexpected text after the value")),
            ("{\"a\" 1}", JSONParseError(line: 1, column: 6, reason: "expected :")),
            ("", JSONParseError(line: 1, column: 1, reason: "unexpected end of text")),
            ("[1.]", JSONParseError(line: 1, column: 4, reason: "expected a digit after the decimal point")),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try JSONValue.parse(text) }
        }
        #expect(throws: JSONParseError(line: 1, column: 257, reason: "nested deeper than 256 levels")) {
            try JSONValue.parse(String(repeating: "[", count: 300))
        }
        #expect(JSONParseError(line: 2, column: 3, reason: "expected :").description == "第 2 行第 3 列：JSON 无效 (line 2, column 3: expected :)")
    }

    @Test func fieldReadersNameTheFieldFromTheTop() throws {
        let value = try JSONValue.parse(#"{"id":"x","rows":[{"n":1},{"n":"2"}],"map":{"k":true},"gone":null,"day":"2025-02-29"}"#)
        #expect(try value.text("id") == "x")
        #expect(try value.optionalText("gone") == nil)
        #expect(try value.optionalText("absent") == nil)
        #expect(throws: JSONFieldError(path: "absent", .missing)) { try value.text("absent") }
        #expect(throws: JSONFieldError(path: "gone", .wrongType(expected: .string))) { try value.text("gone") }
        #expect(throws: JSONFieldError(path: "rows[1].n", .wrongType(expected: .number(decimals: 0)))) {
            try value.elements("rows") { try $0.integer("n") }
        }
        #expect(throws: JSONFieldError(path: "map.k", .wrongType(expected: .string))) {
            try value.members("map") { _, item in try item.stringValue() }
        }
        #expect(throws: JSONFieldError(path: "day", .wrongType(expected: .form("YYYY-MM-DD")))) { try value.date("day") }
        #expect(JSONFieldError(path: "rows[1].n", .missing).description == "字段 rows[1].n 缺失 (field rows[1].n is missing)")
    }
}
