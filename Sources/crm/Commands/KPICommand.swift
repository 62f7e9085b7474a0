import ArgumentParser
import CRMCore
import CRMStore

/// `crm kpi`: the KPI library (经营指标库).
struct KPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi", abstract: "The KPI library (经营指标库): indicators plans are set on.",
        subcommands: [KPIListCommand.self, KPIDefineCommand.self])
}

/// `crm kpi list [--json]`.
struct KPIListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the indicators with unit, direction and measure.")

    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try database.open()
        _ = try scope.viewer(in: db, for: .plans)
        let indicators = try db.writer.read(KPILibrary.all)
        if output.json {
            printJSON(.array(indicators.map { indicator in
                .object([("code", .string(indicator.code)), ("name_zh", .string(indicator.nameZh)), ("name_en", .string(indicator.nameEn)),
                         ("unit", .string(indicator.unit.rawValue)), ("direction", .string(indicator.direction.rawValue)),
                         ("measure", .string(indicator.measure.rawValue)), ("aggregation", .string(indicator.aggregation.rawValue)),
                         ("built_in", .bool(indicator.builtIn))])
            }))
            return
        }
        var table = TextTable([("代码 code", .left), ("名称", .left), ("name", .left), ("单位 unit", .left), ("方向 direction", .left),
                               ("口径 measure", .left), ("汇总 aggregation", .left)])
        for indicator in indicators {
            table.add([indicator.code, indicator.nameZh, indicator.nameEn, indicator.unit.chineseName, indicator.direction.chineseName,
                       indicator.measure.rawValue, indicator.aggregation == .sum ? "求和 sum" : "比率 ratio of sums"])
        }
        print(table.render())
    }
}

/// `crm kpi define CODE --name-zh … --name-en … --measure … [--direction lower] --as HQ`: adds an indicator or
/// changes one's names and direction (head office, through the named mutation `kpi.define`).
struct KPIDefineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "define", abstract: "Add an indicator or change its names and direction (head office).")

    @Argument(help: "Indicator code: 2 to 20 of A-Z, 0-9 and _.") var code: String
    @Option(name: .customLong("name-zh"), help: "Chinese name.") var nameZh: String
    @Option(name: .customLong("name-en"), help: "English name.") var nameEn: String
    @Option(help: "What it measures: \(KPIMeasure.allCases.map(\.rawValue).joined(separator: ", ")).") var measure: KPIMeasure
    @Option(help: "HIGHER or LOWER is better.") var direction: KPIDirection = .higher
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.open()
        let actor = try PlanCommandSupport.actor(scope, db, for: .issuePlan)
        let builtIn = try db.writer.read { try KPILibrary.indicator($0, code: code)?.builtIn } ?? false
        let indicator = KPIIndicator(code: code, nameZh: nameZh, nameEn: nameEn, unit: measure.unit, direction: direction, measure: measure,
                                     builtIn: builtIn)
        try PlanCommandSupport.apply(DefineKPI(indicator), by: actor, db)
        print("\(code): \(nameZh) / \(nameEn), \(measure.rawValue), \(direction.rawValue)")
    }
}

extension KPIMeasure: ExpressibleByArgument {}
extension KPIDirection: ExpressibleByArgument {}
