import GRDB

/// `work_opportunity_scenario`: profit-simulation scenarios (利润模拟测算方案) saved onto an opportunity, with the
/// inputs as typed and every figure, and the headline figures as columns for lists.
enum OpportunityScenarioTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE work_opportunity_scenario (
              id TEXT PRIMARY KEY, opportunity_id TEXT NOT NULL REFERENCES work_opportunity(id),
              calculator TEXT NOT NULL CHECK (calculator IN ('LOAN', 'DEPOSIT')), inputs TEXT NOT NULL, figures TEXT NOT NULL,
              profit_after_tax INTEGER, raroc_after_tax_bp INTEGER, eva INTEGER, deposit_value INTEGER,
              saved_by TEXT NOT NULL, saved_at TEXT NOT NULL
            );
            CREATE INDEX work_opportunity_scenario_opportunity ON work_opportunity_scenario(opportunity_id, saved_at);
            """)
    }
}
