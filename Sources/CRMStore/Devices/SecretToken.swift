import Crypto
import Foundation

/// Random bearer secrets (refresh tokens, service tokens) and the one-way form they are stored in.
public enum SecretToken {
    /// 32 random bytes from the system's secure generator, base64url without padding, after `prefix`.
    public static func make(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + base64URL(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    /// The SHA-256 of a token as lowercase hex: what the database keeps instead of the token.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Base64url (RFC 4648 section 5) without padding.
    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url without padding; nil when the text is not base64url.
    public static func data(base64URL text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
