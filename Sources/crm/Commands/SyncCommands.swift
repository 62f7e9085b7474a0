import ArgumentParser
import CRMCore
import CRMStore
import CRMSync
import Foundation

/// `crm login --server URL --user ID`: signs this replica in with the central server and downloads the user's
/// scope. Another user's replica in the same file is wiped first.
struct LoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "登录中心服务器并下载本人数据 (sign in to the central server and download your scope).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The server, e.g. http://127.0.0.1:8080.") var server: String
    @Option(help: "Your staff id.") var user: String
    @Option(help: "A name for this device (default: the host name).") var deviceName: String = ProcessInfo.processInfo.hostName

    func run() throws {
        try AsyncBridge.wait { try await self.work() }
    }

    private func work() async throws {
        guard let url = URL(string: server), url.scheme == "http" || url.scheme == "https" else {
            throw ValidationError("--server 需要 http(s) 地址 (--server must be an http or https URL): \(server)")
        }
        let password = try PasswordInput.read(prompt: "密码 (password) for \(user): ")
        let database = try self.database.open()
        let replica = Replica(database: database, clock: .system)
        let (deviceID, previousUser) = try await database.writer.read { db in
            (try SyncMeta.value("device_id", db), try SyncMeta.value("staff_id", db))
        }
        let credentials = ServerCredentials(server: url, database: database)
        let device = deviceID ?? MutationID.make()
        let signedIn: ServerCredentials.SignedIn
        do {
            signedIn = try await credentials.signIn(staffID: user, password: password, deviceID: device, deviceName: deviceName)
        } catch let failure as SyncFailure where failure.error == "password_change_required" {
            print("首次登录须修改临时密码 (the temporary password must be changed first)")
            let new = try PasswordInput.read(prompt: "新密码 (new password): ", confirm: "再输一次 (again): ")
            try await credentials.changePassword(staffID: user, current: password, new: new)
            signedIn = try await credentials.signIn(staffID: user, password: new, deviceID: device, deviceName: deviceName)
        }
        if let previousUser, previousUser != user { try replica.wipe() }
        let clientID = try replica.clientID() ?? MutationID.make()
        try replica.prepare(clientID: clientID, staffID: user, server: server)
        print("已登录 \(signedIn.staff.name) (\(user))，正在下载… (signed in; downloading)")
        let report = try await HTTPSync.once(database: database, clock: .system, server: url)
        print(SyncRun.summary(report))
    }
}

/// `crm sync`: pushes this replica's changes and pulls the server's, once.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "与中心服务器同步一次 (push local changes and pull the server's, once).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The server (default: the one signed in to).") var server: String?

    func run() throws {
        try AsyncBridge.wait { try await self.work() }
    }

    private func work() async throws {
        if let server, URL(string: server)?.scheme == nil {
            throw ValidationError("--server 需要 http(s) 地址 (--server must be an http or https URL): \(server)")
        }
        let report = try await HTTPSync.once(database: try self.database.open(), clock: .system, server: server.flatMap(URL.init(string:)))
        if output.json {
            printJSON(.object([("pushed", .int(Int64(report.pushed))), ("rejected", .int(Int64(report.rejected))),
                               ("pages", .int(Int64(report.pages))), ("ops", .int(Int64(report.opsReceived))),
                               ("rows", .int(Int64(report.rowsChanged))), ("complete", .bool(report.complete))]))
        } else {
            print(SyncRun.summary(report))
        }
    }
}

/// What a sync did, in words.
enum SyncRun {
    static func summary(_ report: SyncClient.Report) -> String {
        "推送 \(report.pushed) 条，被拒 \(report.rejected) 条；下载 \(report.opsReceived) 项操作（\(report.pages) 页），更新 \(report.rowsChanged) 行"
            + (report.complete ? "" : "；尚未完成，请再次同步")
            + " (pushed \(report.pushed), rejected \(report.rejected), \(report.opsReceived) ops in \(report.pages) pages, \(report.rowsChanged) rows)"
    }
}
