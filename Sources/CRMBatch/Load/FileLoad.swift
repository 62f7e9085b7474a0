/// Rows loaded and rejected from one file.
public struct FileCounts: Sendable, Equatable {
    public var loaded = 0
    public var rejected = 0

    public init(loaded: Int = 0, rejected: Int = 0) {
        self.loaded = loaded
        self.rejected = rejected
    }
}

/// Reads one contract file record by record and hands each row to its loader, sending bad rows to the rejects table.
enum FileLoad {
    /// The loader type of each contract file.
    static func loaderType(for file: ExtractFile) -> any ExtractLoader.Type {
        switch file {
        case .org: return OrgLoader.self
        case .staff: return StaffLoader.self
        case .products: return ProductLoader.self
        case .customers: return CustomerLoader.self
        case .customerManagers: return CustomerManagerLoader.self
        case .accounts: return AccountLoader.self
        case .loans: return LoanLoader.self
        case .creditLimits: return CreditLimitLoader.self
        case .conglomerates: return ConglomerateLoader.self
        case .conglomerateMembers: return ConglomerateMemberLoader.self
        case .balances: return BalanceLoader.self
        case .transactions: return TransactionLoader.self
        case .profit: return ProfitLoader.self
        case .extRegistration: return RegistrationLoader.self
        case .extShareholders: return ShareholderLoader.self
        case .extRelations: return RelationLoader.self
        case .extEvents: return EventLoader.self
        }
    }

    static func run(_ file: ExtractFile, bytes: [UInt8], context: LoadContext) throws -> FileCounts {
        var loader = try loaderType(for: file).init(context)
        return try run(file, bytes: bytes, loader: &loader, context: context)
    }

    private static func run<Loader: ExtractLoader>(_ file: ExtractFile, bytes: [UInt8], loader: inout Loader,
                                                   context: LoadContext) throws -> FileCounts {
        var counts = FileCounts()
        var csv = CSVReader(bytes: bytes)
        do {
            guard try csv.next() else { return counts }
        } catch {
            try context.reject(file: file.fileName, line: 1, RowRejection(column: nil, "unterminated quoted field in the header: file not loaded"),
                               record: "")
            counts.rejected = max(1, CSVReader.countDataRecords(bytes))
            return counts
        }
        let header = csv.fields.indices.map { csv.string($0) }
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if file.columns.contains(name) {
                positions[name] = index
            } else {
                try context.warn(file: file.fileName, "unknown column '\(name)' ignored")
            }
        }
        let missing = file.columns.filter { positions[$0] == nil && !file.optionalColumns.contains($0) }
        if !missing.isEmpty {
            // Without a required column no row can be read: the file is refused as one rejection, every row counted.
            let rows = CSVReader.countDataRecords(bytes)
            try context.reject(file: file.fileName, line: 1,
                               RowRejection(column: missing.joined(separator: ","), "missing column(s) in the header: file not loaded"),
                               record: header.joined(separator: ","))
            counts.rejected = rows
            return counts
        }
        for column in file.columns where positions[column] == nil {
            try context.warn(file: file.fileName, "optional column '\(column)' absent: loaded as empty")
        }
        var row = RowReader(csv: csv, positions: positions)
        while true {
            do {
                guard try row.next() else { break }
            } catch {
                try context.reject(file: file.fileName, line: row.line, RowRejection(column: nil, "unterminated quoted field"),
                                   record: row.csv.recordText)
                counts.rejected += 1
                continue
            }
            let found = row.csv.fields.count
            guard found == header.count else {
                try context.reject(file: file.fileName, line: row.line,
                                   RowRejection(column: nil, "wrong number of fields: expected \(header.count), found \(found)"),
                                   record: row.csv.recordText)
                counts.rejected += 1
                continue
            }
            do {
                try loader.load(row)
                counts.loaded += 1
            } catch let rejection as RowRejection {
                try context.reject(file: file.fileName, line: row.line, rejection, record: row.csv.recordText)
                counts.rejected += 1
            }
        }
        for deferred in try loader.finish() {
            try context.reject(file: file.fileName, line: deferred.line, deferred.rejection, record: deferred.record)
            counts.loaded -= 1
            counts.rejected += 1
        }
        return counts
    }
}
