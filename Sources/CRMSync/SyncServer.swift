import CRMCore
import CRMStore
import Foundation
import GRDB

/// The server side of sync over the central store: checkpoints and pages for pulls, exactly-once application
/// of pushed changes. Transport-free, so the HTTP routes and the in-process simulation call the same code.
public struct SyncServer: Sendable {
    public let database: AppDatabase
    public let clock: WallClock
    /// Ops per pull page: a pull cut anywhere downloads at most this many again.
    public let pageSize: Int

    public init(database: AppDatabase, clock: WallClock, pageSize: Int = 1000) {
        self.database = database
        self.clock = clock
        self.pageSize = pageSize
    }

    /// Makes the file a server store: capture triggers, an epoch, and every existing row published (again
    /// after an upgrade changes the schema or the replicated tables). Safe to run on every start; returns how
    /// many ops were appended.
    @discardableResult
    public static func prepare(_ database: AppDatabase) throws -> Int {
        try database.writer.write { db in
            if try SyncRole.current(db) != .server {
                try SyncMeta.set("role", SyncRole.server.rawValue, db)
                try SyncMeta.set("epoch", MutationID.make(), db)
            }
            // A new schema or catalog: every row is looked at again; only rows new to the log produce ops.
            if try ChangeCapture.install(db) { try ChangeCapture.markEverything(db) }
            return try OpPublisher.publish(db)
        }
    }

    /// Publishes rows other processes wrote (the batch, administrators' commands) since the last publish.
    @discardableResult
    public func publishPending() throws -> Int {
        try database.writer.write { db in try OpPublisher.publish(db) }
    }

    /// Starts a new epoch, as after a restore from backup: every replica downloads again and keeps its
    /// pending changes.
    public func startNewEpoch() throws {
        try database.writer.write { db in try SyncMeta.set("epoch", MutationID.make(), db) }
    }

    // MARK: Pull

    /// One page of ops towards the request's checkpoint. A new checkpoint is made when the request names
    /// none, when its epoch is gone, or when it names a bucket the user no longer has (or never had: the
    /// checkpoint comes from the client, so it is never trusted for scope).
    public func pull(_ request: PullRequest, staff: StaffProfile, deviceID: String) throws -> PullResponse {
        try SchemaVersions.check(request.schemaVersion)
        return try database.writer.read { db in
            let lastSeq = try SyncClients.lastSeq(db, clientID: request.clientID, staff: staff, deviceID: deviceID)
            let names = try SyncBuckets.names(for: try currentProfile(db, staff), db)
            let allowed = Set(names)
            let checkpoint: SyncCheckpoint
            if let target = request.target, target.epoch == (try SyncMeta.value("epoch", db)),
               target.compaction == (try OpPublisher.compactionGeneration(db)),
               target.buckets.allSatisfy({ allowed.contains($0.bucket) }) {
                checkpoint = target
            } else {
                checkpoint = try currentCheckpoint(db, buckets: names, lastSeq: lastSeq)
            }
            let positions = Dictionary(request.positions.map { ($0.bucket, $0.opID) }, uniquingKeysWith: max)
            let behind = checkpoint.buckets.filter { (positions[$0.bucket] ?? 0) < $0.opID }
            guard let next = behind.first else {
                return PullResponse(checkpoint: checkpoint, bucket: nil, ops: [], complete: true)
            }
            let after = positions[next.bucket] ?? 0
            let ops = try SyncOp.fetchPage(db, bucket: next.bucket, after: after, upTo: next.opID, limit: pageSize)
            // A full page ends at its last op; a short one takes in the MOVEs up to the checkpoint too.
            let through = ops.count == pageSize ? ops[ops.count - 1].opID : next.opID
            let moved = try Int64.fetchOne(db, sql: """
                SELECT COALESCE(sum(checksum), 0) % 4294967296 FROM sync_op WHERE bucket = ? AND op_id > ? AND op_id <= ? AND op = 'MOVE'
                """, arguments: [next.bucket, after, through]) ?? 0
            return PullResponse(checkpoint: checkpoint, bucket: next.bucket, ops: ops, after: after, through: through, moved: moved,
                                complete: behind.count == 1 && through == next.opID)
        }
    }

    private func currentCheckpoint(_ db: Database, buckets names: [String], lastSeq: Int64) throws -> SyncCheckpoint {
        let known = try Row.fetchAll(db, sql: "SELECT bucket, last_op_id, checksum FROM sync_bucket WHERE bucket IN (\(names.map { _ in "?" }.joined(separator: ",")))",
                                     arguments: StatementArguments(names))
        let byName = Dictionary(uniqueKeysWithValues: known.map { ($0["bucket"] as String, $0) })
        let buckets = names.map { name in
            BucketPosition(bucket: name, opID: byName[name]?["last_op_id"] ?? 0, checksum: byName[name]?["checksum"] ?? 0)
        }
        return SyncCheckpoint(epoch: try SyncMeta.value("epoch", db) ?? "", buckets: buckets, lastMutationSeq: lastSeq,
                              compaction: try OpPublisher.compactionGeneration(db))
    }

    // MARK: Push

    /// Applies the pushed changes in order, each in its own durable transaction: a number already handled is
    /// skipped (its earlier result is repeated), a gap stops the push, a change that cannot be made is recorded
    /// as rejected with its reason and still advances the number. A busy database throws a temporary
    /// ``SyncFailure`` and advances nothing further.
    public func push(_ request: PushRequest, staff: StaffProfile, deviceID: String) throws -> PushResponse {
        try SchemaVersions.check(request.schemaVersion)
        var results: [MutationResult] = []
        var lastSeq: Int64 = 0
        for mutation in request.mutations.sorted(by: { $0.seq < $1.seq }) {
            let outcome = try handle(mutation, clientID: request.clientID, staff: staff, deviceID: deviceID)
            lastSeq = outcome.lastSeq
            guard let result = outcome.result else { break }
            results.append(result)
        }
        if request.mutations.isEmpty {
            lastSeq = try database.writer.read { db in
                try SyncClients.lastSeq(db, clientID: request.clientID, staff: staff, deviceID: deviceID)
            }
        }
        return PushResponse(results: results, lastMutationSeq: lastSeq)
    }

    private func handle(_ mutation: PushedMutation, clientID: String, staff: StaffProfile,
                        deviceID: String) throws -> (result: MutationResult?, lastSeq: Int64) {
        let writer = AuditedWriter(database: database, clock: clock)
        do {
            return try writer.write { db, stamp in
                let lastSeq = try SyncClients.register(db, clientID: clientID, staff: staff, deviceID: deviceID, at: stamp.at)
                if mutation.seq <= lastSeq {
                    return (try SyncClients.earlierResult(db, clientID: clientID, seq: mutation.seq), lastSeq)
                }
                guard mutation.seq == lastSeq + 1 else { return (nil, lastSeq) }
                let actor = try currentProfile(db, staff)
                let reason = try apply(mutation, clientID: clientID, actor: actor, stamp: stamp, db)
                try SyncClients.record(db, clientID: clientID, mutation: mutation, reason: reason, at: stamp.at)
                return (MutationResult(seq: mutation.seq, mutationID: mutation.mutationID,
                                       status: reason == nil ? .applied : .rejected, reason: reason), mutation.seq)
            }
        } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL].contains(error.resultCode) {
            throw SyncFailure("unavailable", "服务器暂时无法写入，请稍后重试 (the server cannot write now: \(error.resultCode))", temporary: true)
        }
    }

    /// Applies one change inside the caller's transaction; returns nil when applied, or why it was rejected
    /// (with its writes rolled back and the rows it touched on the replica sent again).
    private func apply(_ pushed: PushedMutation, clientID: String, actor: StaffProfile, stamp: AuditStamp, _ db: Database) throws -> String? {
        var reason: String?
        do {
            try db.inSavepoint {
                try ConflictCheck.verify(pushed.bases, clientID: clientID, db)
                let mutation = try MutationRegistry.decode(name: pushed.name, payloadText: pushed.payload)
                try mutation.apply(db, context: MutationContext(mutationID: pushed.mutationID, actor: actor, timestamp: stamp.at))
                try OpPublisher.publish(db, clientID: clientID)
                return .commit
            }
            try stamp.record(db, actor: actor.staffID, action: "mutation." + pushed.name, target: pushed.mutationID, detail: pushed.payload)
        } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL].contains(error.resultCode) {
            throw error
        } catch {
            reason = String(describing: error)
            try db.execute(sql: "DELETE FROM sync_dirty")
            try ConflictCheck.sendAgain(pushed.bases, db)
            try stamp.record(db, actor: actor.staffID, action: "sync.rejected", target: pushed.mutationID, detail: reason ?? "")
        }
        return reason
    }

    /// The staff member as the server knows them now (role and org may have changed since sign-in).
    private func currentProfile(_ db: Database, _ staff: StaffProfile) throws -> StaffProfile {
        guard let profile = try StaffDirectory.profile(db, staffID: staff.staffID) else {
            throw SyncFailure("staff_inactive", "该员工已不在职或不存在 (staff \(staff.staffID) is not active)")
        }
        return profile
    }
}

extension SyncOp {
    /// A bucket's live ops (not MOVEs) after `after`, up to and including `upTo`, oldest first.
    static func fetchPage(_ db: Database, bucket: String, after: Int64, upTo: Int64, limit: Int) throws -> [SyncOp] {
        try Row.fetchAll(db, sql: """
            SELECT op_id, op, tbl, row_key, data, checksum FROM sync_op
            WHERE bucket = ? AND op_id > ? AND op_id <= ? AND op <> 'MOVE' ORDER BY op_id LIMIT ?
            """, arguments: [bucket, after, upTo, limit]).map { row in
            SyncOp(opID: row["op_id"], op: row["op"], table: row["tbl"], rowKey: row["row_key"], data: row["data"], checksum: row["checksum"])
        }
    }
}
