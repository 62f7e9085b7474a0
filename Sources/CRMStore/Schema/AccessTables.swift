import GRDB

/// `sys_user_role`: roles granted to users (a user without rows holds the role of their position);
/// `sys_role_permission`: administrators' changes to a built-in role's permissions (allowed or not), over the
/// defaults the application defines.
enum AccessTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sys_user_role (
              staff_id TEXT NOT NULL, role TEXT NOT NULL, granted_by TEXT NOT NULL, granted_at TEXT NOT NULL,
              PRIMARY KEY (staff_id, role)
            ) WITHOUT ROWID;
            CREATE TABLE sys_role_permission (
              role TEXT NOT NULL, permission TEXT NOT NULL, allowed INTEGER NOT NULL, changed_by TEXT NOT NULL, changed_at TEXT NOT NULL,
              PRIMARY KEY (role, permission)
            ) WITHOUT ROWID;
            """)
    }
}
