import CRMCore
import GRDB

/// One change to the org tree made in the CRM (机构团队管理), as stored in `work_org_change` and replayed by the
/// batch. Writing it is shared by the mutations (at once) and the batch (on its effective date).
public struct OrgChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A new node `targetID` under `parentID` at `level`, called `name`.
        case create = "CREATE"
        /// Node `targetID` is now called `name`.
        case rename = "RENAME"
        /// Node `targetID` now sits under `parentID`.
        case move = "MOVE"
        /// Node `targetID` is closed; its active staff move to `successorID`, their customers with them.
        case close = "CLOSE"
        /// Member of staff `targetID` now works in `parentID`.
        case staffMove = "STAFF_MOVE"
    }

    public let kind: Kind
    public let targetID: String
    public var name: String?
    public var parentID: String?
    public var level: OrgLevel?
    public var successorID: String?

    public init(kind: Kind, targetID: String, name: String? = nil, parentID: String? = nil, level: OrgLevel? = nil,
                successorID: String? = nil) {
        self.kind = kind
        self.targetID = targetID
        self.name = name
        self.parentID = parentID
        self.level = level
        self.successorID = successorID
    }

    /// Writes the change into the base layer, dated `batchDate`. Source line 0 marks rows made in the CRM.
    func write(_ db: Database, batchDate: String) throws {
        switch kind {
        case .create:
            // A new node shares its parent's CNAPS code: the bank's own accounts there are still this bank's.
            try db.execute(sql: """
                INSERT OR REPLACE INTO base_org(org_id, parent_id, level, name, region_code, bank_code, status, batch_date, source_line)
                SELECT ?, ?, ?, ?, p.region_code, p.bank_code, 'ACTIVE', ?, 0 FROM base_org p WHERE p.org_id = ?
                """, arguments: [targetID, parentID, level?.rawValue, name, batchDate, parentID])
        case .rename:
            try db.execute(sql: "UPDATE base_org SET name = ?, batch_date = ?, source_line = 0 WHERE org_id = ?",
                           arguments: [name, batchDate, targetID])
        case .move:
            try db.execute(sql: "UPDATE base_org SET parent_id = ?, batch_date = ?, source_line = 0 WHERE org_id = ?",
                           arguments: [parentID, batchDate, targetID])
        case .close:
            try db.execute(sql: "UPDATE base_org SET status = 'CLOSED', batch_date = ?, source_line = 0 WHERE org_id = ?",
                           arguments: [batchDate, targetID])
            try db.execute(sql: """
                UPDATE base_staff SET org_id = ?, batch_date = ?, source_line = 0 WHERE org_id = ? AND status = 'ACTIVE'
                """, arguments: [successorID, batchDate, targetID])
        case .staffMove:
            try db.execute(sql: "UPDATE base_staff SET org_id = ?, batch_date = ?, source_line = 0 WHERE staff_id = ?",
                           arguments: [parentID, batchDate, targetID])
        }
    }

    /// Records the change under `id`, effective on `effectiveDate`, and writes it at once.
    func record(_ db: Database, id: String, effectiveDate: BusinessDate, context: MutationContext) throws {
        try db.execute(sql: """
            INSERT INTO work_org_change(id, kind, target_id, name, parent_id, level, successor_id, effective_date, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, kind.rawValue, targetID, name, parentID, level?.rawValue, successorID, effectiveDate.description,
                             context.actor.staffID, context.timestamp])
        try write(db, batchDate: effectiveDate.description)
    }

    /// Applies the changes effective on `date` in the order they were made, after that date's extracts: the
    /// CRM's word comes after the source's for that day, and a source row received on a later day wins.
    /// Returns how many.
    @discardableResult
    public static func applyEffective(on date: BusinessDate, _ db: Database) throws -> Int {
        let rows = try Row.fetchAll(db, sql: """
            SELECT kind, target_id, name, parent_id, level, successor_id FROM work_org_change WHERE effective_date = ? ORDER BY seq
            """, arguments: [date.description])
        for row in rows {
            guard let kind = Kind(rawValue: row[0]) else { continue }
            let level: String? = row[4]
            try OrgChange(kind: kind, targetID: row[1], name: row[2], parentID: row[3], level: level.flatMap(OrgLevel.init(rawValue:)),
                          successorID: row[5]).write(db, batchDate: date.description)
        }
        return rows.count
    }
}
