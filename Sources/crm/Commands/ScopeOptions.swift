import ArgumentParser
import CRMStore

/// `--as STAFF_ID` for query commands: run with that member of staff's scope (and, once permissions exist,
/// their permissions). Without it a command reads the whole database, as the batch operator does.
struct ScopeOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "Run as this staff id (or the first user of a role: rm, lead, branch, hq, admin), within their scope.")
    var staff: String?

    /// Records what the command looked at or exported, under the `--as` staff member (or `-` without one).
    func audit(_ database: AppDatabase, action: String, target: String, detail: String = "") throws {
        let actor = try staff.map { try SignInTarget.resolve($0, in: database).staffID } ?? "-"
        try database.audit(actor: actor, action: action, target: target, detail: detail, clock: .system)
    }

    /// Refuses (exit 1) a customer outside the `--as` staff member's scope, in the same words as an unknown one.
    func requireVisible(_ customerID: String, in database: AppDatabase) throws {
        guard let staff else { return }
        let scope = try scope(in: database)
        guard try database.writer.read({ try scope.contains(customerID: customerID, $0) }) else {
            throw notVisible(customerID)
        }
    }

    /// The refusal of a customer outside the `--as` scope, worded as for one that does not exist.
    func notVisible(_ customerID: String) -> CommandFailure {
        CommandFailure("customer \(customerID) is not among the customers --as \(staff ?? "-") may see (or does not exist)")
    }

    /// The scope in force: the named staff member's, else everything.
    func scope(in database: AppDatabase) throws -> DataScope {
        guard let staff else { return DataScope(reach: .everything) }
        return DataScope(profile: try SignInTarget.resolve(staff, in: database))
    }
}
