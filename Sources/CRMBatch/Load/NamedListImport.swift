import Foundation
import CRMCore
import CRMStore
import GRDB

/// A row of a named-list import file that was not taken, with why.
public struct NamedListReject: Sendable, Equatable {
    public let line: Int
    public let value: String
    public let reason: String
}

/// Reads a named-list import (名单导入): a CSV file with a header naming a `customer_id` or a `uscc` column (other
/// columns are ignored), one customer per row. Each row is taken when it names a customer in the scope, once;
/// otherwise it is rejected with its line and reason, and the rest still count.
public enum NamedListImport {
    public static func read(_ bytes: [UInt8], scope: DataScope, _ db: Database) throws -> (accepted: [String], rejected: [NamedListReject]) {
        var reader = CSVReader(bytes: bytes)
        guard try reader.next() else { throw MutationError("文件是空的 (the file is empty)") }
        let names = reader.fields.indices.map { reader.string($0).trimmingCharacters(in: .whitespaces).lowercased() }
        let idColumn = names.firstIndex(of: "customer_id"), usccColumn = names.firstIndex(of: "uscc")
        guard idColumn != nil || usccColumn != nil else {
            throw MutationError("表头须有 customer_id 或 uscc 列 (the header needs a customer_id or uscc column)")
        }
        var accepted: [String] = []
        var seen = Set<String>()
        var rejected: [NamedListReject] = []
        while try reader.next() {
            let line = reader.recordLine
            func field(_ index: Int?) -> String {
                guard let index, index < reader.fields.count else { return "" }
                return reader.string(index).trimmingCharacters(in: .whitespaces)
            }
            let id = field(idColumn), uscc = field(usccColumn)
            guard !(id.isEmpty && uscc.isEmpty) else {
                if reader.fields.indices.allSatisfy({ reader.string($0).isEmpty }) { continue }
                rejected.append(NamedListReject(line: line, value: "", reason: "没有客户号或统一社会信用代码 (no customer id or USCC)"))
                continue
            }
            var customer: String?
            if !id.isEmpty {
                customer = try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer WHERE customer_id = ?", arguments: [id])
            } else if !USCC.isValid(uscc) {
                rejected.append(NamedListReject(line: line, value: uscc, reason: "统一社会信用代码无效（校验位不符）(bad USCC)"))
                continue
            } else {
                customer = try String.fetchOne(db, sql: "SELECT customer_id FROM base_customer WHERE uscc = ? ORDER BY customer_id", arguments: [uscc])
            }
            let shown = id.isEmpty ? uscc : id
            guard let customer, try scope.contains(customerID: customer, db) else {
                rejected.append(NamedListReject(line: line, value: shown, reason: "不是你可见的客户（或不存在）(not a customer you may see)"))
                continue
            }
            guard seen.insert(customer).inserted else {
                rejected.append(NamedListReject(line: line, value: shown, reason: "文件中重复 (listed twice in the file)"))
                continue
            }
            accepted.append(customer)
        }
        return (accepted, rejected)
    }
}
