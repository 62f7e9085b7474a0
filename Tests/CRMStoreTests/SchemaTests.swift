import CRMCore
import Foundation
import GRDB
import Testing
@testable import CRMStore

@Suite struct SchemaTests {
    @Test func migratesAnEmptyDatabaseWithEveryLayer() throws {
        let db = try AppDatabase.inMemory()
        let tables = try db.writer.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        for prefix in ["if_", "base_", "sum_", "ind_", "app_", "sys_"] {
            #expect(tables.contains { $0.hasPrefix(prefix) }, "no \(prefix) table")
        }
        #expect(try db.writer.read { try Schema.migrator.hasCompletedMigrations($0) })
    }

    @Test func settingsStartAtDomainDefaults() throws {
        let db = try AppDatabase.inMemory()
        let settings = try db.writer.read(Settings.read)
        #expect(settings == Settings())
        #expect(settings.largeMovementMinimum == 1_000_000_00)
        #expect(settings.tiers.effectiveAccountMinimum == 100_000_00)
        #expect(settings.pricingDefaults == .standard)
    }

    @Test func pricingDefaultsFollowTheSettings() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (key, value) in [("capital_ratio_pct", "11.25"), ("day_basis", "365"), ("tax_rate_pct", "15"), ("hurdle_rate_pct", "12")] {
                try db.execute(sql: "UPDATE sys_setting SET value = ? WHERE key = ?", arguments: [value, key])
            }
        }
        #expect(try db.writer.read(Settings.read).pricingDefaults
                    == PricingDefaults(taxPPM: 150_000, hurdlePPM: 120_000, capitalRatioPPM: 112_500, dayBasis: 365))
        try db.writer.write { try $0.execute(sql: "UPDATE sys_setting SET value = '300' WHERE key = 'day_basis'") }
        #expect(try db.writer.read(Settings.read).dayBasis == 360, "a basis other than 360 or 365 keeps the default")
    }

    @Test func changedSettingsAreRead() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { try $0.execute(sql: "UPDATE sys_setting SET value = '2000000' WHERE key = 'large_movement_min'") }
        #expect(try db.writer.read(Settings.read).largeMovementMinimum == 2_000_000_00)
    }

    @Test func databaseFileIsPrivate() throws {
        let path = NSTemporaryDirectory() + "crm-schema-\(UUID().uuidString)/crm.sqlite"
        _ = try AppDatabase.open(path: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}
