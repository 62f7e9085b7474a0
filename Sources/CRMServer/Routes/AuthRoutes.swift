import CRMCore
import CRMStore
import Hummingbird

/// `POST /auth/sign-in`, `POST /auth/refresh`, `POST /auth/password`: passwords are checked by the accounts
/// (bcrypt, lockout, audit) exactly as the terminal UI does; a device gets a short-lived access token and a
/// device-bound refresh token that every refresh replaces.
struct AuthRoutes {
    let server: ServerEnvironment

    struct SignInBody: Decodable {
        let staff_id: String
        let password: String
        let device_id: String
        let device_name: String
    }

    struct RefreshBody: Decodable {
        let device_id: String
        let refresh_token: String
    }

    struct PasswordBody: Decodable {
        let staff_id: String
        let current_password: String
        let new_password: String
    }

    func register(on router: Router<CRMRequestContext>) {
        router.post("/auth/sign-in") { request, context in try await signIn(request, context) }
        router.post("/auth/refresh") { request, context in try await refresh(request, context) }
        router.post("/auth/password") { request, context in try await changePassword(request, context) }
    }

    private func signIn(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(SignInBody.self, context: context)
        let server = self.server
        let signedIn: SignedIn
        do {
            signedIn = try await offloaded {
                try Accounts(database: server.database, clock: server.clock, machine: server.machine)
                    .signIn(staffID: body.staff_id, password: body.password)
            }
        } catch let error as AccountError {
            switch error {
            case .locked: throw APIError.unauthenticated("account_locked", error.description)
            default: throw APIError.unauthenticated("wrong_credentials", error.description)
            }
        }
        guard !signedIn.mustChangePassword else {
            throw APIError(.forbidden, code: "password_change_required",
                           message: "须先修改密码（POST /auth/password） (the password must be changed first: POST /auth/password)")
        }
        let refreshToken = try await deviceCall {
            try DeviceRegistry(database: server.database, clock: server.clock, machine: server.machine)
                .register(deviceID: body.device_id, name: body.device_name, staffID: signedIn.profile.staffID)
        }
        context.logNote.principal = "staff \(signedIn.profile.staffID) device \(body.device_id)"
        return try await tokens(for: signedIn.profile, deviceID: body.device_id, refreshToken: refreshToken)
    }

    private func refresh(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(RefreshBody.self, context: context)
        let server = self.server
        let validDays = try server.read { try Settings.read($0).refreshTokenDays }
        let refreshed = try await deviceCall {
            try DeviceRegistry(database: server.database, clock: server.clock, machine: server.machine)
                .refresh(deviceID: body.device_id, refreshToken: body.refresh_token, validDays: validDays)
        }
        guard let profile = try server.read({ try StaffDirectory.profile($0, staffID: refreshed.staffID) }) else {
            throw APIError.unauthenticated("invalid_refresh_token", DeviceError.invalidRefresh.description)
        }
        context.logNote.principal = "staff \(profile.staffID) device \(body.device_id)"
        return try await tokens(for: profile, deviceID: body.device_id, refreshToken: refreshed.refreshToken)
    }

    private func changePassword(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(PasswordBody.self, context: context)
        let server = self.server
        do {
            try await offloaded {
                try Accounts(database: server.database, clock: server.clock, machine: server.machine)
                    .changePassword(staffID: body.staff_id, current: body.current_password, new: body.new_password)
            }
        } catch let error as AccountError {
            if error == .wrongCredentials { throw APIError.unauthenticated("wrong_credentials", error.description) }
            throw APIError.invalid(error.description)
        }
        context.logNote.principal = "staff \(body.staff_id)"
        return Response(status: .noContent)
    }

    /// Runs a device operation, turning its refusals into 401 (revoked, bad or stale refresh token) or 400.
    private func deviceCall<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await offloaded(work)
        } catch let error as DeviceError {
            switch error {
            case .revoked(let id): throw APIError.deviceRevoked(id)
            case .invalidRefresh: throw APIError.unauthenticated("invalid_refresh_token", error.description)
            case .expired: throw APIError.unauthenticated("refresh_expired", error.description)
            case .rejected(let reason): throw APIError.invalid(reason)
            case .accountLocked(let staffID): throw APIError.accountLocked(staffID)
            }
        }
    }

    /// The sign-in and refresh answer: a new access token, its expiry, the refresh token and who is signed in.
    private func tokens(for profile: StaffProfile, deviceID: String, refreshToken: String) async throws -> Response {
        let minutes = try server.read { try Settings.read($0).accessTokenMinutes }
        let expiry = server.clock.now() + Int64(minutes) * 60
        let access = server.signer.issue(AccessClaims(staffID: profile.staffID, deviceID: deviceID, expiresAt: expiry))
        return Response.json(.object([
            ("access_token", .string(access)), ("access_expires_at", .string(ServerTime.iso8601(expiry))),
            ("refresh_token", .string(refreshToken)),
            ("staff", .object([("staff_id", .string(profile.staffID)), ("name", .string(profile.name)),
                               ("role", .string(profile.role.rawValue)), ("org_id", .string(profile.orgID))])),
        ]))
    }
}
