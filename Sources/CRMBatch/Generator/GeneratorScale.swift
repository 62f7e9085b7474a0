/// The sizes of synthetic bank that `crm generate --scale` builds.
public struct GeneratorScale: Sendable, Equatable {
    public let name: String
    let branches: Int
    let subBranchesPerBranch: Int
    let teamsPerSubBranch: Int
    let managersPerTeam: Int
    let customers: Int
    let transactionsPerDay: Int
    /// The number of days `crm demo` and the README use for this scale.
    public let defaultDays: Int

    public static let tiny = GeneratorScale(name: "tiny", branches: 1, subBranchesPerBranch: 1, teamsPerSubBranch: 2,
                                            managersPerTeam: 3, customers: 200, transactionsPerDay: 300, defaultDays: 60)
    public static let small = GeneratorScale(name: "small", branches: 2, subBranchesPerBranch: 2, teamsPerSubBranch: 2,
                                             managersPerTeam: 3, customers: 2_000, transactionsPerDay: 3_000, defaultDays: 400)
    public static let medium = GeneratorScale(name: "medium", branches: 8, subBranchesPerBranch: 4, teamsPerSubBranch: 3,
                                              managersPerTeam: 6, customers: 50_000, transactionsPerDay: 60_000, defaultDays: 30)
    public static let large = GeneratorScale(name: "large", branches: 20, subBranchesPerBranch: 6, teamsPerSubBranch: 3,
                                             managersPerTeam: 8, customers: 300_000, transactionsPerDay: 1_000_000, defaultDays: 1)

    public static let all = [tiny, small, medium, large]

    public static func named(_ name: String) -> GeneratorScale? { all.first { $0.name == name } }
}
