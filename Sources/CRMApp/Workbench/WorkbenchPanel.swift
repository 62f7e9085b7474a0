import CRMStore

/// A panel of the workbench home page; users choose which and in what order (自定义个性化页面).
enum WorkbenchPanel: String, CaseIterable {
    case announcements, alerts, schedule, reminders, cockpit

    var title: Text {
        switch self {
        case .announcements: return Text("公告", "Announcements")
        case .alerts: return Text("重要客户提醒", "Important customer alerts")
        case .schedule: return Text("今日日程与提醒", "Today and reminders")
        case .reminders: return Text("智能提醒", "Coming up")
        case .cockpit: return Text("经营概览", "Business at a glance")
        }
    }

    /// The module the panel opens.
    var command: CommandID {
        switch self {
        case .announcements: return .announcements
        case .alerts: return .alerts
        case .schedule: return .schedule
        case .reminders: return .reminders
        case .cockpit: return .cockpit
        }
    }

    /// The panels a user sees before choosing: all of them, without the cockpit for a role with no figures.
    static func defaults(for role: StaffRole) -> [WorkbenchPanel] {
        role == .administrator ? [.announcements, .schedule] : allCases
    }

    /// The saved choice, ignoring ids this version does not know.
    static func saved(_ ids: [String]?, role: StaffRole) -> [WorkbenchPanel] {
        let panels = ids?.compactMap(WorkbenchPanel.init(rawValue:)) ?? []
        return panels.isEmpty ? defaults(for: role) : panels
    }
}

/// What the home page shows, read in one go.
struct WorkbenchSnapshot {
    var announcements: [Announcement] = []
    var alerts: [CustomerAlert] = []
    var today: [ScheduleItem] = []
    var reminders: [ScheduleItem] = []
    var comingUp: [Reminder] = []
    var cockpit: CockpitView?
    var panels: [WorkbenchPanel] = []

    static func load(_ shell: ShellActions) throws -> WorkbenchSnapshot {
        let services = shell.services
        let profile = shell.session.profile
        return try services.database.writer.read { db in
            var snapshot = WorkbenchSnapshot()
            snapshot.panels = WorkbenchPanel.saved(try HomeLayoutQuery.panels(db, staffID: profile.staffID), role: profile.role)
            snapshot.announcements = try AnnouncementQuery.visible(db, to: profile, limit: 50)
            if let date = services.businessDate {
                snapshot.alerts = try ImportantAlertQuery.recent(db, scope: shell.session.scope, through: date, days: 3, limit: 50)
                if let root = try CockpitQuery.root(db, for: profile) {
                    snapshot.cockpit = try CockpitQuery.view(db, node: root, date: date)
                }
            }
            snapshot.today = try ScheduleQuery.items(db, staffID: profile.staffID, from: services.today, through: services.today)
            snapshot.reminders = try ScheduleQuery.dueReminders(db, staffID: profile.staffID, now: services.nowText)
            snapshot.comingUp = try ReminderQuery.due(db, viewer: profile, today: services.reminderDay,
                                                      lead: try Settings.read(db).reminderLeadDays, limit: 50)
            return snapshot
        }
    }
}
