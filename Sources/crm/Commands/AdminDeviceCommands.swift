import ArgumentParser
import CRMCore
import CRMStore

/// `crm admin device list|revoke`: devices signed in to the server.
struct AdminDeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "List the devices signed in to the server, and revoke one (its user must sign in again on another).",
        subcommands: [List.self, Revoke.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List devices, most recently seen first.")
        @OptionGroup var administrator: AdministratorOptions
        func run() throws {
            let devices = try administrator.run { db, admin in
                try db.audit(actor: admin.staffID, action: "device.list", target: "-", clock: .system)
                return try DeviceRegistry(database: db, clock: .system).list()
            }
            var table = TextTable([("设备 device", .left), ("工号 staff", .left), ("名称 name", .left), ("登录于 signed in", .left),
                                   ("最近刷新 last seen", .left), ("状态 state", .left)])
            for device in devices {
                table.add([device.deviceID, device.staffID, device.name, device.createdAt, device.lastSeenAt,
                           device.revokedAt.map { "revoked \($0) by \(device.revokedBy ?? "-")" } ?? "active"])
            }
            print(devices.isEmpty ? "no devices" : table.render())
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a device: its next request is refused with device_revoked and it wipes its replica.")
        @Argument(help: "The device id.") var deviceID: String
        @OptionGroup var administrator: AdministratorOptions
        func run() throws {
            try administrator.run { try DeviceRegistry(database: $0, clock: .system).revoke(deviceID: deviceID, by: $1) }
            print("\(deviceID): revoked")
        }
    }
}

/// `crm admin service-token create|list|revoke`: credentials of other systems for the server's ingest routes.
struct AdminServiceTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service-token", abstract: "Create (shown once), list and revoke the tokens other systems push data with.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a service's token and print it (it is stored hashed and never shown again).")
        @Argument(help: "The service's name, e.g. core-banking.") var name: String
        @OptionGroup var administrator: AdministratorOptions
        func run() throws {
            let token = try administrator.run { try ServiceTokens(database: $0, clock: .system).create(name: name, by: $1) }
            print(token)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the service tokens (names and dates, never the tokens).")
        @OptionGroup var administrator: AdministratorOptions
        func run() throws {
            let tokens = try administrator.run { db, admin in
                try db.audit(actor: admin.staffID, action: "service_token.list", target: "-", clock: .system)
                return try ServiceTokens(database: db, clock: .system).list()
            }
            var table = TextTable([("服务 service", .left), ("创建于 created", .left), ("创建人 by", .left), ("状态 state", .left)])
            for token in tokens {
                table.add([token.name, token.createdAt, token.createdBy, token.revokedAt.map { "revoked \($0)" } ?? "active"])
            }
            print(tokens.isEmpty ? "no service tokens" : table.render())
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a service's token: its next request is refused.")
        @Argument(help: "The service's name.") var name: String
        @OptionGroup var administrator: AdministratorOptions
        func run() throws {
            try administrator.run { try ServiceTokens(database: $0, clock: .system).revoke(name: name, by: $1) }
            print("\(name): revoked")
        }
    }
}
