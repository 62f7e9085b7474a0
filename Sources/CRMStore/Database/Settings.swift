import CRMCore
import GRDB

/// Bank-specific rule parameters, stored in `sys_setting` with domain.md's defaults.
public struct Settings: Sendable, Equatable {
    /// One stored setting with its default and meaning.
    public struct Entry: Sendable {
        public let key: String
        public let value: String
        public let description: String
    }

    /// Every setting the batch reads, with its default.
    public static let defaults: [Entry] = [
        Entry(key: "large_movement_min", value: "1000000.00", description: "规则A：单笔大额交易金额下限（元）"),
        Entry(key: "net_change_min", value: "500000.00", description: "规则B：单日存款净变动金额下限（元）"),
        Entry(key: "net_change_ratio_pct", value: "30", description: "规则B：单日存款净变动占前一日余额比例下限（%）"),
        Entry(key: "effective_account_min", value: "100000.00", description: "有效户：存款年日均下限（元）"),
        Entry(key: "tier_key_deposit_ytd_avg", value: "100000000.00", description: "重点客户：存款年日均下限（元）"),
        Entry(key: "tier_key_loan_balance", value: "300000000.00", description: "重点客户：贷款余额下限（元）"),
        Entry(key: "tier_general_deposit_ytd_avg", value: "100000.00", description: "一般客户：存款年日均下限（元）"),
        Entry(key: "dormant_days", value: "365", description: "睡眠户：无客户主动交易的天数"),
        Entry(key: "reject_share_max_pct", value: "1", description: "批量：拒收行占比超过此值（%）时以失败结束"),
        Entry(key: "tax_rate_pct", value: "25", description: "利润测算：所得税率（%）"),
        Entry(key: "hurdle_rate_pct", value: "10", description: "利润测算：资本门槛回报率（%），用于 EVA"),
        Entry(key: "capital_ratio_pct", value: "10.5", description: "利润测算：资本充足率（%），资本占用 = 敞口 × 风险权重 × 此值"),
        Entry(key: "day_basis", value: "360", description: "利润测算：计息基础天数（360 或 365）"),
        Entry(key: "password_min_length", value: "10", description: "账户：密码最短长度"),
        Entry(key: "password_min_classes", value: "3", description: "账户：密码至少包含的字符类别数（小写、大写、数字、符号）"),
        Entry(key: "password_max_age_days", value: "90", description: "账户：密码有效天数，过期须修改"),
        Entry(key: "password_history", value: "5", description: "账户：不得重复使用最近几次的密码"),
        Entry(key: "lockout_failures", value: "5", description: "账户：连续登录失败几次后锁定"),
        Entry(key: "lockout_minutes", value: "15", description: "账户：锁定分钟数"),
        Entry(key: "idle_lock_minutes", value: "15", description: "界面：无操作多少分钟后锁屏"),
        Entry(key: "bcrypt_cost", value: "12", description: "账户：bcrypt 计算强度（4 到 31）"),
        Entry(key: "reminder_birthday_days", value: "7", description: "智能提醒：实际控制人生日提前几天提醒"),
        Entry(key: "reminder_anniversary_days", value: "7", description: "智能提醒：企业成立周年提前几天提醒"),
        Entry(key: "reminder_maturity_days", value: "30", description: "智能提醒：定期存款与贷款到期提前几天提醒"),
        Entry(key: "reminder_credit_days", value: "60", description: "智能提醒：授信额度到期提前几天提醒"),
        Entry(key: "reminder_schedule_days", value: "3", description: "智能提醒：日程中的拜访与回访提前几天列出"),
        Entry(key: "need_idle_demand_min", value: "5000000.00", description: "产品需求：活期存款余额达到此值（元）可能闲置，推荐协定存款或理财"),
        Entry(key: "need_idle_outflow_max_pct", value: "20", description: "产品需求：近30天走款不超过活期余额的此比例（%）时视为闲置"),
        Entry(key: "need_payroll_min_months", value: "3", description: "产品需求：近6个月有工资/代发付款的月数下限，推荐代发"),
        Entry(key: "need_supplier_growth_pct", value: "20", description: "产品需求：近3个月上游货款较前3个月增长比例下限（%），推荐供应链金融"),
        Entry(key: "plan_behind_margin_pct", value: "5", description: "经营计划：完成率低于时间进度超过此百分点时提醒落后"),
        Entry(key: "access_token_minutes", value: "15", description: "服务器：访问令牌有效分钟数"),
        Entry(key: "refresh_token_days", value: "30", description: "服务器：设备多少天未刷新令牌后须重新登录"),
    ]

    public var largeMovementMinimum: Int64 = 1_000_000_00
    public var netChangeMinimum: Int64 = 500_000_00
    public var netChangeRatioPercent: Int64 = 30
    public var tiers = TierThresholds()
    public var dormantDays = 365
    public var rejectShareMaxPercent: Int64 = 1
    public var taxRatePercent: Int64 = 25
    public var hurdleRatePercent: Int64 = 10
    /// The capital ratio of the profit calculators, in millionths (10.5% = 105,000).
    public var capitalRatioPPM: Int64 = 105_000
    /// The day basis of the profit calculators: 360 or 365.
    public var dayBasis: Int64 = 360
    public var passwordPolicy = PasswordPolicy()
    public var reminderLeadDays = ReminderLeadDays()
    public var needs = ProductNeedThresholds()
    /// Percentage points by which completion may trail time elapsed before a plan node counts as behind.
    public var planBehindMarginPercent: Int64 = 5
    /// How long a server access token lives, in minutes.
    public var accessTokenMinutes = 15
    /// How many days a device's refresh token stays good without being used.
    public var refreshTokenDays = 30

    public init() {}

    /// The profit calculators' defaults: tax, hurdle, capital ratio and day basis.
    public var pricingDefaults: PricingDefaults {
        PricingDefaults(taxPPM: taxRatePercent * 10_000, hurdlePPM: hurdleRatePercent * 10_000, capitalRatioPPM: capitalRatioPPM,
                        dayBasis: dayBasis)
    }

    /// Reads the stored settings; a value that does not parse keeps its default.
    public static func read(_ db: Database) throws -> Settings {
        var settings = Settings()
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM sys_setting")
        for row in rows {
            let key: String = row["key"]
            let value: String = row["value"]
            let money = try? Money.parseYuan(value).get()
            let integer = Int64(value)
            switch key {
            case "large_movement_min": settings.largeMovementMinimum = money ?? settings.largeMovementMinimum
            case "net_change_min": settings.netChangeMinimum = money ?? settings.netChangeMinimum
            case "net_change_ratio_pct": settings.netChangeRatioPercent = integer ?? settings.netChangeRatioPercent
            case "effective_account_min": settings.tiers.effectiveAccountMinimum = money ?? settings.tiers.effectiveAccountMinimum
            case "tier_key_deposit_ytd_avg": settings.tiers.keyDepositYTDAverage = money ?? settings.tiers.keyDepositYTDAverage
            case "tier_key_loan_balance": settings.tiers.keyLoanBalance = money ?? settings.tiers.keyLoanBalance
            case "tier_general_deposit_ytd_avg":
                settings.tiers.generalDepositYTDAverage = money ?? settings.tiers.generalDepositYTDAverage
            case "dormant_days": settings.dormantDays = integer.map(Int.init) ?? settings.dormantDays
            case "reject_share_max_pct": settings.rejectShareMaxPercent = integer ?? settings.rejectShareMaxPercent
            case "tax_rate_pct": settings.taxRatePercent = integer ?? settings.taxRatePercent
            case "hurdle_rate_pct": settings.hurdleRatePercent = integer ?? settings.hurdleRatePercent
            case "capital_ratio_pct":
                settings.capitalRatioPPM = (try? ScaledNumber.parse(value, decimals: Scale.ratePercentDecimals).get()) ?? settings.capitalRatioPPM
            case "day_basis": settings.dayBasis = integer.flatMap { $0 == 360 || $0 == 365 ? $0 : nil } ?? settings.dayBasis
            case "password_min_length": settings.passwordPolicy.minimumLength = integer.map(Int.init) ?? settings.passwordPolicy.minimumLength
            case "password_min_classes": settings.passwordPolicy.minimumClasses = integer.map(Int.init) ?? settings.passwordPolicy.minimumClasses
            case "password_max_age_days": settings.passwordPolicy.maximumAgeDays = integer.map(Int.init) ?? settings.passwordPolicy.maximumAgeDays
            case "password_history": settings.passwordPolicy.history = integer.map(Int.init) ?? settings.passwordPolicy.history
            case "lockout_failures": settings.passwordPolicy.lockoutFailures = integer.map(Int.init) ?? settings.passwordPolicy.lockoutFailures
            case "lockout_minutes": settings.passwordPolicy.lockoutMinutes = integer.map(Int.init) ?? settings.passwordPolicy.lockoutMinutes
            case "idle_lock_minutes": settings.passwordPolicy.idleLockMinutes = integer.map(Int.init) ?? settings.passwordPolicy.idleLockMinutes
            case "bcrypt_cost": settings.passwordPolicy.bcryptCost = integer.map(Int.init) ?? settings.passwordPolicy.bcryptCost
            case "reminder_birthday_days": settings.reminderLeadDays.birthday = integer.map(Int.init) ?? settings.reminderLeadDays.birthday
            case "reminder_anniversary_days":
                settings.reminderLeadDays.anniversary = integer.map(Int.init) ?? settings.reminderLeadDays.anniversary
            case "reminder_maturity_days": settings.reminderLeadDays.maturity = integer.map(Int.init) ?? settings.reminderLeadDays.maturity
            case "reminder_credit_days": settings.reminderLeadDays.creditExpiry = integer.map(Int.init) ?? settings.reminderLeadDays.creditExpiry
            case "reminder_schedule_days": settings.reminderLeadDays.schedule = integer.map(Int.init) ?? settings.reminderLeadDays.schedule
            case "need_idle_demand_min": settings.needs.idleDemandMinimum = money ?? settings.needs.idleDemandMinimum
            case "need_idle_outflow_max_pct": settings.needs.idleOutflowMaxPercent = integer ?? settings.needs.idleOutflowMaxPercent
            case "need_payroll_min_months": settings.needs.payrollMinimumMonths = integer.map(Int.init) ?? settings.needs.payrollMinimumMonths
            case "need_supplier_growth_pct": settings.needs.supplierGrowthPercent = integer ?? settings.needs.supplierGrowthPercent
            case "plan_behind_margin_pct": settings.planBehindMarginPercent = integer ?? settings.planBehindMarginPercent
            case "access_token_minutes": settings.accessTokenMinutes = integer.flatMap { $0 > 0 ? Int($0) : nil } ?? settings.accessTokenMinutes
            case "refresh_token_days": settings.refreshTokenDays = integer.flatMap { $0 > 0 ? Int($0) : nil } ?? settings.refreshTokenDays
            default: break
            }
        }
        return settings
    }
}
