import Hummingbird
import Synchronization

/// Rendered customer 360 documents, each kept with the version of the data it was read from (the sync log's
/// last op id, which every committed change of replicated data moves). A request whose version matches is
/// answered without reading the document again; any change makes every entry stale.
///
/// The batch writes from another process; its changes count from the moment the server publishes them (within
/// a second), so for up to a second after a batch commits an answer may still be the day before's.
final class Customer360Cache: Sendable {
    struct Key: Hashable, Sendable {
        let customerID: String
        /// The date asked for, or `latest` when the request named none.
        let asOf: String
        /// Documents may differ by scope (what the viewer may see of the managers), so the scope is part of the key.
        let scope: String
    }

    private struct Entry: Sendable {
        let version: String
        let body: ByteBuffer
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 20_000) { self.capacity = capacity }

    /// The document kept for `key` when it was read at `version`.
    func body(for key: Key, version: String) -> ByteBuffer? {
        entries.withLock { entries in entries[key].flatMap { $0.version == version ? $0.body : nil } }
    }

    /// Keeps a document; when full, the entries of older versions go first, then everything.
    func keep(_ body: ByteBuffer, for key: Key, version: String) {
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.version == version }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(version: version, body: body)
        }
    }
}
