import GRDB

/// A visit record as lists show it.
public struct Visit: Sendable, Equatable {
    public let id: String
    public let staffID: String
    public let staffName: String
    public let customerID: String
    public let customerName: String
    public let visitedAt: String
    public let contacts: String
    public let purpose: String
    public let notes: String
    public let nextStep: String
    public let latitudeE6: Int64?
    public let longitudeE6: Int64?
    public let address: String
    public let taskID: String?
    public let attachments: [StoredAttachment]
}

/// Visit records (客户拜访) of customers within a scope, newest first.
public enum VisitQuery {
    public static func list(_ db: Database, scope: DataScope, customerID: String? = nil, staffID: String? = nil,
                            limit: Int = 500) throws -> [Visit] {
        let condition = scope.customerCondition("v.customer_id")
        var filters = [condition.sql]
        var arguments = condition.arguments
        if let customerID {
            filters.append("v.customer_id = ?")
            arguments += [customerID]
        }
        if let staffID {
            filters.append("v.staff_id = ?")
            arguments += [staffID]
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT v.id, v.staff_id, COALESCE(s.name, v.staff_id), v.customer_id, COALESCE(c.name, v.customer_id), v.visited_at, v.contacts,
                   v.purpose, v.notes, v.next_step, v.latitude_e6, v.longitude_e6, v.address, v.task_id
            FROM work_visit v LEFT JOIN base_staff s ON s.staff_id = v.staff_id LEFT JOIN base_customer c ON c.customer_id = v.customer_id
            WHERE \(filters.joined(separator: " AND ")) ORDER BY v.visited_at DESC, v.id LIMIT ?
            """, arguments: arguments + [limit])
        var attachments: [String: [StoredAttachment]] = [:]
        let ids: [String] = rows.map { $0[0] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        for row in try Row.fetchAll(db, sql: """
            SELECT visit_id, file_name, size, sha256 FROM work_visit_attachment WHERE visit_id IN (\(marks)) ORDER BY visit_id, seq
            """, arguments: StatementArguments(ids)) {
            attachments[row[0], default: []].append(StoredAttachment(fileName: row[1], size: row[2], sha256: row[3]))
        }
        return rows.map { row in
            Visit(id: row[0], staffID: row[1], staffName: row[2], customerID: row[3], customerName: row[4], visitedAt: row[5],
                  contacts: row[6], purpose: row[7], notes: row[8], nextStep: row[9], latitudeE6: row[10], longitudeE6: row[11],
                  address: row[12], taskID: row[13], attachments: attachments[row[0]] ?? [])
        }
    }
}
