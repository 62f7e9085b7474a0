import CRMStore

extension AppCommand {
    /// The permission that guards the command (`ui.` and its id), or nil for what everyone may do (help,
    /// the palette, moving about, quitting).
    public var permission: String? {
        switch scope {
        case .global, .navigation: return nil
        case .module, .screens: return "ui." + id.rawValue
        }
    }

    /// What a refusal says: `缺少权限：ui.publish（发布公告）`.
    public func missingPermission(_ language: Language) -> String {
        language == .chinese ? "缺少权限：\(permission ?? "-")（\(title.zh)）" : "Missing permission: \(permission ?? "-") (\(title.en))"
    }
}

/// What each built-in role may do by default, and a user's permissions once administrators' changes apply.
public enum RolePermissions {
    /// Every permission there is: one per guarded command of the registry.
    public static var all: [String] { CommandRegistry.all.compactMap(\.permission) }

    /// The default permissions of a role.
    public static func defaults(_ role: AccessRole) -> Set<String> {
        defaultsByRole[role] ?? []
    }

    /// Worked out once: the server asks for a signed-in user's permissions at every request.
    private static let defaultsByRole: [AccessRole: Set<String>] =
        Dictionary(uniqueKeysWithValues: AccessRole.allCases.map { ($0, listedDefaults($0)) })

    private static func listedDefaults(_ role: AccessRole) -> Set<String> {
        let workbench: [CommandID] = [.home, .announcements, .markRead, .schedule, .newItem, .editItem, .completeItem, .previousPeriod,
                                      .nextPeriod, .today, .homeLayout, .togglePanel, .movePanelUp, .movePanelDown, .save,
                                      .syncIssues, .dismissIssue]
        let figures: [CommandID] = [.alerts, .search, .sort, .sortDirection, .cockpit, .drillUp, .switchSeries]
        let customers: [CommandID] = [.reports, .reportOptions, .exportReport, .customerSearch, .markRow, .tags, .newTag, .editTags, .toggleTag,
                                      .customerSets, .addToGroup, .removeFromGroup]
        let management: [CommandID] = [.publish, .newTagGroup, .assignManagers]
        let marketing: [CommandID] = [.tasks, .opportunities, .newOpportunity, .advanceStage, .revertStage, .loseOpportunity, .visits,
                                      .newVisit, .visitCustomer, .reminders, .snoozeReminder, .precision,
                                      .adoptProspect, .switchDimension]
        let setsTasks: [CommandID] = [.newTask, .assignTask]
        let pricing: [CommandID] = [.profitSimulation, .switchCalculator, .addScenario, .removeScenario, .saveScenario, .relateCustomer,
                                    .priceForCustomer]
        let plans: [CommandID] = [.plans, .previousPlan, .nextPlan]
        let ids: [CommandID]
        switch role {
        case .relationshipManager: ids = workbench + figures + customers + marketing + pricing + plans
        case .teamLead: ids = workbench + figures + customers + marketing + setsTasks + pricing + plans + [.splitPlan]
        case .branchHead: ids = workbench + figures + customers + management + marketing + setsTasks + pricing + plans + [.splitPlan]
        case .headOfficeAnalyst: ids = workbench + figures + customers + management + marketing + setsTasks + pricing + plans
            + [.markStrategic, .issuePlan, .splitPlan, .revisePlan]
        case .productManager: ids = workbench + figures + plans + [.customerSearch, .tags, .customerSets]
        case .administrator: ids = workbench + [.auditLog, .search, .sort, .sortDirection, .permissionMatrix, .togglePermission,
                                                .orgTree, .newOrg, .renameOrg, .moveNode, .closeOrg]
        case .auditor: ids = workbench + plans + [.auditLog, .search, .sort, .sortDirection, .permissionMatrix, .orgTree]
        }
        return Set(ids.map { "ui." + $0.rawValue })
    }

    /// The union of the roles' permissions, each role's defaults changed as administrators set.
    public static func effective(_ roles: [AccessRole], changes: [AccessRole: [String: Bool]]) -> Set<String> {
        roles.reduce(into: Set<String>()) { result, role in
            var granted = defaults(role)
            for (permission, allowed) in changes[role] ?? [:] {
                if allowed { granted.insert(permission) } else { granted.remove(permission) }
            }
            result.formUnion(granted)
        }
    }
}
