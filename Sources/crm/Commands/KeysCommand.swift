import ArgumentParser
import CRMApp

/// `crm keys`: the terminal UI's keys as the Markdown table of docs/user-guide.md.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print every key of the terminal UI as a Markdown table (the user guide's).")

    func run() throws { print(KeyTable.markdown) }
}
