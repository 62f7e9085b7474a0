import CRMCore
import CRMStore
import GRDB

/// The customer search index (`app_customer_search`): a day re-indexes the customers whose record, manager set
/// or managers' staff record arrived that day; a rollback re-indexes every customer, because manager sets go back
/// to earlier ones, and drops the customers first received on or after the rollback date.
enum SearchIndexStep {
    static func run(_ db: Database, date: BusinessDate) throws {
        try CustomerSearchIndex.refresh(db, .changedOn(date.description))
    }

    static func rollBack(_ db: Database, from date: BusinessDate) throws {
        try CustomerSearchIndex.refresh(db, .all)
        try db.execute(sql: """
            DELETE FROM app_customer_search WHERE customer_id IN (SELECT customer_id FROM base_customer WHERE first_batch_date >= ?)
            """, arguments: [date.description])
    }
}
