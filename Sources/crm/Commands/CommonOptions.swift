import ArgumentParser
import CRMCore
import CRMStore
import Foundation

/// `--db PATH`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database (default: $CRM_DB, else $XDG_DATA_HOME/crm/crm.sqlite).")
    var path: String?

    /// The path in force: the option, else CRM_DB, else the XDG data home.
    var resolvedPath: String { path ?? DatabaseOptions.defaultPath }

    static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CRM_DB"], !path.isEmpty { return path }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSHomeDirectory() + "/.local/share"
        return dataHome + "/crm/crm.sqlite"
    }

    func open() throws -> AppDatabase { try AppDatabase.open(path: resolvedPath) }
}

/// `--json` for query commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false
}

extension BusinessDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public var defaultValueDescription: String { description }
}

/// A command that cannot go ahead, or finished but must report failure (exit status 1), with its reason.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Prints a JSON document on standard output.
func printJSON(_ value: JSONValue) {
    print(value.rendered(indent: 2))
}
