/// The fund-flow (资金链) rules of domain.md that do not need a database.
public enum FundFlowRules {
    /// Transaction kinds that a customer initiates; the others are booked by the bank.
    public static let customerInitiatedKinds: Set<String> = ["NORMAL", "LOAN_DRAW", "LOAN_REPAY"]

    /// Kinds counted in fund-flow analysis (reversed transactions are left out separately).
    public static let analysedKinds: Set<String> = ["NORMAL"]

    /// Purpose words that mark a payment to a supplier (上游).
    public static let supplierPurposeWords = ["货款", "材料", "采购", "设备"]
    /// Purpose words that mark a payment from a buyer (下游).
    public static let buyerPurposeWords = ["货款", "销售"]
    /// Purpose words that never make a supplier or buyer: tax, payroll, utilities.
    public static let excludedPurposeWords = ["税", "工资", "代发", "社保", "公积金", "水费", "电费", "燃气"]

    /// Months with qualifying payments needed for an upstream or downstream role.
    public static let roleMinimumMonths = 3

    /// Normalises a counterparty name for grouping: full-width ASCII forms and the ideographic space
    /// become half-width, and all white space is removed.
    public static func normalizedName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value == 0x3000 || scalar.properties.isWhitespace { continue }
            if (0xFF01...0xFF5E).contains(value), let half = Unicode.Scalar(value - 0xFEE0) {
                scalars.append(half)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The role of a counterparty from the number of months with supplier payments and with buyer payments.
    public static func role(supplierMonths: Int, buyerMonths: Int) -> CounterpartyRole? {
        let upstream = supplierMonths >= roleMinimumMonths
        let downstream = buyerMonths >= roleMinimumMonths
        switch (upstream, downstream) {
        case (true, false): return .upstream
        case (false, true): return .downstream
        case (true, true): return supplierMonths >= buyerMonths ? .upstream : .downstream
        case (false, false): return nil
        }
    }
}

/// A counterparty's place in a customer's supply chain.
public enum CounterpartyRole: String, Sendable {
    case upstream, downstream
}
