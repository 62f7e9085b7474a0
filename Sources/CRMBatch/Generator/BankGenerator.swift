import CRMCore
import Foundation

/// `crm generate`: writes a synthetic bank's source extracts, one date folder per calendar day, exactly per
/// the contract, byte-identical for the same scale, seed, start and number of days.
public struct BankGenerator {
    public let scale: GeneratorScale
    public let seed: UInt64
    public let start: BusinessDate
    public let days: Int
    public let dataDirectory: String

    public init(scale: GeneratorScale, seed: UInt64, start: BusinessDate, days: Int,
                dataDirectory: String? = nil) {
        self.scale = scale
        self.seed = seed
        self.start = start
        self.days = days
        self.dataDirectory = dataDirectory ?? ReferenceData.defaultDirectory()
    }

    /// Writes the folders under `output`. A folder's manifest is written last, so a killed run never leaves a
    /// folder that passes as complete; running again rewrites it. `progress` receives each finished date.
    public func write(to output: String, progress: ((BusinessDate, Int) -> Void)? = nil) throws {
        precondition(days > 0)
        let reference = try ReferenceData.load(from: dataDirectory)
        var builder = BankBuilder(scale: scale, reference: reference, seed: seed, start: start, days: days)
        let bank = builder.build()
        var simulator = DaySimulator(bank: bank, reference: reference, scale: scale, seed: seed, start: start, days: days)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        for dayIndex in 0..<days {
            let date = start.adding(days: dayIndex)
            let files = simulator.simulate(date, dayIndex: dayIndex)
            try writeFolder(output + "/" + date.description, files: files)
            progress?(date, dayIndex + 1)
        }
    }

    private func writeFolder(_ path: String, files: [ExtractFile: ByteWriter]) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        var manifest = ByteWriter(header: ["file", "rows", "sha256"])
        for file in ExtractFile.allCases {
            guard let writer = files[file], writer.rows > 0 else { continue }
            let data = Data(writer.bytes)
            guard manager.createFile(atPath: path + "/" + file.fileName, contents: data) else {
                throw GeneratorError.cannotWrite(path + "/" + file.fileName)
            }
            manifest.field(file.fileName)
            manifest.field(writer.rows)
            manifest.field(SourceFolder.sha256Hex(writer.bytes))
            manifest.endRow()
        }
        guard manager.createFile(atPath: path + "/" + ExtractFile.manifestName, contents: Data(manifest.bytes)) else {
            throw GeneratorError.cannotWrite(path + "/" + ExtractFile.manifestName)
        }
    }
}

/// The generator could not write its output.
public enum GeneratorError: Error, CustomStringConvertible {
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path): return "cannot write \(path)"
        }
    }
}
