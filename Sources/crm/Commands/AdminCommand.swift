import ArgumentParser

/// `crm admin`: system management from the terminal: the first administrator, accounts, roles, the org tree, the audit log.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "System management: accounts (系统账户管理), roles and permissions (系统角色权限管理), the org tree (机构团队管理), the audit log (日志查询维护), server devices and service tokens.",
        subcommands: [AdminInitCommand.self, AdminUserCommand.self, AdminRoleCommand.self, AdminOrgCommand.self, AuditCommand.self,
                      AdminDeviceCommand.self, AdminServiceTokenCommand.self])
}

/// `crm admin audit`: query, verify and archive the audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Query, verify and archive the hash-chained audit log.",
        subcommands: [AuditQueryCommand.self, AuditVerifyCommand.self, AuditArchiveCommand.self])
}
