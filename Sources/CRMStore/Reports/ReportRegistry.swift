/// Every customer report, in the order `crm report --list` names them.
public enum ReportRegistry {
    public static let all: [Report] = [
        EffectiveAccountsReport.report, CreditUsageReport.report, CreditUsageByConglomerateReport.report,
        LoanRatesReport.report, LoanRatesByConglomerateReport.report, TaskProgressReport.report, MarketingByStaffReport.report,
        MarketingByOrgReport.report, ContributionRankingReport.report,
    ]

    /// The report with this name, if there is one.
    public static func named(_ name: String) -> Report? { all.first { $0.name == name } }
}
