import Foundation

/// The dictionaries in data/ that give the synthetic bank its names, places, industries and products.
struct ReferenceData {
    struct Region {
        let code: String
        let province: String
        let city: String
        let district: String
        let cityShort: String
    }

    struct Industry {
        let code: String
        let name: String
        let nameWords: [String]
        let weight: Double
    }

    struct Bank {
        let prefix: String
        let name: String
    }

    struct Product {
        let code: String
        let name: String
        let category: String
        let kind: String
        let onBalance: Bool
        /// Customer rate in percent text, empty for products without one.
        let rate: String
    }

    let regions: [Region]
    let industries: [Industry]
    let nameCores: [String]
    let surnames: [(name: String, weight: Double)]
    let givenNames: [String]
    let banks: [Bank]
    let cnapsAreas: [String: String]
    let products: [Product]

    /// Reads every file of `directory`; throws naming the file that is missing or malformed.
    static func load(from directory: String) throws -> ReferenceData {
        func table(_ name: String, columns: Int) throws -> [[String]] {
            let lines = try text(name).split(whereSeparator: \.isNewline).dropFirst()
            return try lines.enumerated().map { index, line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == columns else {
                    throw ReferenceDataError(file: name, problem: "line \(index + 2) has \(fields.count) fields, expected \(columns)")
                }
                return fields
            }
        }
        func text(_ name: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                throw ReferenceDataError(file: name, problem: "missing from \(directory)")
            }
            return String(decoding: data, as: UTF8.self)
        }
        func list(_ name: String) throws -> [String] {
            try text(name).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return ReferenceData(
            regions: try table("regions.csv", columns: 5).map { Region(code: $0[0], province: $0[1], city: $0[2], district: $0[3], cityShort: $0[4]) },
            industries: try table("industries.csv", columns: 5).map {
                Industry(code: $0[0], name: $0[2], nameWords: $0[3].split(separator: "|").map(String.init), weight: Double($0[4]) ?? 1)
            },
            nameCores: try list("name_cores.txt"),
            surnames: try table("surnames.csv", columns: 2).map { ($0[0], Double($0[1]) ?? 1) },
            givenNames: try list("given_names.txt"),
            banks: try table("banks.csv", columns: 3).map { Bank(prefix: $0[0], name: $0[1]) },
            cnapsAreas: Dictionary(try table("cnaps_areas.csv", columns: 2).map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a }),
            products: try table("products.csv", columns: 6).map {
                Product(code: $0[0], name: $0[1], category: $0[2], kind: $0[3], onBalance: $0[4] == "Y", rate: $0[5])
            })
    }

    /// The data/ folder: `CRM_DATA` when set, else the first `data` folder found walking up from the executable
    /// and from the working directory (a checkout or an installed share/crm).
    static func defaultDirectory() -> String {
        if let explicit = ProcessInfo.processInfo.environment["CRM_DATA"], !explicit.isEmpty { return explicit }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates: [URL] = []
        for start in [executable, URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            var folder = start
            for _ in 0..<6 {
                candidates.append(folder.appendingPathComponent("data"))
                candidates.append(folder.appendingPathComponent("share/crm/data"))
                folder = folder.deletingLastPathComponent()
            }
        }
        let found = candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("industries.csv").path) }
        return found?.path ?? "data"
    }
}

/// A reference file that is missing or malformed.
struct ReferenceDataError: Error, CustomStringConvertible {
    let file: String
    let problem: String
    var description: String { "reference data \(file): \(problem)" }
}
