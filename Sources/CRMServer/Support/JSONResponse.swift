import CRMCore
import Foundation
import Hummingbird

extension Response {
    /// A JSON response from a ``JSONValue`` (ordered keys, exact money, as the command line prints).
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: value.rendered())))
    }
}

extension Request {
    /// Decodes the JSON body as `type`; a body that is not such JSON is a 400 naming the field at fault.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: CRMRequestContext) async throws -> T {
        var request = self
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.contentTooLarge, code: "too_large", message: "请求体过大 (the request body is too large)")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.invalid(Self.describe(error))
        }
    }

    /// Where and what: `movements[3].amount_fen: expected a number (Int64)`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce(into: "") { text, key in
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): 类型不对，应为 \(type) (expected \(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): 不能为 null，应为 \(type) (expected \(type), found null)"
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return "\(field): 缺少 (missing)"
        case .dataCorrupted(let context):
            let place = path(context.codingPath)
            return (place.isEmpty ? "" : place + ": ") + "不是有效的 JSON (not valid JSON)"
        @unknown default:
            return "请求体无法解析 (the body cannot be read)"
        }
    }
}

extension Request {
    /// The query parameter `name`, nil when absent or empty.
    func queryValue(_ name: String) -> String? {
        uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }
}
