import CRMStore
import GRDB

/// The replicas the server knows: each client id belongs to one member of staff on one device, and carries
/// the number of the last change of it the server has handled.
enum SyncClients {
    /// The last handled change number of `clientID` (0 for a new client); refuses a client id that belongs
    /// to someone else or to another device.
    static func lastSeq(_ db: Database, clientID: String, staff: StaffProfile, deviceID: String) throws -> Int64 {
        guard let row = try Row.fetchOne(db, sql: "SELECT staff_id, device_id, last_seq FROM sync_client WHERE client_id = ?",
                                         arguments: [clientID]) else { return 0 }
        guard row["staff_id"] == staff.staffID, row["device_id"] == deviceID else {
            throw SyncFailure("client_mismatch", "该副本不属于当前登录的用户或设备 (client \(clientID) belongs to another user or device)")
        }
        return row["last_seq"]
    }

    /// Records the handling of `mutation` and advances the client's number (registering the client first).
    static func record(_ db: Database, clientID: String, mutation: PushedMutation, reason: String?, at: String) throws {
        try db.execute(sql: """
            INSERT INTO sync_mutation(client_id, seq, mutation_id, name, status, reason, device_time, handled_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [clientID, mutation.seq, mutation.mutationID, mutation.name,
                             reason == nil ? "APPLIED" : "REJECTED", reason, mutation.deviceTime, at])
        try db.execute(sql: "UPDATE sync_client SET last_seq = ? WHERE client_id = ?", arguments: [mutation.seq, clientID])
    }

    /// Registers a client id for the signed-in user and device when it is new; returns its last handled number.
    static func register(_ db: Database, clientID: String, staff: StaffProfile, deviceID: String, at: String) throws -> Int64 {
        let seq = try lastSeq(db, clientID: clientID, staff: staff, deviceID: deviceID)
        try db.execute(sql: """
            INSERT OR IGNORE INTO sync_client(client_id, staff_id, device_id, last_seq, created_at) VALUES (?, ?, ?, 0, ?)
            """, arguments: [clientID, staff.staffID, deviceID, at])
        return seq
    }

    /// The result given when change `seq` was first handled, repeated for a retried push.
    static func earlierResult(_ db: Database, clientID: String, seq: Int64) throws -> MutationResult? {
        try Row.fetchOne(db, sql: "SELECT mutation_id, status, reason FROM sync_mutation WHERE client_id = ? AND seq = ?",
                         arguments: [clientID, seq]).map { row in
            MutationResult(seq: seq, mutationID: row["mutation_id"],
                           status: MutationResult.Status(rawValue: row["status"]) ?? .rejected, reason: row["reason"])
        }
    }
}
