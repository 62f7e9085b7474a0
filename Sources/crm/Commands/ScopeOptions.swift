import ArgumentParser
import CRMApp
import CRMStore

/// `--as STAFF_ID` for query commands: run with that member of staff's scope and permissions. Each command
/// needs the permission of the UI function that shows the same data (`ui.customerSearch` for customer data,
/// `ui.alerts` for alerts, `ui.assignManagers` for reassignment). Without `--as` a command reads the whole
/// database, as the batch operator does.
struct ScopeOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "Run as this staff id (or the first user of a role: rm, lead, branch, hq, admin), within their scope.")
    var staff: String?

    /// Records what the command looked at or exported, under the `--as` staff member (or `-` without one).
    func audit(_ database: AppDatabase, action: String, target: String, detail: String = "") throws {
        let actor = try staff.map { try SignInTarget.resolve($0, in: database).staffID } ?? "-"
        try database.audit(actor: actor, action: action, target: target, detail: detail, clock: .system)
    }

    /// Refuses (exit 1) a customer outside the `--as` staff member's scope, in the same words as an unknown one.
    func requireVisible(_ customerID: String, in database: AppDatabase, for function: CommandID) throws {
        guard staff != nil else { return }
        let scope = try scope(in: database, for: function)
        guard try database.writer.read({ try scope.contains(customerID: customerID, $0) }) else {
            throw notVisible(customerID)
        }
    }

    /// The refusal of a customer outside the `--as` scope, worded as for one that does not exist.
    func notVisible(_ customerID: String) -> CommandFailure {
        CommandFailure("customer \(customerID) is not among the customers --as \(staff ?? "-") may see (or does not exist)")
    }

    /// The `--as` member of staff (nil without `--as`), once found to hold the permission of `function`.
    func viewer(in database: AppDatabase, for function: CommandID) throws -> StaffProfile? {
        try session(in: database, for: function)?.profile
    }

    /// The scope in force for `function`: the named staff member's once they are found to hold its permission
    /// (else exit 1 naming the missing one), or everything without `--as`.
    func scope(in database: AppDatabase, for function: CommandID) throws -> DataScope {
        try session(in: database, for: function)?.scope ?? DataScope(reach: .everything)
    }

    /// The `--as` member of staff's session, resolved once and refused (exit 1) without the function's permission.
    private func session(in database: AppDatabase, for function: CommandID) throws -> Session? {
        guard let staff else { return nil }
        let session = try Session(profile: SignInTarget.resolve(staff, in: database), database: database)
        let command = CommandRegistry.command(function)
        guard session.may(command) else {
            throw CommandFailure("--as \(staff): \(command.missingPermission(.chinese)) (\(command.missingPermission(.english)))")
        }
        return session
    }
}
