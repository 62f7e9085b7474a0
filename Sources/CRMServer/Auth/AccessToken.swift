import CRMStore
import Crypto
import Foundation

/// What a valid access token says: who, on which device, until when.
public struct AccessClaims: Sendable, Equatable {
    public let staffID: String
    public let deviceID: String
    /// Seconds since 1970-01-01T00:00:00Z.
    public let expiresAt: Int64
}

/// Issues and checks access tokens: `v1.<payload>.<mac>`, both base64url, the payload being staff id, device id and
/// expiry separated by line feeds, the MAC HMAC-SHA256 over `v1.<payload>` with the server's secret.
public struct AccessTokenSigner: Sendable {
    private let secret: Data

    /// Signs with `secret` (see `ServerSecret`).
    public init(secret: Data) {
        self.secret = secret
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// A token for the claims.
    public func issue(_ claims: AccessClaims) -> String {
        let payload = SecretToken.base64URL(Data("\(claims.staffID)\n\(claims.deviceID)\n\(claims.expiresAt)".utf8))
        let signed = "v1." + payload
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: key)
        return signed + "." + SecretToken.base64URL(Data(mac))
    }

    /// The claims of a token this server signed, nil for anything else; whether it has expired is the caller's to check.
    public func verify(_ token: String) -> AccessClaims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let mac = SecretToken.data(base64URL: parts[2]),
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data("v1.\(parts[1])".utf8), using: key),
              let payload = SecretToken.data(base64URL: parts[1]).flatMap({ String(data: $0, encoding: .utf8) })
        else { return nil }
        let fields = payload.split(separator: "\n", omittingEmptySubsequences: false)
        guard fields.count == 3, let expiry = Int64(fields[2]) else { return nil }
        return AccessClaims(staffID: String(fields[0]), deviceID: String(fields[1]), expiresAt: expiry)
    }
}
