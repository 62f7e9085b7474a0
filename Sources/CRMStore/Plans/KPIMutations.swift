import CRMCore
import Foundation
import GRDB

/// `kpi.define`: head office adds an indicator to the library, or changes one's names, unit and direction. A new
/// indicator names one of the measures the indicator layer has; an existing one keeps its measure. The unit must
/// be the measure's own.
public struct DefineKPI: Mutation {
    public let name = "kpi.define"
    public let indicator: KPIIndicator

    /// `indicator.builtIn` is ignored: what is stored decides it.
    public init(_ indicator: KPIIndicator) { self.indicator = indicator }

    public var payload: JSONValue {
        .object([("code", .string(indicator.code)), ("name_zh", .string(indicator.nameZh)), ("name_en", .string(indicator.nameEn)),
                 ("unit", .string(indicator.unit.rawValue)), ("direction", .string(indicator.direction.rawValue)),
                 ("measure", .string(indicator.measure.rawValue))])
    }

    /// Rebuilds the mutation from its ``payload``, as the outbox and sync carry it (`builtIn` false: it is ignored).
    public init(payload: JSONValue) throws {
        try self.init(KPIIndicator(code: payload.text("code"), nameZh: payload.text("name_zh"), nameEn: payload.text("name_en"),
                                   unit: payload.oneOf("unit", KPIUnit.self), direction: payload.oneOf("direction", KPIDirection.self),
                                   measure: payload.oneOf("measure", KPIMeasure.self), builtIn: false))
    }

    public func apply(_ db: Database, context: MutationContext) throws {
        guard context.actor.role == .headOffice else {
            throw MutationError("只有总行可以维护经营指标库 (only head office maintains the KPI library)")
        }
        let code = indicator.code
        guard (2...20).contains(code.count), code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { throw MutationError("指标代码应为 2 到 20 个大写字母、数字或下划线 (the code is 2 to 20 of A-Z, 0-9 and _)") }
        let nameZh = try Self.name(indicator.nameZh, field: "中文名称")
        let nameEn = try Self.name(indicator.nameEn, field: "英文名称")
        guard indicator.unit == indicator.measure.unit else {
            throw MutationError("单位应为该口径的单位 \(indicator.measure.unit.chineseName) (the unit is the measure's: \(indicator.measure.unit.englishName))")
        }
        if let stored = try KPILibrary.indicator(db, code: code) {
            guard stored.measure == indicator.measure else {
                throw MutationError("指标 \(code) 的取数口径不能修改 (an indicator's measure is fixed)")
            }
            try db.execute(sql: """
                UPDATE work_kpi SET name_zh = ?, name_en = ?, unit = ?, direction = ?, updated_by = ?, updated_at = ? WHERE code = ?
                """, arguments: [nameZh, nameEn, indicator.unit.rawValue, indicator.direction.rawValue, context.actor.staffID,
                                 context.timestamp, code])
        } else {
            try db.execute(sql: """
                INSERT INTO work_kpi(code, name_zh, name_en, unit, direction, measure, aggregation, built_in, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                """, arguments: [code, nameZh, nameEn, indicator.unit.rawValue, indicator.direction.rawValue, indicator.measure.rawValue,
                                 indicator.aggregation.rawValue, context.actor.staffID, context.timestamp])
        }
    }

    private static func name(_ text: String, field: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard (1...30).contains(name.count) else { throw MutationError("\(field)应为 1 到 30 个字 (a name is 1 to 30 characters)") }
        try TextRules.requirePlain(name, field: field)
        return name
    }
}
