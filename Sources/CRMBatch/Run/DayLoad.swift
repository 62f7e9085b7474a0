import CRMCore
import CRMStore
import Foundation
import GRDB

/// What one business date's load did.
public struct DayReport: Sendable {
    public let date: BusinessDate
    /// Counts per file, in load order.
    public let files: [(file: ExtractFile, counts: FileCounts)]
    public let warnings: Int
    /// Wall-clock seconds of each step (file loads and layers), for `crm etl --timings` and `make bench`.
    public let stepSeconds: [(step: String, seconds: Double)]

    public var loaded: Int { files.reduce(0) { $0 + $1.counts.loaded } }
    public var rejected: Int { files.reduce(0) { $0 + $1.counts.rejected } }
}

/// Loads one verified source folder through every layer, inside the caller's transaction.
enum DayLoad {
    static func run(_ db: Database, folder: SourceFolder, references: ReferenceCache, settings: Settings,
                    loadedAt: String, onStep: (String) -> Void) throws -> DayReport {
        var timer = StepTimer()
        func stepStarted(_ name: String) {
            timer.start(name)
            onStep(name)
        }
        let date = folder.date
        let day = date.description
        let firstLoaded = try LoadedDates.range(db)?.lowerBound ?? date
        let context = try LoadContext(db: db, date: date, references: references)
        // Today's transactions are the rows appended from here on.
        let before = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM base_transaction") ?? 0
        for warning in folder.warnings { try context.warn(file: warning.file, warning.message) }

        var files: [(ExtractFile, FileCounts)] = []
        for file in ExtractFile.allCases {
            guard let bytes = folder.files[file] else { continue }
            stepStarted(file.fileName)
            let counts = try FileLoad.run(file, bytes: bytes, context: context)
            files.append((file, counts))
            try db.execute(sql: """
                INSERT OR REPLACE INTO if_file(biz_date, file, rows, sha256, loaded, rejected) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [day, file.fileName, folder.rows[file] ?? 0, folder.checksums[file] ?? "",
                                 counts.loaded, counts.rejected])
        }

        stepStarted("assignments")
        // The CRM's own org changes and reassignments for this date come after the source's, as the later word.
        let reorganised = try OrgChange.applyEffective(on: date, db)
        let reassigned = try ManagerAssignment.applyEffective(on: date, db)
        stepStarted("summary")
        try SummaryStep.advance(db, date: date, firstLoaded: firstLoaded)
        stepStarted("weights")
        func changed(_ kinds: [ExtractFile]) -> Bool { files.contains { kinds.contains($0.0) && $0.1.loaded > 0 } }
        if changed([.org, .staff]) || reorganised > 0 {
            try IndicatorStep.refreshWeights(db, .all)
        } else if changed([.customers, .customerManagers]) || reassigned > 0 {
            try IndicatorStep.refreshWeights(db, .changedOn(day))
        }
        stepStarted("indicators")
        try IndicatorStep.build(db, date: date, thresholds: settings.tiers)
        stepStarted("reversals")
        try applyReversals(db, context: context, settings: settings)
        let today: StatementArguments = ["before": before]
        stepStarted("fund flows")
        try FundFlowStep.accumulate(db, sign: 1, filter: "rowid > :before", arguments: today)
        try ChurnStep.recordDay(db, transactionsAfter: before)
        stepStarted("alerts")
        try AlertStep.raiseRuleA(db, filter: "rowid > :before", arguments: today, minimum: settings.largeMovementMinimum)
        try AlertStep.raiseRuleB(db, date: date, settings: settings)
        try LoanEventStep.fromTransactions(db, after: before)
        stepStarted("customer status")
        try CustomerStatusStep.run(db, date: date, firstLoaded: firstLoaded, settings: settings,
                                   lastActive: .incremental(transactionsAfter: before))
        stepStarted("search index")
        try SearchIndexStep.run(db, date: date)
        stepStarted("churn")
        try ChurnStep.run(db, date: date, firstLoaded: firstLoaded)
        stepStarted("prospects")
        try ProspectStep.run(db, date: date)

        timer.stop()
        let report = DayReport(date: date, files: files, warnings: folder.warnings.count, stepSeconds: timer.steps)
        try db.execute(sql: """
            INSERT OR REPLACE INTO if_batch(biz_date, source_dir, manifest_sha256, rows_loaded, rows_rejected, loaded_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [day, folder.path, folder.manifestSHA256, report.loaded, report.rejected, loadedAt])
        return report
    }

    /// Marks the transactions reversed today and takes them out of earlier days' fund flows and alerts.
    private static func applyReversals(_ db: Database, context: LoadContext, settings: Settings) throws {
        guard !context.reversals.isEmpty else { return }
        let day = context.dateText
        try db.execute(sql: "DROP TABLE IF EXISTS temp.reversed; CREATE TEMP TABLE reversed(txn_id TEXT PRIMARY KEY)")
        for reversal in context.reversals {
            try db.execute(sql: "INSERT OR IGNORE INTO temp.reversed VALUES (?)", arguments: [reversal.original])
        }
        let earlier = "txn_id IN (SELECT txn_id FROM temp.reversed) AND biz_date < :day"
        // Earlier days were aggregated while the transaction still counted: take it back before marking it.
        try FundFlowStep.accumulate(db, sign: -1, filter: earlier, arguments: ["day": day])
        try ChurnTables.accumulateActivity(db, sign: -1, filter: earlier, arguments: ["day": day])
        try db.execute(sql: "UPDATE base_transaction SET reversed_on = ? WHERE txn_id IN (SELECT txn_id FROM temp.reversed)",
                       arguments: [day])
        let affected = try Row.fetchAll(db, sql: """
            SELECT DISTINCT customer_id, biz_date FROM base_transaction WHERE txn_id IN (SELECT txn_id FROM temp.reversed)
            """).map { (customer: $0[0] as String, day: $0[1] as String) }
        try AlertStep.refreshReversed(db, customerDays: affected, today: day, minimum: settings.largeMovementMinimum)
        try db.execute(sql: "DROP TABLE temp.reversed")
    }
}

/// Measures consecutive named steps.
struct StepTimer {
    private(set) var steps: [(step: String, seconds: Double)] = []
    private var current: (name: String, started: UInt64)?

    mutating func start(_ name: String) {
        stop()
        current = (name, DispatchTime.now().uptimeNanoseconds)
    }

    mutating func stop() {
        guard let current else { return }
        steps.append((current.name, Double(DispatchTime.now().uptimeNanoseconds - current.started) / 1e9))
        self.current = nil
    }
}
