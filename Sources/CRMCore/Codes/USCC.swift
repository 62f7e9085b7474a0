/// The unified social credit code (统一社会信用代码, GB 32100): 18 characters with a check character.
public enum USCC {
    /// The 31 characters of the code, in value order (no I, O, S, V, Z).
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    /// Weights of positions 1 to 17.
    public static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    private static let valueOfByte: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    /// The check character for the first 17 characters, or nil when one of them is not in the alphabet.
    public static func checkCharacter(forFirst17 body: some Collection<UInt8>) -> UInt8? {
        guard body.count == 17 else { return nil }
        var sum = 0
        for (index, byte) in body.enumerated() {
            let value = Int(valueOfByte[Int(byte)])
            guard value >= 0 else { return nil }
            sum += value * weights[index]
        }
        let check = (31 - sum % 31) % 31
        return alphabet[check]
    }

    /// True when `code` is 18 characters of the alphabet with the right check character.
    public static func isValid(_ code: some StringProtocol) -> Bool {
        isValid(bytes: Array(code.utf8))
    }

    public static func isValid(bytes: [UInt8]) -> Bool {
        guard bytes.count == 18, let check = checkCharacter(forFirst17: bytes[0..<17]) else { return false }
        return check == bytes[17]
    }

    /// Builds a valid code from its parts: registering authority and kind (e.g. `91` for a company),
    /// the 6-digit region code, and a 9-character organisation code body (characters of the alphabet).
    public static func make(prefix: String, region: String, organisation: String) -> String? {
        let body = Array((prefix + region + organisation).utf8)
        guard let check = checkCharacter(forFirst17: body) else { return nil }
        return String(decoding: body + [check], as: UTF8.self)
    }
}
