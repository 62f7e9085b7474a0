import CRMCore

/// Every named mutation, rebuilt from the form the outbox keeps and sync carries: its name and its payload.
///
/// The central server replays a replica's changes with this; each entry is the mutation's own
/// `init(payload:)`, the exact inverse of its `payload`.
public enum MutationRegistry {
    private typealias Rebuild = @Sendable (JSONValue) throws -> any Mutation

    private static let rebuilders: [String: Rebuild] = [
        "announcement.publish": PublishAnnouncement.init(payload:),
        "announcement.read": MarkAnnouncementRead.init(payload:),
        "customer.assign": AssignManagers.init(payload:),
        "customer.strategic": MarkStrategic.init(payload:),
        "group.create": CreateCustomerGroup.init(payload:),
        "group.add": { try ChangeGroupMembers(.add, payload: $0) },
        "group.remove": { try ChangeGroupMembers(.remove, payload: $0) },
        "home.layout": SaveHomeLayout.init(payload:),
        "kpi.define": DefineKPI.init(payload:),
        "list.create": CreateNamedList.init(payload:),
        "list.add": { try ChangeNamedListMembers(adding: true, payload: $0) },
        "list.remove": { try ChangeNamedListMembers(adding: false, payload: $0) },
        "opportunity.create": CreateOpportunity.init(payload:),
        "opportunity.stage": MoveOpportunity.init(payload:),
        "opportunity.scenario": SaveOpportunityScenario.init(payload:),
        "org.create": { try OrgTreeMutation(.create, payload: $0) },
        "org.rename": { try OrgTreeMutation(.rename, payload: $0) },
        "org.move": { try OrgTreeMutation(.move, payload: $0) },
        "org.close": { try OrgTreeMutation(.close, payload: $0) },
        "staff.move": { try OrgTreeMutation(.staffMove, payload: $0) },
        "plan.issue": IssuePlan.init(payload:),
        "plan.split": SplitPlanTarget.init(payload:),
        "plan.revise": RevisePlanTarget.init(payload:),
        "prospect.adopt": AdoptProspect.init(payload:),
        "reminder.done": { try SetReminderState(.done, payload: $0) },
        "reminder.snooze": { try SetReminderState(.snooze, payload: $0) },
        "schedule.create": { try SaveScheduleItem(.create, payload: $0) },
        "schedule.edit": { try SaveScheduleItem(.edit, payload: $0) },
        "schedule.complete": CompleteScheduleItem.init(payload:),
        "tag.group.create": CreateTagGroup.init(payload:),
        "tag.create": CreateTag.init(payload:),
        "tag.add": { try TagCustomers(.add, payload: $0) },
        "tag.remove": { try TagCustomers(.remove, payload: $0) },
        "task.create": CreateTask.init(payload:),
        "task.assign": AssignTask.init(payload:),
        "task.record": RecordTaskProgress.init(payload:),
        "visit.log": LogVisit.init(payload:),
    ]

    /// Every name the registry rebuilds, sorted.
    public static var names: [String] { rebuilders.keys.sorted() }

    /// The mutation called `name` with this payload. Throws a ``MutationError`` naming the mutation, and the field
    /// when one is missing or of the wrong kind.
    public static func decode(name: String, payload: JSONValue) throws -> any Mutation {
        guard let rebuild = rebuilders[name] else { throw MutationError("未知的变更 \(name) (unknown mutation \(name))") }
        do {
            return try rebuild(payload)
        } catch let error as JSONFieldError {
            throw MutationError("变更 \(name) 的\(error.chineseText) (mutation \(name): \(error.englishText))")
        }
    }

    /// The mutation called `name` from its payload as JSON text, as a `sys_outbox` row keeps it.
    public static func decode(name: String, payloadText: String) throws -> any Mutation {
        let payload: JSONValue
        do {
            payload = try JSONValue.parse(payloadText)
        } catch let error as JSONParseError {
            throw MutationError("""
                变更 \(name) 的内容不是有效的 JSON，第 \(error.line) 行第 \(error.column) 列 \
                (mutation \(name): the payload is not valid JSON at line \(error.line), column \(error.column): \(error.reason))
                """)
        }
        return try decode(name: name, payload: payload)
    }
}
