import CRMStore

/// How a smart reminder reads in a list.
enum ReminderText {
    static func kind(_ kind: ReminderKind, _ language: Language) -> String {
        language == .chinese ? kind.chineseName : kind.englishName
    }

    /// "实控人生日 福州某某公司 张总" and the like.
    static func line(_ reminder: Reminder, _ language: Language) -> String {
        [kind(reminder.kind, language), reminder.customerName, about(reminder, language)].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// What the reminder is about: the controller, the years, the account or contract with its amount, the item.
    static func about(_ reminder: Reminder, _ language: Language) -> String {
        switch reminder.kind {
        case .anniversary:
            return language == .chinese ? "成立 \(reminder.subject) 周年" : "\(reminder.subject) years"
        case .depositMaturity, .loanMaturity, .creditExpiry:
            return reminder.subject + (reminder.amount.map { " " + Amount.short($0, language) } ?? "")
        case .birthday, .schedule, .overdueTask, .planBehind:
            return reminder.subject
        }
    }
}
