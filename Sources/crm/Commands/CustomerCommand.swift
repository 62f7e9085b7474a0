import ArgumentParser

/// `crm customer`: customer search and the customer 360 view on the command line.
struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Find customers and show everything the bank knows about one (客户统一视图).",
        subcommands: [CustomerSearchCommand.self, CustomerShowCommand.self, CustomerAssignCommand.self])
}
