import GRDB

/// `sys_audit`: the audit log (日志). Append-only: triggers refuse every UPDATE and DELETE (archiving lifts the
/// delete trigger for its own transaction). The triggers stop mistakes, not someone who can write the file; what
/// makes tampering visible is the chain: each entry carries the hash of the one before, so an edited, deleted or
/// reordered entry breaks the chain where it happened.
enum AuditTables {
    static let noDeleteTrigger = """
        CREATE TRIGGER sys_audit_no_delete BEFORE DELETE ON sys_audit
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sys_audit (
              seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, machine TEXT NOT NULL, action TEXT NOT NULL,
              target TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
            );
            CREATE INDEX sys_audit_actor ON sys_audit(actor, at);
            CREATE INDEX sys_audit_action ON sys_audit(action, at);
            CREATE TABLE sys_audit_checkpoint (
              seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, archived_at TEXT NOT NULL, archive_file TEXT NOT NULL
            );
            CREATE TRIGGER sys_audit_no_update BEFORE UPDATE ON sys_audit
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            \(noDeleteTrigger)
            """)
    }
}
