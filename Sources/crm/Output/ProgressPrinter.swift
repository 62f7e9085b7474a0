import CRMBatch
import CRMCore
import Foundation

/// Progress on standard error: a bar redrawn in place on a terminal, plain lines otherwise (logs, pipes, CI).
final class ProgressPrinter {
    private let title: String
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastPlainLine = Date.distantPast

    init(title: String) { self.title = title }

    func update(done: Int, total: Int, detail: String) {
        if isTerminal {
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            write("\r\u{1B}[2K\(title) \(bar) \(done)/\(total) \(detail)")
        } else if done == total || Date().timeIntervalSince(lastPlainLine) >= 1 {
            lastPlainLine = Date()
            write("\(title): \(done)/\(total) \(detail)\n")
        }
    }

    func finish(_ message: String) {
        write((isTerminal ? "\r\u{1B}[2K" : "") + message + "\n")
    }

    func line(_ message: String) {
        write((isTerminal ? "\r\u{1B}[2K" : "") + message + "\n")
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Adapts the batch's progress callbacks to a `ProgressPrinter`.
final class BatchProgressPrinter: BatchProgress {
    private let printer = ProgressPrinter(title: "etl")
    private var index = 0
    private var total = 0
    private var date = ""

    func dayStarted(_ date: BusinessDate, index: Int, total: Int) {
        self.index = index - 1
        self.total = total
        self.date = date.description
        printer.update(done: self.index, total: total, detail: self.date)
    }

    func stepStarted(_ step: String) { printer.update(done: index, total: total, detail: "\(date) \(step)") }

    func dayFinished(_ report: DayReport) {
        printer.update(done: index + 1, total: total, detail: "\(date) \(report.loaded) rows, \(report.rejected) rejected")
    }

    func note(_ message: String) { printer.line(message) }

    func finish(_ message: String) { printer.finish(message) }
}
