import CRMCore
import CRMStore
import GRDB
import Hummingbird

/// Turns `Authorization: Bearer <token>` into the request's ``Principal``: an access token (signed by this server,
/// not expired, its device neither revoked nor re-bound) gives the member of staff with their permissions of now;
/// a service token (`crms_...`) gives the service. Anything else is 401, with a code saying why.
public struct BearerAuthenticator: RouterMiddleware {
    public typealias Context = CRMRequestContext

    private let server: ServerEnvironment

    public init(server: ServerEnvironment) {
        self.server = server
    }

    /// Sets the principal and passes the request on, or refuses it with 401.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "), header.count > 7 else {
            throw APIError.unauthenticated("unauthenticated", "缺少访问令牌 (missing Authorization: Bearer token)")
        }
        let token = String(header.dropFirst(7))
        let principal = try principal(for: token)
        var context = context
        context.principal = principal
        context.logNote.principal = principal.logName
        return try await next(request, context)
    }

    private func principal(for token: String) throws -> Principal {
        let invalid = APIError.unauthenticated("invalid_token", "访问令牌无效 (the access token is not valid)")
        if token.hasPrefix("crms_") {
            guard let service = try server.read({ try ServiceTokens.service($0, token: token) }) else { throw invalid }
            return .service(service)
        }
        guard let claims = server.signer.verify(token) else { throw invalid }
        guard claims.expiresAt > server.clock.now() else {
            throw APIError.unauthenticated("token_expired", "访问令牌已过期，请刷新 (the access token has expired: refresh it)")
        }
        let permissions = server.permissions
        return try server.read { db in
            let status = try DeviceRegistry.status(db, deviceID: claims.deviceID)
            if status == .revoked { throw APIError.deviceRevoked(claims.deviceID) }
            guard status == .active(staffID: claims.staffID) else { throw invalid }
            // An administrator's lock takes effect at once, not when the access token expires.
            if try DeviceRegistry.isLockedByAdministrator(db, staffID: claims.staffID) { throw APIError.accountLocked(claims.staffID) }
            guard let profile = try StaffDirectory.profile(db, staffID: claims.staffID) else { throw invalid }
            return .staff(StaffPrincipal(profile: profile, deviceID: claims.deviceID, permissions: try permissions.permissions(db, of: profile)))
        }
    }
}

extension APIError {
    /// 401 `device_revoked`: the client must wipe its replica.
    static func deviceRevoked(_ deviceID: String) -> APIError {
        .unauthenticated("device_revoked", DeviceError.revoked(deviceID).description)
    }

    /// 401 `account_locked`: an administrator locked the account; the client keeps its data and waits.
    static func accountLocked(_ staffID: String) -> APIError {
        .unauthenticated("account_locked", DeviceError.accountLocked(staffID).description)
    }
}
