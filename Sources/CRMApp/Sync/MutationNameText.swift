/// What a named mutation (as the outbox and sync issues keep it) did, in words: `schedule.create` is 新建日程.
enum MutationNameText {
    private static let names: [String: (zh: String, en: String)] = [
        "announcement.publish": ("发布公告", "Publish announcement"),
        "announcement.read": ("公告已读", "Mark announcement read"),
        "customer.assign": ("营销关系分配", "Assign managers"),
        "customer.strategic": ("认定战略客户", "Mark strategic"),
        "group.create": ("新建客户群", "Create customer group"),
        "group.add": ("加入客户群", "Add to customer group"),
        "group.remove": ("移出客户群", "Remove from customer group"),
        "home.layout": ("保存首页布局", "Save home layout"),
        "kpi.define": ("定义考核指标", "Define KPI"),
        "list.create": ("新建名单", "Create list"),
        "list.add": ("加入名单", "Add to list"),
        "list.remove": ("移出名单", "Remove from list"),
        "opportunity.create": ("新建商机", "Create opportunity"),
        "opportunity.stage": ("商机换阶段", "Move opportunity stage"),
        "opportunity.scenario": ("方案存入商机", "Save scenario onto opportunity"),
        "org.create": ("新建机构", "Create org"),
        "org.rename": ("机构改名", "Rename org"),
        "org.move": ("移动机构", "Move org"),
        "org.close": ("撤销机构", "Close org"),
        "staff.move": ("人员调动", "Move staff"),
        "plan.issue": ("下达经营计划", "Issue plan"),
        "plan.split": ("分解计划目标", "Split plan target"),
        "plan.revise": ("调整计划目标", "Revise plan target"),
        "prospect.adopt": ("转为潜在客户", "Adopt prospect"),
        "reminder.done": ("完成提醒", "Complete reminder"),
        "reminder.snooze": ("稍后提醒", "Snooze reminder"),
        "schedule.create": ("新建日程", "Create schedule item"),
        "schedule.edit": ("修改日程", "Edit schedule item"),
        "schedule.complete": ("完成日程", "Complete schedule item"),
        "tag.group.create": ("新建标签组", "Create tag group"),
        "tag.create": ("新建标签", "Create tag"),
        "tag.add": ("打标签", "Tag customers"),
        "tag.remove": ("去掉标签", "Untag customers"),
        "task.create": ("下达营销任务", "Create task"),
        "task.assign": ("分派营销任务", "Assign task"),
        "task.record": ("登记任务进度", "Record task progress"),
        "visit.log": ("记录拜访", "Log visit"),
    ]

    /// The mutation's title in the language, or its name when it has none.
    static func title(_ name: String, _ language: Language) -> String {
        guard let text = names[name] else { return name }
        return language == .chinese ? text.zh : text.en
    }
}
