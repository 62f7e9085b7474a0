/// The fund-flow (资金链) rules of domain.md that do not need a database.
public enum FundFlowRules {
    /// Transaction kinds that a customer initiates; the others are booked by the bank.
    public static let customerInitiatedKinds: Set<String> = ["NORMAL", "LOAN_DRAW", "LOAN_REPAY"]

    /// Purpose words that mark a payment to a supplier (上游).
    public static let supplierPurposeWords = ["货款", "材料", "采购", "设备"]
    /// Purpose words that mark a payment from a buyer (下游).
    public static let buyerPurposeWords = ["货款", "销售"]
    /// Purpose words that never make a supplier or buyer: tax, payroll, utilities.
    public static let excludedPurposeWords = ["税", "工资", "代发", "社保", "公积金", "水费", "电费", "燃气"]

    /// Counterparty-name words of public bodies that collect taxes, social insurance and the housing fund: never
    /// prospects.
    public static let publicBodyNameWords = ["国家金库", "税务", "社会保险", "公积金"]

    /// Months with qualifying payments needed for an upstream or downstream role.
    public static let roleMinimumMonths = 3

    /// Normalises a counterparty name for grouping: full-width ASCII forms and the ideographic space
    /// become half-width, and all white space is removed.
    public static func normalizedName(_ name: String) -> String {
        // Most names hold neither white space nor full-width forms (whose UTF-8 starts with 0xEF 0xBC/0xBD, or is
        // the ideographic space 0xE3 0x80 0x80): a byte scan settles that without decoding.
        var needsWork = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in name.utf8 {
            if byte <= 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 || (previous.1 == 0xEF && (byte == 0xBC || byte == 0xBD))
                || (previous == (0xE3, 0x80) && byte == 0x80) {
                needsWork = true
                break
            }
            previous = (previous.1, byte)
        }
        guard needsWork else { return name }
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
