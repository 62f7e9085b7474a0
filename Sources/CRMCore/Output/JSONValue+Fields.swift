/// Typed reading of JSON values, for data that comes back as JSON (the outbox, sync).
///
/// Each reader throws a ``JSONFieldError`` that names the field; numbers are read exactly, as scaled integers.
/// The keyed readers treat a missing key as an error, and their `optional` forms read a missing key or `null` as nil.
extension JSONValue {
    // MARK: The value itself

    /// The text of a string.
    public func stringValue() throws -> String {
        guard case .string(let text) = self else { throw JSONFieldError(.wrongType(expected: .string)) }
        return text
    }

    /// The flag of `true` or `false`.
    public func boolValue() throws -> Bool {
        guard case .bool(let flag) = self else { throw JSONFieldError(.wrongType(expected: .boolean)) }
        return flag
    }

    /// A number scaled by 10^`decimals`: `12.5` with 2 decimals is 1250. Refuses a number with more significant
    /// decimals, and one whose scaled value does not fit an Int64.
    public func scaledValue(decimals: Int) throws -> Int64 {
        let wrong = JSONFieldError(.wrongType(expected: .number(decimals: decimals)))
        let value: Int64, written: Int
        switch self {
        case .int(let number): (value, written) = (number, 0)
        case .money(let fen): (value, written) = (fen, 2)
        case .decimal(let number, let places): (value, written) = (number, places)
        default: throw wrong
        }
        if written > decimals {
            let divisor = try Self.power(written - decimals, or: wrong)
            guard value % divisor == 0 else { throw wrong }
            return value / divisor
        }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: try Self.power(decimals - written, or: wrong))
        guard !overflow else { throw wrong }
        return scaled
    }

    /// A whole number (`12` or `12.0`).
    public func int64Value() throws -> Int64 { try scaledValue(decimals: 0) }

    /// A whole number that fits an Int.
    public func intValue() throws -> Int {
        guard let number = Int(exactly: try int64Value()) else { throw JSONFieldError(.wrongType(expected: .number(decimals: 0))) }
        return number
    }

    /// The items of an array.
    public func arrayValue() throws -> [JSONValue] {
        guard case .array(let items) = self else { throw JSONFieldError(.wrongType(expected: .array)) }
        return items
    }

    /// The members of an object, in order.
    public func objectValue() throws -> [(String, JSONValue)] {
        guard case .object(let members) = self else { throw JSONFieldError(.wrongType(expected: .object)) }
        return members
    }

    // MARK: Members of an object

    /// The member `key` of this object read by `read`; an error inside `read` is reported under `key`.
    public func field<T>(_ key: String, _ read: (JSONValue) throws -> T) throws -> T {
        guard let value = try member(key) else { throw JSONFieldError(path: key, .missing) }
        return try Self.reporting(under: key) { try read(value) }
    }

    /// Like ``field(_:_:)``, but nil when the member is missing or `null`.
    public func optionalField<T>(_ key: String, _ read: (JSONValue) throws -> T) throws -> T? {
        guard let value = try member(key), value != .null else { return nil }
        return try Self.reporting(under: key) { try read(value) }
    }

    // The names differ from the cases (`string`, `bool`, `int`, `array`), which a method may not share.

    /// A string member.
    public func text(_ key: String) throws -> String { try field(key) { try $0.stringValue() } }
    /// A string member, nil when missing or `null`.
    public func optionalText(_ key: String) throws -> String? { try optionalField(key) { try $0.stringValue() } }
    /// A `true` or `false` member.
    public func boolean(_ key: String) throws -> Bool { try field(key) { try $0.boolValue() } }
    /// A whole-number member.
    public func int64(_ key: String) throws -> Int64 { try field(key) { try $0.int64Value() } }
    /// A whole-number member, nil when missing or `null`.
    public func optionalInt64(_ key: String) throws -> Int64? { try optionalField(key) { try $0.int64Value() } }
    /// A whole-number member that fits an Int.
    public func integer(_ key: String) throws -> Int { try field(key) { try $0.intValue() } }
    /// A whole-number member that fits an Int, nil when missing or `null`.
    public func optionalInteger(_ key: String) throws -> Int? { try optionalField(key) { try $0.intValue() } }

    /// A number scaled by 10^`decimals` (money in fen with 2, coordinates in millionths with 6).
    public func scaled(_ key: String, decimals: Int) throws -> Int64 { try field(key) { try $0.scaledValue(decimals: decimals) } }
    /// A scaled number, nil when missing or `null`.
    public func optionalScaled(_ key: String, decimals: Int) throws -> Int64? {
        try optionalField(key) { try $0.scaledValue(decimals: decimals) }
    }

    /// An array, each element read by `element`; an error is reported under its index (`customers[2]`).
    public func elements<T>(_ key: String, _ element: (JSONValue) throws -> T) throws -> [T] {
        try field(key) { value in
            try value.arrayValue().enumerated().map { index, item in try Self.reporting(under: "[\(index)]") { try element(item) } }
        }
    }

    /// An array of strings.
    public func strings(_ key: String) throws -> [String] { try elements(key) { try $0.stringValue() } }

    /// An object, each member read by `member` from its key and value; an error is reported under the key.
    public func members<T>(_ key: String, member: (String, JSONValue) throws -> T) throws -> [T] {
        try field(key) { value in
            try value.objectValue().map { name, item in try Self.reporting(under: name) { try member(name, item) } }
        }
    }

    /// A string of a given form, such as a date, made into a value by `make` (nil: not of that form).
    public func parsed<T>(_ key: String, form: String, _ make: (String) -> T?) throws -> T {
        try field(key) { value in
            guard let made = make(try value.stringValue()) else { throw JSONFieldError(.wrongType(expected: .form(form))) }
            return made
        }
    }

    /// A business date, `YYYY-MM-DD`.
    public func date(_ key: String) throws -> BusinessDate { try parsed(key, form: "YYYY-MM-DD") { BusinessDate($0) } }

    /// One of an enumeration's raw values.
    public func oneOf<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T where T.RawValue == String {
        try field(key) { try Self.choice(from: $0) }
    }

    /// One of an enumeration's raw values, nil when missing or `null`.
    public func optionalOneOf<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        try optionalField(key) { try Self.choice(from: $0) }
    }

    // MARK: Helpers

    /// The first member called `key`; nil when there is none. Throws when this value is not an object.
    private func member(_ key: String) throws -> JSONValue? {
        try objectValue().first { $0.0 == key }?.1
    }

    private static func reporting<T>(under segment: String, _ read: () throws -> T) throws -> T {
        do { return try read() } catch let error as JSONFieldError { throw error.within(segment) }
    }

    private static func choice<T: RawRepresentable & CaseIterable>(from value: JSONValue) throws -> T where T.RawValue == String {
        guard let choice = T(rawValue: try value.stringValue()) else {
            throw JSONFieldError(.wrongType(expected: .oneOf(T.allCases.map(\.rawValue))))
        }
        return choice
    }

    /// 10^`exponent`, or `error` when it does not fit an Int64.
    private static func power(_ exponent: Int, or error: JSONFieldError) throws -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent {
            let (next, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw error }
            result = next
        }
        return result
    }
}
