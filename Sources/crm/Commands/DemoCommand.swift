import ArgumentParser
import CRMBatch
import CRMCore
import CRMStore
import Foundation

/// `crm demo`: builds the made-up bank (generate, then the batch) and shows it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the demo bank (generate extracts into the cache, load them through the batch) and show it.",
        discussion: """
            Extracts go to $XDG_CACHE_HOME/crm (default ~/.cache/crm); the database is the default one (see --db).
            A second run reuses both and starts in seconds. Then the terminal UI opens on the demo user picker,
            or signed in as the first demo user of a role with --as. With --no-tui it prints a summary of the bank.
            """)

    @Option(help: "tiny, small, medium or large.") var scale: GeneratorScale = .small
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "The first business date.") var start: BusinessDate = BusinessDate("2025-01-01")!
    @Flag(help: "Delete the cached extracts and the database first.") var reset = false
    @Flag(name: .customLong("no-tui"), help: "Print the summary instead of opening the terminal UI.") var noTUI = false
    @Option(name: .customLong("as"), help: "Sign in as the first demo user of a role: rm, lead, branch, hq or admin.")
    var role: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var ui: UIOptions

    func validate() throws {
        if let role, StaffRole(demoWord: role) == nil {
            throw ValidationError("--as \(role): use rm, lead, branch, hq or admin")
        }
    }

    func run() throws {
        let days = scale.defaultDays
        let cacheHome = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSHomeDirectory() + "/.cache"
        let source = "\(cacheHome)/crm/demo-\(scale.name)-seed\(seed)-\(start)-\(days)"
        let complete = source + "/.complete"
        let manager = FileManager.default
        if reset {
            for path in [source, database.resolvedPath, database.resolvedPath + "-wal", database.resolvedPath + "-shm"]
            where manager.fileExists(atPath: path) {
                try manager.removeItem(atPath: path)
            }
        }
        if !manager.fileExists(atPath: complete) {
            let progress = ProgressPrinter(title: "generate")
            try BankGenerator(scale: scale, seed: seed, start: start, days: days).write(to: source) { date, done in
                progress.update(done: done, total: days, detail: date.description)
            }
            guard manager.createFile(atPath: complete, contents: Data()) else { throw GeneratorError.cannotWrite(complete) }
            progress.finish("generated \(days) days of the \(scale.name) demo bank in \(source)")
        }
        let db = try database.open()
        let others = try db.writer.read(LoadedDates.sourceFolders).filter { $0 != source }
        if let other = others.first {
            throw CommandFailure("\(database.resolvedPath) holds another bank (loaded from \(other)); "
                            + "run crm demo --reset to replace it, or give --db a new path")
        }
        let runner = BatchRunner(database: db)
        let progress = BatchProgressPrinter()
        let summary = try runner.run(source: source, progress: progress)
        if !summary.days.isEmpty { progress.finish("loaded \(summary.days.count) business dates into \(database.resolvedPath)") }
        try DemoContent.seed(db, seed: seed)
        if noTUI {
            guard let bank = try db.writer.read(BankSummaryQuery.summary) else { return }
            print(BankSummaryText.render(bank, database: database.resolvedPath))
            return
        }
        let profile = try role.map { try SignInTarget.resolve($0, in: db) }
        try TerminalUI.run(database: db, isDemo: true, signIn: profile, options: ui)
    }
}

/// The demo's printed summary of the bank.
enum BankSummaryText {
    static func render(_ bank: BankSummary, database: String) -> String {
        var lines = ["锦程银行 demo bank — 数据日期 \(bank.loaded.lowerBound) ~ \(bank.loaded.upperBound)", "database: \(database)", ""]
        let levels = ["HQ": "总行", "BRANCH": "分行", "SUBBRANCH": "支行", "TEAM": "团队"]
        lines.append("机构 orgs: " + bank.orgsByLevel.map { "\(levels[$0.level] ?? $0.level) \($0.count)" }.joined(separator: "  "))
        let positions = ["RM": "客户经理", "TEAM_LEAD": "团队长", "BRANCH_HEAD": "行长", "HQ_ANALYST": "总行分析", "ADMIN": "管理员"]
        lines.append("员工 staff: " + bank.staffByPosition.map { "\(positions[$0.position] ?? $0.position) \($0.count)" }
            .joined(separator: "  "))
        lines.append("客户 customers: \(bank.customers)  (" + bank.customersByTier.map { "\($0.tier.chineseName) \($0.count)" }
            .joined(separator: "  ") + ")")
        lines.append("有效户 effective: \(bank.effectiveCustomers)  睡眠 dormant: \(bank.dormantCustomers)")
        lines.append("账户 accounts: \(bank.accounts)  交易 transactions: \(bank.transactions)")
        lines.append("存款余额 deposits: \(Money.chineseShortText(bank.depositBalance))  年日均 \(Money.chineseShortText(bank.depositYTDAverage))"
            + "  贷款余额 loans: \(Money.chineseShortText(bank.loanBalance))")
        lines.append("大额变动提醒 alerts on \(bank.loaded.upperBound): \(bank.alertsOnLastDate)")
        lines.append("")
        var table = TextTable([("存款前五 top depositors", .left), ("客户号", .left), ("存款余额", .right)])
        for customer in bank.topDepositors {
            table.add([customer.name, customer.id, Money.chineseShortText(customer.balance)])
        }
        lines.append(table.render())
        lines.append("")
        lines.append("Try: crm balances --customer \(bank.topDepositors.first?.id ?? "ID") --as-of \(bank.loaded.upperBound)")
        lines.append("     crm alerts --as-of \(bank.loaded.upperBound)")
        return lines.joined(separator: "\n")
    }
}
