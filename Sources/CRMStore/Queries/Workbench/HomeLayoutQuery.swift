import GRDB

public enum HomeLayoutQuery {
    /// The panel ids a user saved for their home page, in order; nil when they never chose.
    public static func panels(_ db: Database, staffID: String) throws -> [String]? {
        try String.fetchOne(db, sql: "SELECT panels FROM work_home_layout WHERE staff_id = ?", arguments: [staffID])
            .map { $0.split(separator: ",").map(String.init) }
    }
}
