import ArgumentParser
import CRMStore

/// `--as STAFF_ID` for query commands: run with that member of staff's scope (and, once permissions exist,
/// their permissions). Without it a command reads the whole database, as the batch operator does.
struct ScopeOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "Run as this staff id (or the first user of a role: rm, lead, branch, hq, admin), within their scope.")
    var staff: String?

    /// The scope in force: the named staff member's, else everything.
    func scope(in database: AppDatabase) throws -> DataScope {
        guard let staff else { return DataScope(reach: .everything) }
        return DataScope(profile: try SignInTarget.resolve(staff, in: database))
    }
}
