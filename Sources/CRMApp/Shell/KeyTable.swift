/// The key table of the user guide, generated from the command registry so that the guide cannot drift from
/// the keys (`crm keys` prints it; a test compares it with docs/user-guide.md).
public enum KeyTable {
    public static var markdown: String {
        var lines = ["| keys | 中文 | English | where |", "|---|---|---|---|"]
        for command in CommandRegistry.all {
            let keys = command.allKeys.map { "`\($0.label)`" }.joined(separator: " ")
            lines.append("| \(keys) | \(command.title.zh) | \(command.title.en) | \(place(command.scope)) |")
        }
        return lines.joined(separator: "\n")
    }

    private static func place(_ scope: CommandScope) -> String {
        switch scope {
        case .global: return "everywhere"
        case .module: return "anywhere once signed in"
        case .navigation: return "the list, table, tree or calendar in focus"
        case .screens(let kinds): return ScreenKind.allCases.filter(kinds.contains).map(\.englishName).joined(separator: ", ")
        }
    }
}

extension ScreenKind {
    /// The screen's name in the user guide.
    var englishName: String {
        switch self {
        case .signIn: return "sign-in"
        case .home: return "workbench"
        case .announcements: return "announcements"
        case .alerts: return "alerts"
        case .schedule: return "schedule"
        case .cockpit: return "cockpit"
        case .homeLayout: return "personal home page"
        case .customer: return "customer 360"
        case .tags: return "customer tags"
        case .customerTags: return "tagging"
        case .customerSets: return "groups and conglomerates"
        case .customerSet: return "group or conglomerate 360"
        case .customerSearch: return "customer search"
        case .auditLog: return "audit log"
        case .permissionMatrix: return "roles and permissions"
        case .orgTree: return "org and teams"
        case .tasks: return "marketing tasks"
        case .opportunities: return "opportunities"
        case .visits: return "visits"
        case .reminders: return "smart reminders"
        case .precision: return "precision marketing"
        case .reports: return "reports"
        case .profitSimulation: return "profit simulation"
        case .plans: return "business plans"
        case .syncIssues: return "sync issues"
        }
    }
}
