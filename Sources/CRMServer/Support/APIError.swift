import CRMCore
import Hummingbird

/// A refusal with a status, a stable code for programs and a message for people (Chinese and English):
/// `{"error": "device_revoked", "message": "..."}`.
public struct APIError: Error, HTTPResponseError, Equatable {
    public let status: HTTPResponse.Status
    /// Stable, for clients to act on: `unauthenticated`, `token_expired`, `device_revoked`, `forbidden`, `not_found`,
    /// `invalid_request` ...
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// 400: the request itself is wrong; the message says what and where.
    public static func invalid(_ message: String) -> APIError { APIError(.badRequest, code: "invalid_request", message: message) }

    /// 401 with a code saying why (no token, a bad one, an expired one).
    public static func unauthenticated(_ code: String, _ message: String) -> APIError { APIError(.unauthorized, code: code, message: message) }

    /// 403: authenticated, but not allowed.
    public static func forbidden(_ message: String) -> APIError { APIError(.forbidden, code: "forbidden", message: message) }

    /// 404 for a customer that is unknown or outside the caller's scope: both read the same.
    public static let customerNotFound = APIError(.notFound, code: "not_found",
                                                  message: "没有此客户，或不在您的客户范围内 (no such customer among those you may see)")

    /// The JSON body.
    public var json: JSONValue { .object([("error", .string(code)), ("message", .string(message))]) }

    /// The error as its JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(json, status: status)
    }
}
