import CRMCore
import CRMStore
import CRMSync
import GRDB

/// Everything the routes need, made once per server: the database, the clock, where permissions come from, the
/// token signer, the metrics and the recorder of looks at customer data.
public struct ServerEnvironment: Sendable {
    public let database: AppDatabase
    public let clock: WallClock
    public let permissions: PermissionSource
    public let signer: AccessTokenSigner
    public let metrics: ServerMetrics
    public let looks: LookRecorder
    /// The machine name audit entries carry.
    public let machine: String

    /// Loads (making it the first time) the access-token secret from the database.
    public init(database: AppDatabase, clock: WallClock, permissions: PermissionSource, metrics: ServerMetrics = ServerMetrics(),
                machine: String = Machine.name) throws {
        self.database = database
        self.clock = clock
        self.permissions = permissions
        signer = AccessTokenSigner(secret: try ServerSecret.load(database, clock: clock))
        self.metrics = metrics
        looks = LookRecorder(database: database, clock: clock, machine: machine)
        self.machine = machine
    }

    /// Rendered customer 360 documents by data version.
    let customer360 = Customer360Cache()

    /// Runs a short read (a few indexed lookups) on the calling thread. GRDB's asynchronous read hops to a reader
    /// connection's queue and back, which costs a request more than its reads; a read in WAL mode never waits for
    /// the writer, so it does not hold up the thread. Long work (a sync page, a write) goes through `offloaded`.
    func read<T>(_ block: (Database) throws -> T) throws -> T {
        try database.writer.read(block)
    }

    /// Sync over this database (pull pages, exactly-once pushes).
    public var sync: SyncServer { SyncServer(database: database, clock: clock) }
}
