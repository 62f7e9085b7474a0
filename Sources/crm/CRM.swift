import ArgumentParser

/// The `crm` command: the corporate-banking CRM's single program.
struct CRM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm",
        abstract: "对公客户关系管理系统 (corporate-banking CRM): the terminal UI, the demo bank, the batch, and queries.",
        discussion: "Amounts print in yuan with two decimals. Database: --db, else CRM_DB, else $XDG_DATA_HOME/crm/crm.sqlite.",
        subcommands: [UICommand.self, DemoCommand.self, GenerateCommand.self, EtlCommand.self, BalancesCommand.self,
                      AlertsCommand.self, FundFlowCommand.self, CustomerCommand.self, AverageCommand.self, ReportCommand.self,
                      TasksCommand.self, OpportunitiesCommand.self, ChurnCommand.self, ProspectsCommand.self, RecommendCommand.self,
                      ProductsCommand.self, KPICommand.self, PlanCommand.self, ListCommand.self,
                      AdminCommand.self, ServerCommand.self, LoginCommand.self, SyncCommand.self, CalcCommand.self, KeysCommand.self,
                      BenchUICommand.self, BenchSearchCommand.self, BenchSyncCommand.self],
        defaultSubcommand: UICommand.self)
}
