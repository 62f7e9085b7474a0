import ArgumentParser
import CRMCore
import CRMStore

/// `crm customer assign ID --main STAFF [--assist STAFF:PCT ...] --as STAFF`: reassigns a customer's managers
/// (营销关系分配) as a branch head or head office would in the UI, through the same named mutation.
struct CustomerAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Set a customer's main and assisting managers (营销关系分配).",
        discussion: """
            The main manager's share is 100% less the assisting shares. It takes effect for scopes at once and is \
            dated the business date after the last one loaded, which the batch applies (and keeps through reloads).
            """)

    @Argument(help: "Customer id.") var customerID: String
    @Option(help: "The main manager (主办), a staff id.") var main: String
    @Option(help: "An assisting manager (协办) and share, STAFF_ID:PERCENT (repeatable).") var assist: [String] = []
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        guard let staff = scope.staff else { throw ValidationError("--as STAFF_ID is required: reassignment is done by a branch head or head office") }
        var managers: [ManagerShareDraft] = []
        for entry in assist {
            let parts = entry.split(separator: ":")
            guard parts.count == 2, case .success(let share) = ScaledNumber.parse(parts[1], decimals: 2) else {
                throw ValidationError("--assist \(entry): use STAFF_ID:PERCENT, e.g. E010007:40")
            }
            managers.append(ManagerShareDraft(staffID: String(parts[0]), role: "ASSIST", shareBP: share))
        }
        let mainShare = 10_000 - managers.reduce(0) { $0 + $1.shareBP }
        managers.insert(ManagerShareDraft(staffID: main, role: "MAIN", shareBP: mainShare), at: 0)
        let db = try database.open()
        _ = try scope.scope(in: db, for: .assignManagers)
        let actor = try SignInTarget.resolve(staff, in: db)
        do {
            try MutationLog(database: db, clock: .system).apply(AssignManagers(id: MutationID.make(), customerID: customerID, managers: managers),
                                                               by: actor)
        } catch let error as MutationError {
            throw CommandFailure(error.description)
        }
        print("\(customerID): " + managers.map { "\($0.staffID) \($0.role == "MAIN" ? "主办" : "协办") \(ScaledNumber.text($0.shareBP, decimals: 2))%" }
            .joined(separator: ", "))
    }
}
