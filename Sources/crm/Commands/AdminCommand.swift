import ArgumentParser

/// `crm admin`: system management from the terminal (so far the audit log).
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "System management: the audit log (日志查询维护).",
        subcommands: [AuditCommand.self])
}

/// `crm admin audit`: query, verify and archive the audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Query, verify and archive the hash-chained audit log.",
        subcommands: [AuditQueryCommand.self, AuditVerifyCommand.self, AuditArchiveCommand.self])
}
