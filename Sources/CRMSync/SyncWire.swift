/// The JSON bodies of `/sync/pull` and `/sync/push` (docs/sync.md). Field names are snake_case on the wire.

/// One bucket's position: the last op id and the running checksum of the ops up to it.
public struct BucketPosition: Codable, Sendable, Equatable {
    public var bucket: String
    public var opID: Int64
    public var checksum: Int64

    public init(bucket: String, opID: Int64, checksum: Int64) {
        self.bucket = bucket
        self.opID = opID
        self.checksum = checksum
    }

    enum CodingKeys: String, CodingKey {
        case bucket
        case opID = "op_id"
        case checksum
    }
}

/// What the server holds for a user at one moment: the user's buckets with their last op and checksum, the
/// server's epoch and compaction generation, and the last change of this client the server has handled.
public struct SyncCheckpoint: Codable, Sendable, Equatable {
    public var epoch: String
    public var buckets: [BucketPosition]
    public var lastMutationSeq: Int64
    /// How many times the log had compacted itself when the checkpoint was made: a download towards an older
    /// one gets a new checkpoint.
    public var compaction: Int64

    public init(epoch: String, buckets: [BucketPosition], lastMutationSeq: Int64, compaction: Int64 = 0) {
        self.epoch = epoch
        self.buckets = buckets
        self.lastMutationSeq = lastMutationSeq
        self.compaction = compaction
    }

    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        epoch = try fields.decode(String.self, forKey: .epoch)
        buckets = try fields.decode([BucketPosition].self, forKey: .buckets)
        lastMutationSeq = try fields.decode(Int64.self, forKey: .lastMutationSeq)
        compaction = try fields.decodeIfPresent(Int64.self, forKey: .compaction) ?? 0
    }

    enum CodingKeys: String, CodingKey {
        case epoch, buckets, compaction
        case lastMutationSeq = "last_mutation_seq"
    }
}

/// One operation of a bucket's log. On the wire it travels in a pull page (``PullPageCodec``).
public struct SyncOp: Sendable, Equatable {
    public var opID: Int64
    public var op: String
    public var table: String
    /// The row's key; on a replica, empty for a PUT as read from a page until its data gives it.
    public var rowKey: String
    public var data: String?
    public var checksum: Int64

    public init(opID: Int64, op: String, table: String, rowKey: String, data: String?, checksum: Int64) {
        self.opID = opID
        self.op = op
        self.table = table
        self.rowKey = rowKey
        self.data = data
        self.checksum = checksum
    }
}

/// A pull: where the replica stands, and the checkpoint it is downloading towards (none to start one).
public struct PullRequest: Codable, Sendable {
    public var clientID: String
    public var schemaVersion: String
    public var positions: [BucketPosition]
    public var target: SyncCheckpoint?

    public init(clientID: String, schemaVersion: String, positions: [BucketPosition], target: SyncCheckpoint?) {
        self.clientID = clientID
        self.schemaVersion = schemaVersion
        self.positions = positions
        self.target = target
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case schemaVersion = "schema_version"
        case positions, target
    }
}

/// One page of a pull: the checkpoint, up to a page of one bucket's live ops after the replica's position, the
/// MOVEs among them folded into one checksum, and whether the replica then has everything up to the
/// checkpoint. Its JSON is ``PullPageCodec``'s.
public struct PullResponse: Sendable {
    public var checkpoint: SyncCheckpoint
    public var bucket: String?
    public var ops: [SyncOp]
    /// The position the page follows on from: it applies only to a replica still there.
    public var after: Int64
    /// The position the page takes the bucket to: its last op, or a later MOVE.
    public var through: Int64
    /// The sum of the checksums of the MOVEs between `after` and `through` (modulo 2^32).
    public var moved: Int64
    public var complete: Bool

    public init(checkpoint: SyncCheckpoint, bucket: String?, ops: [SyncOp], after: Int64 = 0, through: Int64? = nil, moved: Int64 = 0,
                complete: Bool) {
        self.checkpoint = checkpoint
        self.bucket = bucket
        self.ops = ops
        self.after = after
        self.through = through ?? ops.last?.opID ?? after
        self.moved = moved
        self.complete = complete
    }
}

/// A row a mutation wrote on the replica, and the version of it the change was based on.
public struct RowBase: Codable, Sendable, Equatable {
    public var table: String
    public var rowKey: String
    public var opID: Int64

    public init(table: String, rowKey: String, opID: Int64) {
        self.table = table
        self.rowKey = rowKey
        self.opID = opID
    }

    enum CodingKeys: String, CodingKey {
        case table
        case rowKey = "row_key"
        case opID = "op_id"
    }
}

/// One change made on a replica, numbered in the order it was made there.
public struct PushedMutation: Codable, Sendable, Equatable {
    public var seq: Int64
    public var mutationID: String
    public var name: String
    /// The mutation's data as JSON text, exactly as in the outbox.
    public var payload: String
    /// The device's clock when it was made: kept as business data, never used to order.
    public var deviceTime: String
    public var bases: [RowBase]

    public init(seq: Int64, mutationID: String, name: String, payload: String, deviceTime: String, bases: [RowBase]) {
        self.seq = seq
        self.mutationID = mutationID
        self.name = name
        self.payload = payload
        self.deviceTime = deviceTime
        self.bases = bases
    }

    enum CodingKeys: String, CodingKey {
        case seq
        case mutationID = "mutation_id"
        case name, payload
        case deviceTime = "device_time"
        case bases
    }
}

/// A push: the replica's changes from its oldest unacknowledged one on.
public struct PushRequest: Codable, Sendable {
    public var clientID: String
    public var schemaVersion: String
    public var mutations: [PushedMutation]

    public init(clientID: String, schemaVersion: String, mutations: [PushedMutation]) {
        self.clientID = clientID
        self.schemaVersion = schemaVersion
        self.mutations = mutations
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case schemaVersion = "schema_version"
        case mutations
    }
}

/// What became of one pushed change.
public struct MutationResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case applied = "APPLIED"
        case rejected = "REJECTED"
    }

    public var seq: Int64
    public var mutationID: String
    public var status: Status
    public var reason: String?

    public init(seq: Int64, mutationID: String, status: Status, reason: String?) {
        self.seq = seq
        self.mutationID = mutationID
        self.status = status
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case seq
        case mutationID = "mutation_id"
        case status, reason
    }
}

/// The answer to a push, sent after a durable commit: every handled change's result and the last number handled.
public struct PushResponse: Codable, Sendable {
    public var results: [MutationResult]
    public var lastMutationSeq: Int64

    public init(results: [MutationResult], lastMutationSeq: Int64) {
        self.results = results
        self.lastMutationSeq = lastMutationSeq
    }

    enum CodingKeys: String, CodingKey {
        case results
        case lastMutationSeq = "last_mutation_seq"
    }
}

/// A refusal with a machine-readable code (`schema_unsupported`, `client_mismatch`, ...) and a reason.
public struct SyncFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var error: String
    public var message: String
    /// Whether retrying later may succeed (a busy or restarting server).
    public var temporary: Bool

    public init(_ error: String, _ message: String, temporary: Bool = false) {
        self.error = error
        self.message = message
        self.temporary = temporary
    }

    public var description: String { message }
}

extension SyncFailure {
    /// An answer cut short or garbled on the way: temporary, the request is sent again.
    public static let garbledAnswer = SyncFailure("bad_answer", "服务器的回答不完整，将重试 (the server's answer was cut short or garbled; retrying)",
                                                  temporary: true)
}
