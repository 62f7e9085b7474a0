import CRMCore
import GRDB

/// Keeps `app_customer_search`, the keys customer search matches, in step with the customers, their managers and
/// the managers' names.
///
/// Pinyin is worked out only for a name that differs from the one already indexed, so re-indexing a customer
/// whose managers changed, or every customer after a rollback, costs a read of the manager names alone.
public enum CustomerSearchIndex {
    /// Which customers to index again.
    public enum Selection: Sendable {
        /// Every customer received so far.
        case all
        /// Customers whose record or manager set arrived on the day (`YYYY-MM-DD`), or whose managers' staff
        /// record did.
        case changedOn(String)
    }

    /// Writes the index rows of the selected customers.
    public static func refresh(_ db: Database, _ selection: Selection) throws {
        let condition: String
        var arguments: StatementArguments = [:]
        switch selection {
        case .all:
            condition = "1"
        case .changedOn(let day):
            condition = """
                c.batch_date = :day
                OR c.customer_id IN (SELECT customer_id FROM base_customer_manager_history WHERE batch_date = :day)
                OR c.customer_id IN (SELECT m.customer_id FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
                                     WHERE s.batch_date = :day)
                """
            arguments = ["day": day]
        }
        // Read first: the rows are written back into a table this query joins.
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.customer_id, c.name, c.uscc, x.name AS indexed_name, x.pinyin, x.initials,
              COALESCE((SELECT group_concat(name, ' ') FROM (
                SELECT s.name FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
                WHERE m.customer_id = c.customer_id ORDER BY m.role = 'MAIN' DESC, m.share_bp DESC, s.staff_id)), '') AS managers
            FROM base_customer c LEFT JOIN app_customer_search x ON x.customer_id = c.customer_id
            WHERE \(condition)
            """, arguments: arguments)
        let upsert = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO app_customer_search(customer_id, name, pinyin, initials, uscc, managers)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for row in rows {
            let name: String = row["name"]
            var pinyin: String? = row["pinyin"]
            var initials: String? = row["initials"]
            if (row["indexed_name"] as String?) != name {
                let syllables = Pinyin.syllables(of: name)
                pinyin = syllables.joined()
                initials = String(syllables.compactMap(\.first))
            }
            try upsert.execute(arguments: [row["customer_id"], name, pinyin, initials, row["uscc"], row["managers"]])
        }
    }
}
