import ArgumentParser
import CRMBatch
import CRMCore
import Foundation

extension GeneratorScale: ExpressibleByArgument {
    public init?(argument: String) {
        guard let scale = GeneratorScale.named(argument) else { return nil }
        self = scale
    }

    public static var allValueStrings: [String] { all.map(\.name) }
    public var defaultValueDescription: String { name }
}

/// `crm generate`: a synthetic bank's source extracts.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic bank's source extracts (one folder per business date) per docs/data-formats.md.")

    @Option(help: "tiny, small, medium or large.")
    var scale: GeneratorScale = .small

    @Option(help: "Random seed; the same arguments give byte-identical output.")
    var seed: UInt64 = 42

    @Option(help: "The first business date (YYYY-MM-DD).")
    var start: BusinessDate = BusinessDate("2025-01-01")!

    @Option(help: "Number of calendar days (default: the scale's: tiny 60, small 400, medium 30, large 1).")
    var days: Int?

    @Option(help: "The folder that receives the date folders.")
    var out: String

    func validate() throws {
        if let days, days < 1 { throw ValidationError("--days must be at least 1") }
    }

    func run() throws {
        let total = days ?? scale.defaultDays
        let progress = ProgressPrinter(title: "generate \(scale.name)")
        try BankGenerator(scale: scale, seed: seed, start: start, days: total).write(to: out) { date, done in
            progress.update(done: done, total: total, detail: date.description)
        }
        progress.finish("wrote \(total) date folders to \(out)")
    }
}
