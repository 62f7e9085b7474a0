import CRMCore
import CRMStore
import Foundation
import GRDB

/// Receives the batch's progress, for a progress bar on a terminal or plain lines elsewhere.
public protocol BatchProgress: AnyObject {
    /// A date folder is about to load; `index` counts from 1 up to `total`.
    func dayStarted(_ date: BusinessDate, index: Int, total: Int)
    /// A step of the current day began (a file name or a layer).
    func stepStarted(_ step: String)
    func dayFinished(_ report: DayReport)
    func note(_ message: String)
}

/// What a run did.
public struct RunSummary: Sendable {
    public var days: [DayReport] = []
    public var skipped: [BusinessDate] = []
    /// The setting `reject_share_max_pct` in force for this run.
    public var rejectShareMaxPercent: Int64 = 1

    public var loaded: Int { days.reduce(0) { $0 + $1.loaded } }
    public var rejected: Int { days.reduce(0) { $0 + $1.rejected } }

    /// Rows loaded and rejected per file over the whole run, in load order.
    /// True when rejected rows pass the allowed share of the run's rows: the run then ends with exit status 1.
    public var exceedsRejectShare: Bool {
        let total = loaded + rejected
        return total > 0 && Int64(rejected) * 100 > rejectShareMaxPercent * Int64(total)
    }

    public var perFile: [(file: ExtractFile, counts: FileCounts)] {
        ExtractFile.allCases.compactMap { file in
            let entries = days.flatMap { $0.files.filter { $0.file == file } }
            guard !entries.isEmpty else { return nil }
            return (file, FileCounts(loaded: entries.reduce(0) { $0 + $1.counts.loaded },
                                     rejected: entries.reduce(0) { $0 + $1.counts.rejected }))
        }
    }
}

/// Errors that stop a run; days loaded before the error stay loaded.
public enum BatchError: Error, CustomStringConvertible {
    case noSourceFolders(String)
    case sourceNotFound(String)
    case gap(missing: BusinessDate, lastLoaded: BusinessDate)

    public var description: String {
        switch self {
        case .noSourceFolders(let path): return "\(path): no date folders (YYYY-MM-DD) in range"
        case .sourceNotFound(let path): return "\(path): no such folder"
        case .gap(let missing, let lastLoaded):
            return "missing business date \(missing): the last loaded date is \(lastLoaded) and every calendar day needs its folder"
        }
    }
}

/// Runs the layered batch over a folder of date folders (`crm etl`).
public struct BatchRunner {
    public let database: AppDatabase
    public let encoding: SourceEncoding
    /// Wall-clock time for `if_batch.loaded_at`; injected so tests are reproducible.
    public let now: @Sendable () -> Date

    public init(database: AppDatabase, encoding: SourceEncoding = .utf8, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.encoding = encoding
        self.now = now
    }

    /// The business dates already loaded, ascending.
    public func loadedDates() throws -> [BusinessDate] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT biz_date FROM if_batch ORDER BY biz_date").compactMap { BusinessDate($0) }
        }
    }

    /// Loads the date folders under `source` in order.
    ///
    /// Without `from`, dates already loaded are skipped and the run continues after the last loaded date.
    /// With `from` on or before the last loaded date, everything from `from` on is rolled back first and loaded again.
    /// Each date is one transaction: a run killed at any point keeps whole days only, and the next run resumes.
    public func run(source: String, from: BusinessDate? = nil, to: BusinessDate? = nil,
                    progress: BatchProgress? = nil) throws -> RunSummary {
        let folders = try SourceDirectory.dateFolders(in: source).filter { entry in
            (from.map { entry.date >= $0 } ?? true) && (to.map { entry.date <= $0 } ?? true)
        }
        guard !folders.isEmpty else { throw BatchError.noSourceFolders(source) }
        let settings = try database.writer.read(Settings.read)
        // A business date is one transaction that touches every account's running state and every index of the
        // day's facts: a cache that holds it avoids writing the same pages to the WAL again and again before commit.
        try database.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = -2097152") }
        var summary = RunSummary()
        summary.rejectShareMaxPercent = settings.rejectShareMaxPercent
        var lastLoaded = try loadedDates().last
        if let from, let last = lastLoaded, from <= last {
            progress?.note("rolling back to \(from.adding(days: -1)) to load \(from) again")
            try database.writer.write { db in try RollbackStep.run(db, from: from, settings: settings) }
            lastLoaded = try loadedDates().last
        }
        var references = try database.writer.read(ReferenceCache.load)
        let pending = folders.filter { entry in
            if let lastLoaded, entry.date <= lastLoaded { summary.skipped.append(entry.date); return false }
            return true
        }
        for (index, entry) in pending.enumerated() {
            if let lastLoaded, entry.date != lastLoaded.adding(days: 1) {
                throw BatchError.gap(missing: lastLoaded.adding(days: 1), lastLoaded: lastLoaded)
            }
            progress?.dayStarted(entry.date, index: index + 1, total: pending.count)
            let folder = try SourceFolder.read(path: entry.path, date: entry.date, encoding: encoding)
            let loadedAt = ISO8601DateFormatter().string(from: now())
            do {
                let report = try database.writer.write { db in
                    try DayLoad.run(db, folder: folder, references: references, settings: settings, loadedAt: loadedAt,
                                    onStep: { progress?.stepStarted($0) })
                }
                summary.days.append(report)
                progress?.dayFinished(report)
                lastLoaded = entry.date
            } catch {
                // The day rolled back; the cache may hold its keys.
                references = try database.writer.read(ReferenceCache.load)
                throw error
            }
        }
        return summary
    }
}

/// The date folders of a source directory.
public enum SourceDirectory {
    public struct Entry: Sendable {
        public let date: BusinessDate
        public let path: String
    }

    /// Sub-folders named `YYYY-MM-DD`, in date order.
    public static func dateFolders(in source: String) throws -> [Entry] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), isFolder.boolValue else {
            throw BatchError.sourceNotFound(source)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: source)
        return names.compactMap { name -> Entry? in
            guard let date = BusinessDate(name), date.description == name else { return nil }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue
            else { return nil }
            return Entry(date: date, path: source + "/" + name)
        }.sorted { $0.date < $1.date }
    }
}
