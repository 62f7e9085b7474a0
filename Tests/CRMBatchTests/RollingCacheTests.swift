import CRMCore
import CRMStore
import Foundation
import GRDB
import Testing
@testable import CRMBatch

/// The state the churn and prospect steps roll from day to day (`app_activity_window`, the prospect cache) on the
/// hand-made bank of `PrecisionMarketingTests`: equal to the same state computed from scratch on every date, and
/// untouched by a day whose transaction was killed before its commit.
@Suite struct RollingCacheTests {
    static let prospectCache = ["app_prospect_cache_state", "app_prospect_row", "app_prospect_pair", "app_prospect_value",
                                "app_prospect_staff", "app_prospect_base", "app_prospect_manager", "app_prospect_stale"]

    static func window(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM app_activity_window ORDER BY customer_id").map(\.description)
                + (try String.fetchAll(db, sql: "SELECT as_of FROM app_activity_window_state"))
        }
    }

    /// Loads every date alone (the windows roll across the reversal of 6 January and the year end) and, after each,
    /// computes the sums again from scratch in a transaction that is then rolled back.
    @Test func activityWindowRolledDayByDayEqualsOneComputedFromScratch() throws {
        let scratch = PrecisionMarketingTests.source()
        let db = try FixtureBank.open()
        var date = BusinessDate("2024-09-01")!
        var compared = 0
        while date <= PrecisionMarketingTests.last {
            _ = try FixtureBank.load(db, scratch.path, to: date)
            let rolled = try Self.window(db)
            var fromScratch: [String] = []
            try db.writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    try ActivityWindowTables.clear(db)
                    try ActivityWindowTables.advance(db, to: date)
                    fromScratch = try Row.fetchAll(db, sql: "SELECT * FROM app_activity_window ORDER BY customer_id")
                        .map(\.description) + (try String.fetchAll(db, sql: "SELECT as_of FROM app_activity_window_state"))
                    return .rollback
                }
            }
            #expect(rolled == fromScratch, "\(date)")
            if rolled.count > 1 { compared += 1 }
            date = date.adding(days: 1)
        }
        #expect(compared > 100)
        // C3's 8 transactions of October and November are the 90 days before the last 30, its one of January the 30.
        let c3 = try db.writer.read { try Row.fetchOne($0, sql: "SELECT recent, prior FROM app_activity_window WHERE customer_id = 'C3'") }
        #expect(c3?[0] == 1 && c3?[1] == 8)
    }

    /// A day killed after every step but before its commit leaves nothing behind: loading it again gives the database
    /// a run without the kill gives, with no duplicates.
    @Test func aKilledDayLoadedAgainEqualsAnUninterruptedLoad() throws {
        struct Killed: Error {}
        let scratch = PrecisionMarketingTests.source()
        let straight = try FixtureBank.open()
        _ = try FixtureBank.load(straight, scratch.path)

        let db = try FixtureBank.open()
        // The kill falls on the day of the reversal, with both rolling states in place.
        let killedDay = BusinessDate("2025-01-06")!
        _ = try FixtureBank.load(db, scratch.path, to: killedDay.adding(days: -1))
        let folder = try SourceFolder.read(path: "\(scratch.path)/\(killedDay)", date: killedDay, encoding: .utf8)
        let references = try db.writer.read(ReferenceCache.load)
        let settings = try db.writer.read(Settings.read)
        #expect(throws: Killed.self) {
            try db.writer.write { db in
                _ = try DayLoad.run(db, folder: folder, references: references, settings: settings, loadedAt: "x",
                                    onStep: { _ in })
                throw Killed()
            }
        }
        _ = try FixtureBank.load(db, scratch.path)
        let tables = ["app_churn", "app_activity_day", "app_activity_window", "app_activity_window_state", "app_prospect"]
            + Self.prospectCache
        #expect(try DatabaseDump.dump(db).filter { tables.contains($0.key) }
                == DatabaseDump.dump(straight).filter { tables.contains($0.key) })
    }
}
