import CRMApp
import CRMBatch
import CRMCore
import CRMServer
import CRMStore
import Foundation
import Testing
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging

/// The tiny demo bank loaded once per test process, with accounts (bcrypt cost 4) for the first administrator,
/// two relationship managers and a branch head, each with the password ``password``. Each test serves a private
/// copy with a clock it moves.
enum ServerFixture {
    static let password = "Str0ng!Pass"
    static let seed: UInt64 = 42
    static let start = BusinessDate("2025-01-01")!
    static let folder = NSTemporaryDirectory() + "crm-server-tests-\(getpid())"
    static var lastDate: BusinessDate { start.adding(days: GeneratorScale.tiny.defaultDays - 1) }

    /// The staff of the fixture's accounts.
    struct Staff: Sendable {
        let administrator: StaffProfile
        let manager: StaffProfile
        let otherManager: StaffProfile
        let branchHead: StaffProfile
    }

    static let loaded: (path: String, staff: Staff) = {
        try? FileManager.default.removeItem(atPath: folder)
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = folder + "/demo-tiny"
        try! BankGenerator(scale: .tiny, seed: seed, start: start, days: GeneratorScale.tiny.defaultDays,
                           dataDirectory: repository.appendingPathComponent("data").path).write(to: source)
        let path = folder + "/bank.sqlite"
        let database = try! AppDatabase.open(path: path)
        _ = try! BatchRunner(database: database).run(source: source)
        try! DemoContent.seed(database, seed: seed)
        try! database.writer.write { try $0.execute(sql: "UPDATE sys_setting SET value = '4' WHERE key = 'bcrypt_cost'") }
        let staff = try! database.writer.read { db -> Staff in
            let managers = try StaffDirectory.active(db).filter { $0.role == .relationshipManager }
            let first = managers.first { manager in
                (try? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM base_customer_manager WHERE staff_id = ?", arguments: [manager.staffID])) ?? 0 > 0
            }!
            let other = managers.first { $0.staffID != first.staffID && (try? Bool.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM base_customer_manager m WHERE m.staff_id = ? AND m.customer_id NOT IN
                  (SELECT customer_id FROM base_customer_manager WHERE staff_id = ?))
                """, arguments: [$0.staffID, first.staffID])) == true }!
            return Staff(administrator: try StaffDirectory.firstActive(db, role: .administrator)!, manager: first, otherManager: other,
                         branchHead: try StaffDirectory.firstActive(db, role: .branchHead)!)
        }
        let accounts = Accounts(database: database, clock: .fixed(date: lastDate.adding(days: 1), hour: 8))
        try! accounts.initialize(administrator: staff.administrator.staffID, password: password)
        for profile in [staff.manager, staff.otherManager, staff.branchHead] {
            let temporary = try! accounts.create(staffID: profile.staffID, by: staff.administrator)
            try! accounts.changePassword(staffID: profile.staffID, current: temporary, new: password)
        }
        return (path, staff)
    }()

    static var staff: Staff { loaded.staff }

    /// A private copy of the loaded bank, opened as the server opens it.
    static func fresh() throws -> AppDatabase {
        let copy = folder + "/copy-\(UUID().uuidString).sqlite"
        let source = try AppDatabase.open(path: loaded.path)
        try source.writer.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
        return try AppDatabase.open(path: copy, durability: .full)
    }
}

/// A clock a test moves, starting at 09:00 on the day after the fixture's last business date.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ShanghaiTime.seconds(date: ServerFixture.lastDate.adding(days: 1), hour: 9, minute: 0)

    var seconds: Int64 {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }

    var wallClock: WallClock { WallClock { self.seconds } }
}

/// One test's server: a private database, a clock, the environment and the application on an ephemeral port.
struct TestServer {
    let database: AppDatabase
    let clock = TestClock()
    let environment: ServerEnvironment

    init() throws {
        database = try ServerFixture.fresh()
        environment = try ServerEnvironment(
            database: database, clock: clock.wallClock,
            permissions: PermissionSource { db, profile in
                RolePermissions.effective(try AccessControl.roles(db, of: profile), changes: try AccessControl.changes(db))
            }, machine: "test-server")
    }

    var application: some ApplicationProtocol {
        ServerApplication.make(server: environment, host: "127.0.0.1", port: 0, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }
}

extension TestClientProtocol {
    /// Sends a JSON body (or none) with an optional bearer token.
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Signs in on `device` and returns the parsed answer.
    func signIn(_ staffID: String, password: String = ServerFixture.password, device: String = "laptop-1") async throws -> TestResponse {
        try await send(.post, "/auth/sign-in", json: """
            {"staff_id": "\(staffID)", "password": "\(password)", "device_id": "\(device)", "device_name": "Field laptop"}
            """)
    }

    /// Signs in on laptop-1 and returns the access and refresh tokens.
    func tokens(_ staffID: String) async throws -> (access: String, refresh: String) {
        let answer = try await signIn(staffID).object
        return (try #require(answer["access_token"] as? String), try #require(answer["refresh_token"] as? String))
    }

    /// Exchanges laptop-1's refresh token.
    func refresh(_ token: String) async throws -> TestResponse {
        try await send(.post, "/auth/refresh", json: #"{"device_id": "laptop-1", "refresh_token": "\#(token)"}"#)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }

    /// The `error` code of an error body.
    var errorCode: String? { object["error"] as? String }
}
