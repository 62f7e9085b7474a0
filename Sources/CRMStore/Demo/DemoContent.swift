import CRMCore
import GRDB

/// What users of the demo bank have written before a trainee arrives: announcements from head office and
/// the branches. Made through the same mutations as real work, with ids and times derived from the seed and
/// the last business date, so a second run changes nothing.
public enum DemoContent {
    public static func seed(_ database: AppDatabase, seed: UInt64) throws {
        guard let date = try database.writer.read(LoadedDates.range)?.upperBound else { return }
        let staff = try database.writer.read(StaffDirectory.active)
        guard let headOffice = staff.first(where: { $0.role == .headOffice }) else { return }
        let branchHeads = staff.filter { $0.role == .branchHead }
        var items: [(StaffProfile, Int, PublishAnnouncement)] = []
        func add(_ author: StaffProfile, daysAgo: Int, _ title: String, _ body: String, pinned: Bool = false) {
            let id = MutationID.text(high: seed, low: UInt64(items.count + 1))
            items.append((author, daysAgo, PublishAnnouncement(id: id, title: title, body: body, pinned: pinned)))
        }
        add(headOffice, daysAgo: 20, "关于开展一季度对公存款“开门红”营销活动的通知",
            "各分支行：\n为做好一季度对公存款营销，总行决定开展“开门红”专项活动。请各行围绕代发工资、结算归行和供应链上下游客户，"
            + "逐户制定营销计划，按周报送进度。活动期间新增有效户和存款日均纳入考核。", pinned: true)
        add(headOffice, daysAgo: 9, "对公客户关系管理系统上线试运行",
            "系统提供客户经理工作台、客户统一视图、驾驶舱和精准营销等功能。按 ? 查看帮助，按 : 或 Ctrl-P 检索功能（可输入拼音首字母）。")
        add(headOffice, daysAgo: 3, "大额资金变动提醒处理要求",
            "对单笔 100 万元以上的来账、出账，客户经理应在两个工作日内了解资金用途并在拜访记录中留痕；"
            + "存款骤降的客户须及时拜访，防止客户流失。")
        for (index, head) in branchHeads.enumerated() {
            add(head, daysAgo: 5 + index, "\(head.orgName)本周营销例会安排",
                "本周五下午三点在\(head.orgName)三楼会议室召开营销例会，请各团队长汇报重点客户拜访和商机推进情况。")
        }
        for (author, daysAgo, announcement) in items {
            let log = MutationLog(database: database, clock: .fixed(date: date.adding(days: -daysAgo), hour: 9, minute: 30))
            try log.apply(announcement, by: author, id: announcement.id)
        }
    }
}
