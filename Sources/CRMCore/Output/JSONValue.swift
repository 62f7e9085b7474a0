/// A JSON value with ordered object keys and exact money, for the `--json` output of every command.
///
/// Foundation's encoder neither keeps key order nor prints `1000000.00`; scripts and tests rely on both.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An amount in fen, printed as yuan with exactly two decimals.
    case money(Int64)
    /// A fixed-point number printed with the given decimals (rates, ratios).
    case decimal(Int64, decimals: Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// Compact text when `indent` is nil, else pretty-printed with that many spaces.
    public func rendered(indent: Int? = nil) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .money(let fen): out += Money.yuanText(fen)
        case .decimal(let value, let decimals): out += ScaledNumber.text(value, decimals: decimals)
        case .string(let value): JSONValue.writeString(value, into: &out)
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, into: &out, indent: indent, level: level) { index, out in
                items[index].write(into: &out, indent: indent, level: level + 1)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, into: &out, indent: indent, level: level) { index, out in
                JSONValue.writeString(members[index].0, into: &out)
                out += indent == nil ? ":" : ": "
                members[index].1.write(into: &out, indent: indent, level: level + 1)
            }
        }
    }

    private func writeContainer(open: String, close: String, count: Int, into out: inout String, indent: Int?,
                                level: Int, item: (Int, inout String) -> Void) {
        out += open
        guard count > 0 else { out += close; return }
        for index in 0..<count {
            if index > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: " ", count: indent * (level + 1)) }
            item(index, &out)
        }
        if let indent { out += "\n" + String(repeating: " ", count: indent * level) }
        out += close
    }

    private static func writeString(_ value: String, into out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
