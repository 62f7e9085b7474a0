import CRMCore
import Foundation
import GRDB

/// What one ingest request did.
public struct MovementIngestResult: Sendable, Equatable {
    /// Movements stored for the first time.
    public let accepted: Int
    /// Movements whose id was already stored (or came twice in the request): counted, not stored again.
    public let duplicates: Int
    /// Large-movement alerts raised.
    public let alerts: Int
}

/// Stores movements pushed by another system (实时大额变动推送) and raises the real-time large-movement alert of
/// rule A (domain.md: a customer-initiated movement of at least `large_movement_min`) for each that meets it.
///
/// A request is one transaction: every item is checked first, and one bad item (a bad field, an account the bank
/// does not know) writes nothing. A movement id already stored is a duplicate, so a sender may resend freely.
public struct MovementIngest: Sendable {
    /// The most movements one request may carry.
    public static let maximumBatch = 1_000

    private let database: AppDatabase
    private let clock: WallClock

    public init(database: AppDatabase, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Checks every submission, then stores them for `source` (the sending service) in one transaction.
    public func ingest(_ submissions: [MovementSubmission], source: String) throws -> MovementIngestResult {
        var movements: [Movement] = []
        movements.reserveCapacity(submissions.count)
        for (index, submission) in submissions.enumerated() {
            movements.append(try Movement(submission, index: index))
        }
        return try store(movements, source: source)
    }

    private func store(_ movements: [Movement], source: String) throws -> MovementIngestResult {
        let now = ShanghaiTime.timestamp(clock.now())
        return try database.writer.write { db in
            let minimum = try Settings.read(db).largeMovementMinimum
            let account = try db.makeStatement(sql: "SELECT customer_id FROM base_account WHERE account_no = ?")
            let insertMovement = try db.makeStatement(sql: """
                INSERT INTO rt_movement(movement_id, account_no, customer_id, kind, amount, direction, balance_after, occurred_at,
                  received_at, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(movement_id) DO NOTHING
                """)
            let insertAlert = try db.makeStatement(sql: """
                INSERT INTO rt_alert(alert_id, customer_id, movement_id, account_no, amount, direction, balance_after, occurred_at,
                  created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var accepted = 0, duplicates = 0, alerts = 0
            for (index, movement) in movements.enumerated() {
                guard let customerID = try String.fetchOne(account, arguments: [movement.accountNo]) else {
                    throw MovementProblem(index: index, field: "account_id", reason: "本行没有此账户 (no such account)")
                }
                let occurred = ShanghaiTime.timestamp(movement.occurredAt)
                try insertMovement.execute(arguments: [movement.movementID, movement.accountNo, customerID, movement.kind,
                                                       movement.amount, movement.direction, movement.balanceAfter, occurred,
                                                       now, source])
                guard db.changesCount == 1 else {
                    duplicates += 1
                    continue
                }
                accepted += 1
                if Movement.customerInitiatedKinds.contains(movement.kind), movement.amount >= minimum {
                    try insertAlert.execute(arguments: [UUID().uuidString.lowercased(), customerID, movement.movementID,
                                                        movement.accountNo, movement.amount, movement.direction,
                                                        movement.balanceAfter, occurred, now])
                    alerts += 1
                }
            }
            // Published in the same commit, so the managers' replicas can fetch the alerts at once.
            try LocalChanges.afterWrite(db)
            return MovementIngestResult(accepted: accepted, duplicates: duplicates, alerts: alerts)
        }
    }
}
