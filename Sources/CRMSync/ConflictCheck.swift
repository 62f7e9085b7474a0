import CRMStore
import GRDB

/// The conflict rules that need versions: a change to an opportunity's stage, amount or owner, or to a plan
/// target, based on a version someone else has changed since, is refused for the user to resolve. Everything
/// else follows the mutation's own rule (last writer wins field by field, tags add-wins, visits append).
enum ConflictCheck {
    /// Throws when a version-checked row the change was based on has since been changed by another writer.
    static func verify(_ bases: [RowBase], clientID: String, _ db: Database) throws {
        for base in bases where SyncCatalog.versionCheckedTables.contains(base.table) {
            guard let row = try Row.fetchOne(db, sql: "SELECT op_id, client_id FROM sync_row_version WHERE tbl = ? AND row_key = ?",
                                             arguments: [base.table, base.rowKey]) else { continue }
            let opID: Int64 = row["op_id"]
            let writer: String? = row["client_id"]
            if opID > base.opID && writer != clientID {
                throw MutationError("冲突：该记录在你离线期间已被他人修改，请刷新后重做 (conflict: \(base.table) \(base.rowKey) was changed by someone else since version \(base.opID))")
            }
        }
    }

    /// After a rejection, publishes the rows the change touched on the replica again, so the replica's own
    /// edit is replaced by the server's row (a row the server does not have is removed by the replica itself).
    static func sendAgain(_ bases: [RowBase], _ db: Database) throws {
        for base in bases where SyncCatalog.table(named: base.table) != nil {
            try OpPublisher.republish(table: base.table, rowKey: base.rowKey, db)
        }
        try OpPublisher.publish(db)
    }
}
