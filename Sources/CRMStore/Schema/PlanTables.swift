import GRDB

/// `work_` tables of business plans (migration `v6-plans`): the KPI library (经营指标库) with its built-in
/// indicators, plans, each node's target and every revision of a target. An issued plan cannot be updated, and
/// revisions cannot be changed or deleted: triggers refuse it.
enum PlanTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE work_kpi (
              code TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
              unit TEXT NOT NULL CHECK (unit IN ('YUAN', 'COUNT', 'RATIO_BP')),
              direction TEXT NOT NULL CHECK (direction IN ('HIGHER', 'LOWER')),
              measure TEXT NOT NULL, aggregation TEXT NOT NULL CHECK (aggregation IN ('SUM', 'RATIO')),
              built_in INTEGER NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL
            );
            CREATE TABLE work_plan (
              id TEXT PRIMARY KEY, kpi_code TEXT NOT NULL REFERENCES work_kpi(code), period TEXT NOT NULL,
              root_org_id TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', issued_by TEXT NOT NULL, issued_at TEXT NOT NULL
            );
            CREATE INDEX work_plan_period ON work_plan(period);
            CREATE TRIGGER work_plan_locked BEFORE UPDATE ON work_plan
            BEGIN SELECT RAISE(ABORT, 'an issued plan is locked'); END;
            CREATE TABLE work_plan_target (
              plan_id TEXT NOT NULL REFERENCES work_plan(id),
              node_kind TEXT NOT NULL CHECK (node_kind IN ('ORG', 'STAFF')), node_id TEXT NOT NULL,
              parent_id TEXT, target INTEGER NOT NULL, method TEXT NOT NULL, revision INTEGER NOT NULL,
              updated_by TEXT NOT NULL, updated_at TEXT NOT NULL,
              PRIMARY KEY (plan_id, node_kind, node_id)
            ) WITHOUT ROWID;
            CREATE INDEX work_plan_target_parent ON work_plan_target(plan_id, parent_id);
            CREATE TABLE work_plan_revision (
              seq INTEGER PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES work_plan(id),
              node_kind TEXT NOT NULL, node_id TEXT NOT NULL, target_before INTEGER, target_after INTEGER NOT NULL,
              method TEXT NOT NULL, reason TEXT NOT NULL, mutation_id TEXT NOT NULL, changed_by TEXT NOT NULL, changed_at TEXT NOT NULL
            );
            CREATE INDEX work_plan_revision_plan ON work_plan_revision(plan_id, seq);
            CREATE TRIGGER work_plan_revision_kept_update BEFORE UPDATE ON work_plan_revision
            BEGIN SELECT RAISE(ABORT, 'plan revisions are kept as written'); END;
            CREATE TRIGGER work_plan_revision_kept_delete BEFORE DELETE ON work_plan_revision
            BEGIN SELECT RAISE(ABORT, 'plan revisions are kept as written'); END;
            """)
        for indicator in KPIIndicator.builtIns {
            try db.execute(sql: """
                INSERT INTO work_kpi(code, name_zh, name_en, unit, direction, measure, aggregation, built_in, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1, '-', '')
                """, arguments: [indicator.code, indicator.nameZh, indicator.nameEn, indicator.unit.rawValue, indicator.direction.rawValue,
                                 indicator.measure.rawValue, indicator.aggregation.rawValue])
        }
    }
}
