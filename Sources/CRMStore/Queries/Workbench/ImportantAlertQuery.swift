import CRMCore
import GRDB

/// A customer the workbench asks the user to look at, and why.
public struct CustomerAlert: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// One large transaction (rule A), money in or out.
        case largeInflow, largeOutflow
        /// A large movement pushed by the core system in real time (实时大额变动), not yet in a batch.
        case liveInflow, liveOutflow
        /// A large net change of the day's deposits (rule B).
        case depositJump, depositDrop
        /// No customer-initiated transaction for the dormancy period.
        case dormant
        /// A churn warning in the red band (score 60 or more) on the business date.
        case churnRisk
        /// Loan changes (贷款变动提醒): a drawdown, a repayment, a settlement before maturity, a change of
        /// five-level classification.
        case loanDrawdown, loanRepayment, earlySettlement, classificationChange
    }

    public let kind: Kind
    public let customerID: String
    public let customerName: String
    public let date: BusinessDate
    /// Fen; 0 for dormant customers and churn warnings.
    public let amount: Int64
    /// The churn score (0 to 100) of a churn warning, else nil.
    public var churnScore: Int? = nil
    /// What changed, for a loan change (the classification `NORMAL→SPECIAL_MENTION`, the maturity, the purpose).
    public var detail: String? = nil
}

extension CustomerAlert.Kind {
    /// The kind of a loan change stored by the batch (`app_loan_event.kind`).
    init?(loanEvent kind: String) {
        switch kind {
        case "DRAWDOWN": self = .loanDrawdown
        case "REPAYMENT": self = .loanRepayment
        case "EARLY_SETTLEMENT": self = .earlySettlement
        case "CLASSIFICATION": self = .classificationChange
        default: return nil
        }
    }

    /// The kind of a batch alert: rule A (one large transaction) or B (a large net change), by direction.
    init(rule: String, direction: String) {
        let inflow = direction == "C"
        self = rule == "A" ? (inflow ? .largeInflow : .largeOutflow) : (inflow ? .depositJump : .depositDrop)
    }
}

public enum ImportantAlertQuery {
    /// Real-time large movements after `date`, newest first; large movements in scope from `days` business days
    /// up to `date`, newest and largest first, then the loan
    /// changes of the same days, then the customers
    /// in scope whose churn warning is red on `date`, highest score first, then dormant customers in scope by how
    /// recently they went quiet.
    public static func recent(_ db: Database, scope: DataScope, through date: BusinessDate, days: Int = 7,
                              limit: Int = 500) throws -> [CustomerAlert] {
        let condition = scope.customerCondition("a.customer_id")
        let movements = try Row.fetchAll(db, sql: """
            SELECT a.rule, a.direction, a.customer_id, c.name, a.biz_date, a.amount
            FROM app_alert a JOIN base_customer c ON c.customer_id = a.customer_id
            WHERE a.biz_date BETWEEN ? AND ? AND a.status = 'ACTIVE' AND \(condition.sql)
            ORDER BY a.biz_date DESC, a.amount DESC, a.customer_id
            LIMIT ?
            """, arguments: [date.adding(days: -(days - 1)).description, date.description] + condition.arguments + [limit])
            .map { row in
                CustomerAlert(kind: CustomerAlert.Kind(rule: row[0], direction: row[1]), customerID: row[2], customerName: row[3],
                              date: BusinessDate(row[4] as String)!, amount: row[5])
            }
        // Real-time movements after the business date: the next batch turns them into ordinary alerts.
        let live = try Row.fetchAll(db, sql: """
            SELECT a.direction, a.customer_id, c.name, a.occurred_at, a.amount
            FROM rt_alert a JOIN base_customer c ON c.customer_id = a.customer_id
            WHERE a.occurred_at >= ? AND \(condition.sql)
            ORDER BY a.occurred_at DESC, a.amount DESC
            LIMIT ?
            """, arguments: [date.adding(days: 1).description] + condition.arguments + [limit]).map { row in
            let occurred: String = row[3]
            return CustomerAlert(kind: row[0] == "C" ? .liveInflow : .liveOutflow, customerID: row[1], customerName: row[2],
                                 date: BusinessDate(String(occurred.prefix(10))) ?? date, amount: row[4],
                                 detail: String(occurred.dropFirst(11).prefix(5)))
        }
        let loans = try Row.fetchAll(db, sql: """
            SELECT a.kind, a.customer_id, c.name, a.biz_date, a.amount, a.detail
            FROM app_loan_event a JOIN base_customer c ON c.customer_id = a.customer_id
            WHERE a.biz_date BETWEEN ? AND ? AND \(condition.sql)
            ORDER BY a.biz_date DESC, a.amount DESC, a.event_id
            LIMIT ?
            """, arguments: [date.adding(days: -(days - 1)).description, date.description] + condition.arguments + [limit])
            .compactMap { row -> CustomerAlert? in
                guard let kind = CustomerAlert.Kind(loanEvent: row[0]) else { return nil }
                return CustomerAlert(kind: kind, customerID: row[1], customerName: row[2], date: BusinessDate(row[3] as String)!, amount: row[4],
                                     detail: row[5])
            }
        let churn = try ChurnQuery.warnings(db, asOf: date, scope: scope, band: .red, limit: limit).map { warning in
            CustomerAlert(kind: .churnRisk, customerID: warning.customerID, customerName: warning.customerName, date: date,
                          amount: 0, churnScore: warning.score)
        }
        let dormantCondition = scope.customerCondition("s.customer_id")
        let dormant = try Row.fetchAll(db, sql: """
            SELECT s.customer_id, c.name, COALESCE(s.last_active_date, c.open_date, c.first_batch_date)
            FROM app_customer_status s JOIN base_customer c ON c.customer_id = s.customer_id
            WHERE s.dormant = 1 AND c.status = 'ACTIVE' AND \(dormantCondition.sql)
            ORDER BY 3 DESC, s.customer_id
            LIMIT ?
            """, arguments: dormantCondition.arguments + [limit]).map { row in
            CustomerAlert(kind: .dormant, customerID: row[0], customerName: row[1],
                          date: BusinessDate(row[2] as String) ?? date, amount: 0)
        }
        return live + movements + loans + churn + dormant
    }
}
