import ArgumentParser
import CRMCore
import CRMStore
import Foundation

/// `crm calc`: the profit calculators (利润模拟测算) of domain.md on the command line.
struct CalcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calc",
        abstract: "Profit simulation (利润模拟测算): price a loan or value a deposit, to the fen.",
        discussion: """
            Amounts in yuan, rates and ratios in percent (4.25 = 4.25%), spreads in basis points. Every figure is rounded \
            once, half away from zero: amounts to the fen, RAROC to 0.01%, the break-even rate to 0.0001%.
            """,
        subcommands: [CalcLoanCommand.self, CalcDepositCommand.self])
}

/// `--db`, optional: where the calculators' defaults come from.
struct PricingDefaultsOptions: ParsableArguments {
    @Option(name: .customLong("db"),
            help: "Take the defaults of tax, hurdle, capital ratio and day basis from this database's settings (without it: 25, 10, 10.5, 360).")
    var path: String?

    /// The defaults in force: the database's settings when --db is given, else domain.md's.
    func defaults() throws -> PricingDefaults {
        guard let path else { return .standard }
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("no database at \(path)") }
        return try AppDatabase.open(path: path).writer.read(Settings.read).pricingDefaults
    }
}

/// A calculator's command: its options as typed by field, read into inputs and worked out by the calculator.
protocol CalculatorCommand: ParsableCommand {
    /// Each option's text by the field it gives (nil when not given).
    var texts: [PricingField: String?] { get }
    var defaults: PricingDefaultsOptions { get }
    var output: OutputOptions { get }
    /// Reads the inputs and works the figures out.
    static func figures(_ text: PricingText, defaults: PricingDefaults) throws(PricingError) -> [(PricingFigure, PricingValue)]
}

extension CalculatorCommand {
    /// Checks the options before any database is opened (the settings' defaults are checked again in `run`).
    func validate() throws { _ = try figures(.standard) }

    func run() throws {
        let figures = try figures(try defaults.defaults())
        if output.json {
            printJSON(.object(figures.map { ($0.0.jsonKey, $0.1.json) }))
            return
        }
        var table = TextTable([("项目 Item", .left), ("结果 Result", .right)])
        for (figure, value) in figures {
            table.add(["\(figure.chineseName) \(figure.englishName)", value.text(undefined: "无定义 undefined (capital 0)")])
        }
        print(table.render())
    }

    /// The figures; refused inputs are bad usage (exit status 2), naming the option.
    private func figures(_ defaults: PricingDefaults) throws -> [(PricingFigure, PricingValue)] {
        do {
            return try Self.figures(PricingText(texts.compactMapValues { $0 }), defaults: defaults)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// `crm calc loan`: interest, costs, capital, profit, RAROC, EVA and the break-even rate of a loan.
struct CalcLoanCommand: CalculatorCommand {
    static let configuration = CommandConfiguration(
        commandName: "loan", abstract: "Price a loan: profit before and after tax, RAROC, EVA and the break-even rate.")

    @Option(parsing: .unconditional, help: "Amount in yuan (EAD).") var amount: String?
    @Option(parsing: .unconditional, help: "Term in days.") var days: String?
    @Option(parsing: .unconditional, help: "Loan rate, %. Or give --lpr and --spread-bp.") var rate: String?
    @Option(parsing: .unconditional, help: "LPR, %.") var lpr: String?
    @Option(name: .customLong("spread-bp"), parsing: .unconditional, help: "Spread over LPR in basis points; may be negative (default 0).")
    var spread: String?
    @Option(parsing: .unconditional, help: "FTP rate, %.") var ftp: String?
    @Option(parsing: .unconditional, help: "Operating cost ratio, % a year.") var opex: String?
    @Option(parsing: .unconditional, help: "Probability of default, %.") var pd: String?
    @Option(parsing: .unconditional, help: "Loss given default, %.") var lgd: String?
    @Option(name: .customLong("risk-weight"), parsing: .unconditional, help: "Risk weight, % (0 to 1250).") var riskWeight: String?
    @Option(name: .customLong("capital-ratio"), parsing: .unconditional, help: "Capital ratio, % (default: settings).")
    var capitalRatio: String?
    @Option(parsing: .unconditional, help: "Income tax, % (default: settings).") var tax: String?
    @Option(parsing: .unconditional, help: "Hurdle rate, % (default: settings).") var hurdle: String?
    @Option(parsing: .unconditional, help: "Day basis, 360 or 365 (default: settings).") var basis: String?
    @OptionGroup var defaults: PricingDefaultsOptions
    @OptionGroup var output: OutputOptions

    var texts: [PricingField: String?] {
        [.amount: amount, .days: days, .rate: rate, .lpr: lpr, .spread: spread, .ftp: ftp, .operatingCost: opex, .pd: pd,
         .lgd: lgd, .riskWeight: riskWeight, .capitalRatio: capitalRatio, .tax: tax, .hurdle: hurdle, .basis: basis]
    }

    static func figures(_ text: PricingText, defaults: PricingDefaults) throws(PricingError) -> [(PricingFigure, PricingValue)] {
        LoanCalculator.calculate(try LoanInputs(text, defaults: defaults)).figures
    }
}

/// `crm calc deposit`: what a deposit is worth over its term.
struct CalcDepositCommand: CalculatorCommand {
    static let configuration = CommandConfiguration(
        commandName: "deposit",
        abstract: "Value a deposit: FTP credit - interest paid - operating cost + fees; demand, time or agreement (协定存款).")

    @Option(parsing: .unconditional, help: "Balance in yuan.") var balance: String?
    @Option(parsing: .unconditional, help: "Term in days.") var days: String?
    @Option(parsing: .unconditional, help: "Customer rate, % (for an agreement deposit the demand rate, paid up to --base).")
    var rate: String?
    @Option(parsing: .unconditional, help: "FTP rate, %.") var ftp: String?
    @Option(parsing: .unconditional, help: "Operating cost ratio, % a year.") var opex: String?
    @Option(parsing: .unconditional, help: "Agreement deposit: the base amount in yuan (with --agreement-rate).") var base: String?
    @Option(name: .customLong("agreement-rate"), parsing: .unconditional, help: "Agreement deposit: the rate above the base, %.")
    var agreementRate: String?
    @Option(parsing: .unconditional, help: "Fee income in yuan (default 0).") var fees: String?
    @Option(parsing: .unconditional, help: "Day basis, 360 or 365 (default: settings).") var basis: String?
    @OptionGroup var defaults: PricingDefaultsOptions
    @OptionGroup var output: OutputOptions

    var texts: [PricingField: String?] {
        [.balance: balance, .days: days, .rate: rate, .ftp: ftp, .operatingCost: opex, .agreementBase: base,
         .agreementRate: agreementRate, .fees: fees, .basis: basis]
    }

    static func figures(_ text: PricingText, defaults: PricingDefaults) throws(PricingError) -> [(PricingFigure, PricingValue)] {
        DepositCalculator.calculate(try DepositInputs(text, defaults: defaults)).figures
    }
}
