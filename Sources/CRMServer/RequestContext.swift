import CRMStore
import Foundation
import Hummingbird

/// Who is making a request, once the bearer token has been checked.
public enum Principal: Sendable, Equatable {
    /// A member of staff signed in on a device.
    case staff(StaffPrincipal)
    /// Another system (core banking) with a service token, by its name.
    case service(String)

    /// How the request log names the principal: `staff R1 device laptop-7` or `service core-banking`.
    public var logName: String {
        switch self {
        case .staff(let staff): return "staff \(staff.profile.staffID) device \(staff.deviceID)"
        case .service(let name): return "service \(name)"
        }
    }
}

/// A signed-in member of staff: the profile, the device the access token was issued to, and the permissions
/// (`ui.customerSearch` ...) their roles hold now.
public struct StaffPrincipal: Sendable, Equatable {
    public let profile: StaffProfile
    public let deviceID: String
    public let permissions: Set<String>

    public init(profile: StaffProfile, deviceID: String, permissions: Set<String>) {
        self.profile = profile
        self.deviceID = deviceID
        self.permissions = permissions
    }

    /// The customers and org nodes this member of staff may see.
    public var scope: DataScope { DataScope(profile: profile) }
}

/// The request context of every route: Hummingbird's core storage plus the principal that ``BearerAuthenticator``
/// found. Routes behind the authenticator read it with ``requireStaff(permission:)`` or ``requireService()``.
public struct CRMRequestContext: RequestContext {
    /// Hummingbird's own per-request storage (logger, route parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// Set by ``BearerAuthenticator``; nil on routes without authentication.
    public var principal: Principal?
    /// Shared with the request log, which runs outside the authenticator and so cannot see `principal`.
    let logNote: RequestLogNote

    /// A context with no principal yet, as Hummingbird makes one per request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        principal = nil
        logNote = RequestLogNote()
    }

    /// Request bodies of up to 4 MiB (an ingest request of 1,000 movements is about 200 KiB).
    public var maxUploadSize: Int { 4 * 1024 * 1024 }

    /// The signed-in member of staff, refused with 403 unless they hold `permission` (nil: any staff member).
    public func requireStaff(permission: String?) throws -> StaffPrincipal {
        guard case .staff(let staff) = principal else { throw APIError.forbidden("此功能仅限已登录的员工 (only signed-in staff may do this)") }
        if let permission, !staff.permissions.contains(permission) {
            throw APIError.forbidden("缺少权限：\(permission) (missing permission: \(permission))")
        }
        return staff
    }

    /// The service principal, refused with 403 for staff.
    public func requireService() throws -> String {
        guard case .service(let name) = principal else { throw APIError.forbidden("此接口仅限服务令牌调用 (only a service token may call this route)") }
        return name
    }
}

/// What the authenticator tells the request log about the principal of one request.
final class RequestLogNote: @unchecked Sendable {
    private let lock = NSLock()
    private var name = "-"

    var principal: String {
        get { lock.withLock { name } }
        set { lock.withLock { name = newValue } }
    }
}
