import ArgumentParser
import CRMStore

/// `--as ADMIN_ID` and `--db PATH` of the commands only administrators may run.
struct AdministratorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "The administrator doing it (staff id).") var administrator: String
    @OptionGroup var database: DatabaseOptions

    /// Runs `body` with the database and the administrator's profile; a refusal ends with exit 1 and its reason.
    func run<T>(_ body: (AppDatabase, StaffProfile) throws -> T) throws -> T {
        let db = try database.open()
        let admin = try SignInTarget.resolve(administrator, in: db)
        do {
            return try body(db, admin)
        } catch let error as AccountError {
            throw CommandFailure(error.description)
        } catch let error as MutationError {
            throw CommandFailure(error.description)
        }
    }
}
