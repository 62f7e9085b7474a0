import GRDB

/// Reads the KPI library (经营指标库).
public enum KPILibrary {
    /// Every indicator: built-in ones first, each group by code.
    public static func all(_ db: Database) throws -> [KPIIndicator] {
        try Row.fetchAll(db, sql: select + " ORDER BY built_in DESC, code").compactMap(indicator)
    }

    /// One indicator; nil when the code is unknown.
    public static func indicator(_ db: Database, code: String) throws -> KPIIndicator? {
        try Row.fetchOne(db, sql: select + " WHERE code = ?", arguments: [code]).flatMap(indicator)
    }

    private static let select = "SELECT code, name_zh, name_en, unit, direction, measure, built_in FROM work_kpi"

    private static func indicator(_ row: Row) -> KPIIndicator? {
        guard let unit = KPIUnit(rawValue: row[3]), let direction = KPIDirection(rawValue: row[4]),
              let measure = KPIMeasure(rawValue: row[5]) else { return nil }
        return KPIIndicator(code: row[0], nameZh: row[1], nameEn: row[2], unit: unit, direction: direction, measure: measure,
                            builtIn: row[6])
    }
}
