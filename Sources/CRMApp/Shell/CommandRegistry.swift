import CRMCore
import TUI

/// The kinds of screen, which decide where a command applies.
public enum ScreenKind: String, Sendable, CaseIterable {
    case signIn, home, announcements, alerts, schedule, cockpit, homeLayout, customer, tags, customerTags, customerSets, customerSet,
         customerSearch, auditLog, permissionMatrix, orgTree, tasks, opportunities, visits, reminders, profitSimulation, precision, reports, plans,
         syncIssues
}

/// Every command's stable id.
public enum CommandID: String, Sendable, CaseIterable {
    // The shell's own.
    case help, palette, quit, back, refresh, switchLanguage, signOut
    // Modules and functions, reachable from anywhere.
    case home, announcements, alerts, schedule, cockpit, homeLayout, tags, customerSets, customerSearch, auditLog, permissionMatrix,
         orgTree, tasks, opportunities, visits, reminders, profitSimulation, precision, reports, plans, syncIssues
    // Moving within a screen (the screen's widgets take these keys).
    case moveUp, moveDown, pageUp, pageDown, top, bottom, open, nextTab, previousTab
    // Screen actions.
    case search, sort, sortDirection, newItem, editItem, completeItem, publish, markRead
    case togglePanel, movePanelUp, movePanelDown, save, drillUp, switchSeries, previousPeriod, nextPeriod, today
    case newTag, newTagGroup, editTags, toggleTag, markStrategic, addToGroup, removeFromGroup, markRow, assignManagers
    case togglePermission, newOrg, renameOrg, moveNode, closeOrg, newTask, assignTask
    case newOpportunity, advanceStage, revertStage, loseOpportunity, newVisit, visitCustomer, snoozeReminder, adoptProspect, switchDimension
    case reportOptions, exportReport
    case switchCalculator, addScenario, removeScenario, saveScenario, relateCustomer, priceForCustomer
    case issuePlan, splitPlan, revisePlan, previousPlan, nextPlan
    case dismissIssue
}

/// Where a command applies and who carries it out.
public enum CommandScope: Sendable, Equatable {
    /// Everywhere; the shell carries it out.
    case global
    /// Opens a module; the shell navigates. Listed in the palette.
    case module
    /// Keys the focused widget takes (shown in help, carried out by the screen's widgets).
    case navigation
    /// On these screens; the screen carries it out.
    case screens(Set<ScreenKind>)
}

/// One command: id, titles, English words for the palette, keys, F-key, and where it applies.
public struct AppCommand: Sendable {
    public let id: CommandID
    public let title: Text
    public let keywords: [String]
    public let keys: [Key]
    public let functionKey: Int?
    /// The F-key bar's label: at most 6 columns.
    public let barTitle: Text?
    public let scope: CommandScope
    /// Full pinyin and initials of the Chinese title, for the palette.
    public let pinyin: String
    public let pinyinInitials: String

    init(_ id: CommandID, _ zh: String, _ en: String, keywords: [String] = [], keys: [Key], f: Int? = nil, bar: Text? = nil,
         _ scope: CommandScope) {
        self.id = id
        title = Text(zh, en)
        self.keywords = keywords
        self.keys = keys
        functionKey = f
        barTitle = bar
        self.scope = scope
        pinyin = Pinyin.full(zh)
        pinyinInitials = Pinyin.initials(zh)
    }

    /// All keys, the F-key first.
    public var allKeys: [Key] { (functionKey.map { [Key.function($0)] } ?? []) + keys }

    public func applies(on screen: ScreenKind) -> Bool {
        switch scope {
        case .module: return screen != .signIn
        case .global, .navigation: return true
        case .screens(let kinds): return kinds.contains(screen)
        }
    }
}

/// The one list of commands. The keymap, the help screen, the F-key bar and the palette all read it, so a
/// key and its help text are written once.
public enum CommandRegistry {
    public static let all: [AppCommand] = [
        AppCommand(.help, "帮助", "Help", keywords: ["keys", "manual"], keys: [.character("?")], f: 1, bar: Text("帮助", "Help"), .global),
        AppCommand(.home, "客户经理工作台", "Workbench", keywords: ["home", "start", "dashboard"], keys: [.character("w")], f: 2, bar: Text("工作台", "Home"), .module),
        AppCommand(.search, "查找", "Search", keywords: ["find", "filter"], keys: [.character("/")], f: 3, bar: Text("查找", "Find"),
                   .screens([.alerts, .customerSearch, .auditLog])),
        AppCommand(.refresh, "刷新", "Refresh", keywords: ["reload"], keys: [.character("r")], f: 5, bar: Text("刷新", "Reload"), .global),
        AppCommand(.sort, "排序", "Sort", keywords: ["order", "column"], keys: [.character("s")], f: 6, bar: Text("排序", "Sort"),
                   .screens([.alerts, .cockpit, .customerSet, .customerSearch, .auditLog])),
        AppCommand(.newItem, "新建日程", "New schedule item", keywords: ["add", "create", "appointment"], keys: [.character("n")], f: 7, bar: Text("新建", "New"),
                   .screens([.schedule])),
        AppCommand(.publish, "发布公告", "Publish announcement", keywords: ["new", "notice", "post"], keys: [.character("n")], f: 7, bar: Text("发布", "Post"),
                   .screens([.announcements])),
        AppCommand(.completeItem, "完成/重开", "Complete or reopen", keywords: ["done", "finish", "tick"], keys: [.character("x")], f: 8, bar: Text("完成", "Done"),
                   .screens([.schedule, .tasks, .reminders])),
        AppCommand(.palette, "功能检索", "Command palette", keywords: ["find", "function", "go", "jump"],
                   keys: [.character(":"), .control("p")], f: 9, bar: Text("检索", "Find"), .global),
        AppCommand(.quit, "退出", "Quit", keywords: ["exit", "close"], keys: [.character("Q"), .control("c")], f: 10, bar: Text("退出", "Quit"), .global),
        AppCommand(.back, "返回", "Back", keywords: ["up", "close view"], keys: [.escape, .character("q")], .global),
        AppCommand(.switchLanguage, "切换语言 中文/English", "Switch language 中文/English", keywords: ["language", "english", "chinese"],
                   keys: [.character("L")], .global),
        AppCommand(.signOut, "切换用户", "Sign out", keywords: ["logout", "user", "switch user"], keys: [.character("U")], .global),
        AppCommand(.announcements, "公告", "Announcements", keywords: ["notices", "news", "bulletin"], keys: [.character("b")], .module),
        AppCommand(.alerts, "重要客户提醒", "Important customer alerts", keywords: ["alerts", "large movements", "dormant"],
                   keys: [.character("a")], .module),
        AppCommand(.schedule, "日程安排", "Schedule", keywords: ["calendar", "agenda", "reminders"], keys: [.character("c")], .module),
        AppCommand(.cockpit, "数据展示驾驶舱", "Cockpit", keywords: ["dashboard", "figures", "drill down", "kpi"],
                   keys: [.character("d")], .module),
        AppCommand(.customerSearch, "全行客户查询", "Customer search", keywords: ["find customer", "lookup", "uscc"],
                   keys: [.character("f")], .module),
        AppCommand(.homeLayout, "自定义个性化页面", "Customise home page", keywords: ["personal", "panels", "layout", "settings"],
                   keys: [.character("p")], .module),
        AppCommand(.tags, "客户标签组", "Customer tags", keywords: ["tags", "labels", "groups", "segments"],
                   keys: [.character("T")], .module),
        AppCommand(.customerSets, "客户群与集团客户", "Customer groups and conglomerates",
                   keywords: ["groups", "conglomerates", "group 360"], keys: [.character("G")], .module),
        AppCommand(.auditLog, "日志查询", "Audit log", keywords: ["audit", "log", "trail", "verify"], keys: [.character("Y")], .module),
        AppCommand(.permissionMatrix, "系统角色权限管理", "Roles and permissions", keywords: ["roles", "permissions", "access", "matrix"],
                   keys: [.character("R")], .module),
        AppCommand(.tasks, "营销任务", "Marketing tasks", keywords: ["tasks", "assign", "progress", "campaign"],
                   keys: [.character("M")], .module),
        AppCommand(.opportunities, "商机管理", "Opportunities", keywords: ["pipeline", "deals", "leads", "forecast"],
                   keys: [.character("o")], .module),
        AppCommand(.visits, "客户拜访", "Visits", keywords: ["visit", "call report", "activity", "photos"],
                   keys: [.character("V")], .module),
        AppCommand(.reminders, "智能日程提醒", "Smart reminders", keywords: ["reminders", "birthday", "maturity", "coming up"],
                   keys: [.character("!")], .module),
        AppCommand(.precision, "精准营销", "Precision marketing", keywords: ["churn", "prospects", "penetration", "usage", "fund chain"],
                   keys: [.character("J")], .module),
        AppCommand(.reports, "统计报表", "Reports", keywords: ["report", "export", "csv", "statistics", "contribution"],
                   keys: [.character("E")], .module),
        AppCommand(.orgTree, "机构团队管理", "Org and teams", keywords: ["org", "branches", "teams", "staff", "organisation"],
                   keys: [.character("O")], .module),
        AppCommand(.profitSimulation, "利润模拟测算", "Profit simulation",
                   keywords: ["pricing", "calculator", "raroc", "eva", "break-even", "loan", "deposit"], keys: [.character("$")], .module),
        AppCommand(.plans, "经营计划", "Business plans", keywords: ["plan", "target", "kpi", "tracking", "completion", "budget"],
                   keys: [.character("P")], .module),
        AppCommand(.syncIssues, "同步问题", "Sync issues", keywords: ["sync", "rejected", "conflict", "offline", "server"],
                   keys: [.character("I")], .module),
        AppCommand(.moveUp, "上移", "Move up", keys: [.up, .character("k")], .navigation),
        AppCommand(.moveDown, "下移", "Move down", keys: [.down, .character("j")], .navigation),
        AppCommand(.pageUp, "上一页", "Page up", keys: [.pageUp], .navigation),
        AppCommand(.pageDown, "下一页", "Page down", keys: [.pageDown], .navigation),
        AppCommand(.top, "到顶部", "To the top", keys: [.home, .character("g")], .navigation),
        AppCommand(.bottom, "到底部", "To the bottom", keys: [.end, .character("G")], .navigation),
        AppCommand(.open, "打开", "Open", keys: [.enter], .navigation),
        AppCommand(.nextTab, "下一栏", "Next pane", keys: [.tab], .navigation),
        AppCommand(.previousTab, "上一栏", "Previous pane", keys: [.backTab], .navigation),
        AppCommand(.sortDirection, "升序/降序", "Ascending or descending", keys: [.character("S")],
                   .screens([.alerts, .cockpit, .customerSet, .customerSearch, .auditLog])),
        AppCommand(.editItem, "修改日程", "Edit schedule item", keywords: ["change"], keys: [.character("e")], .screens([.schedule])),
        AppCommand(.previousPeriod, "上一周", "Previous week", keys: [.character("[")], .screens([.schedule])),
        AppCommand(.nextPeriod, "下一周", "Next week", keys: [.character("]")], .screens([.schedule])),
        AppCommand(.today, "回到今天", "Back to today", keys: [.character("t")], .screens([.schedule])),
        AppCommand(.markRead, "标为已读", "Mark read", keys: [.character("m")], .screens([.announcements])),
        AppCommand(.drillUp, "上钻", "Drill up", keywords: ["parent"], keys: [.backspace, .character("u")],
                   .screens([.cockpit, .customer])),
        AppCommand(.switchSeries, "存款/贷款趋势", "Deposit or loan trend", keywords: ["chart", "trend", "loans"],
                   keys: [.character("v")], .screens([.cockpit])),
        AppCommand(.newTag, "新建标签", "New tag", keywords: ["add", "create", "label"], keys: [.character("n")], f: 7,
                   bar: Text("新标签", "Tag"), .screens([.tags])),
        AppCommand(.newTagGroup, "新建标签组", "New tag group", keywords: ["add", "create", "group"], keys: [.character("N")],
                   .screens([.tags])),
        AppCommand(.editTags, "打标签", "Tag this customer", keywords: ["label", "tags"], keys: [.character("t")],
                   .screens([.customer, .customerSearch])),
        AppCommand(.assignManagers, "营销关系分配", "Assign managers", keywords: ["reassign", "manager", "owner", "share"],
                   keys: [.character("A")], .screens([.customer])),
        AppCommand(.markStrategic, "认定/取消战略客户", "Mark or unmark strategic", keywords: ["strategic", "tier"],
                   keys: [.character("*")], .screens([.customer])),
        AppCommand(.addToGroup, "加入客户群", "Add to a customer group", keywords: ["group"], keys: [.character("+")],
                   .screens([.customer, .customerSearch])),
        AppCommand(.removeFromGroup, "移出客户群", "Remove from the group", keywords: ["group", "remove"], keys: [.character("x")],
                   f: 8, bar: Text("移出", "Remove"), .screens([.customerSet])),
        AppCommand(.markRow, "标记/取消标记", "Mark or unmark", keywords: ["select", "bulk"], keys: [.character(" ")],
                   .screens([.customerSearch])),
        AppCommand(.toggleTag, "加上/去掉标签", "Add or remove the tag", keys: [.character(" ")], .screens([.customerTags])),
        AppCommand(.togglePermission, "允许/禁止", "Allow or deny", keywords: ["grant", "permission"], keys: [.character(" ")],
                   .screens([.permissionMatrix])),
        AppCommand(.newTask, "下达营销任务", "New task", keywords: ["create", "campaign"], keys: [.character("n")], f: 7,
                   bar: Text("新建", "New"), .screens([.tasks])),
        AppCommand(.assignTask, "分派到下级", "Hand down", keywords: ["assign", "split", "delegate"], keys: [.character("A")],
                   .screens([.tasks])),
        AppCommand(.newOpportunity, "新建商机", "New opportunity", keywords: ["lead", "deal"], keys: [.character("n")], f: 7,
                   bar: Text("新建", "New"), .screens([.opportunities])),
        AppCommand(.advanceStage, "推进到下一阶段", "Next stage", keywords: ["advance", "win"], keys: [.character(">")],
                   .screens([.opportunities])),
        AppCommand(.revertStage, "退回上一阶段", "Previous stage", keywords: ["back"], keys: [.character("<")], .screens([.opportunities])),
        AppCommand(.loseOpportunity, "标记丢失", "Mark lost", keywords: ["lost", "drop"], keys: [.character("X")],
                   .screens([.opportunities])),
        AppCommand(.newVisit, "记录拜访", "Record a visit", keywords: ["visit", "log", "gps"], keys: [.character("n")], f: 7,
                   bar: Text("拜访", "Visit"), .screens([.visits])),
        AppCommand(.visitCustomer, "记录对该客户的拜访", "Record a visit here", keywords: ["visit", "log", "gps"], keys: [.character("V")],
                   .screens([.customer])),
        AppCommand(.snoozeReminder, "稍后提醒", "Snooze", keywords: ["later", "postpone"], keys: [.character("z")],
                   .screens([.reminders])),
        AppCommand(.adoptProspect, "转为潜在客户", "Make a potential customer", keywords: ["prospect", "adopt", "lead"],
                   keys: [.character("+")], .screens([.precision])),
        AppCommand(.switchDimension, "切换维度", "Switch dimension", keywords: ["line", "industry", "tier"], keys: [.character("v")],
                   .screens([.precision])),
        AppCommand(.reportOptions, "报表参数", "Report options", keywords: ["as of", "period", "conglomerate"], keys: [.character("e")],
                   .screens([.reports])),
        AppCommand(.exportReport, "导出 CSV", "Export CSV", keywords: ["export", "csv", "download"], keys: [.character("x")], f: 8,
                   bar: Text("导出", "Export"), .screens([.reports])),
        AppCommand(.newOrg, "新建下级机构", "New org below", keywords: ["create", "team", "branch"], keys: [.character("n")], f: 7,
                   bar: Text("新建", "New"), .screens([.orgTree])),
        AppCommand(.renameOrg, "机构改名", "Rename org", keywords: ["name"], keys: [.character("e")], .screens([.orgTree])),
        AppCommand(.moveNode, "移动机构或人员", "Move org or person", keywords: ["transfer", "reparent"], keys: [.character("m")],
                   .screens([.orgTree])),
        AppCommand(.closeOrg, "撤销机构", "Close org", keywords: ["close", "merge", "dissolve"], keys: [.character("x")], f: 8,
                   bar: Text("撤销", "Close"), .screens([.orgTree])),
        AppCommand(.switchCalculator, "贷款/存款测算", "Loan or deposit calculator", keywords: ["loan", "deposit", "switch"],
                   keys: [.character("v")], .screens([.profitSimulation])),
        AppCommand(.addScenario, "新增方案", "Add a scenario", keywords: ["compare", "copy", "scenario"], keys: [.character("n")], f: 7,
                   bar: Text("新方案", "Add"), .screens([.profitSimulation])),
        AppCommand(.saveScenario, "方案存入商机", "Save onto an opportunity", keywords: ["opportunity", "save", "scenario"],
                   keys: [.control("s")], .screens([.profitSimulation])),
        AppCommand(.relateCustomer, "关联客户贡献", "Add to a customer's contribution", keywords: ["relationship", "customer", "contribution"],
                   keys: [.character("C")], .screens([.profitSimulation])),
        AppCommand(.priceForCustomer, "为该客户测算", "Price a deal for this customer", keywords: ["pricing", "calculator", "raroc"],
                   keys: [.character("$")], .screens([.customer])),
        AppCommand(.removeScenario, "删除方案", "Remove the scenario", keywords: ["delete", "scenario"], keys: [.character("x")], f: 8,
                   bar: Text("删方案", "Remove"), .screens([.profitSimulation])),
        AppCommand(.issuePlan, "下达经营计划", "Issue a plan", keywords: ["new", "target", "kpi"], keys: [.character("n")], f: 7,
                   bar: Text("下达", "Issue"), .screens([.plans])),
        AppCommand(.splitPlan, "分解目标到下级", "Split the target below", keywords: ["split", "allocate", "hand down", "assign"],
                   keys: [.character("A")], .screens([.plans])),
        AppCommand(.revisePlan, "调整目标", "Revise the target", keywords: ["change", "edit", "revision"], keys: [.character("e")],
                   .screens([.plans])),
        AppCommand(.previousPlan, "上一个计划", "Previous plan", keys: [.character("[")], .screens([.plans])),
        AppCommand(.nextPlan, "下一个计划", "Next plan", keys: [.character("]")], .screens([.plans])),
        AppCommand(.dismissIssue, "忽略此问题", "Dismiss the issue", keywords: ["dismiss", "ignore", "seen"], keys: [.character("x")],
                   f: 8, bar: Text("忽略", "Dismiss"), .screens([.syncIssues])),
        AppCommand(.togglePanel, "显示/隐藏面板", "Show or hide panel", keys: [.character(" ")], .screens([.homeLayout])),
        AppCommand(.movePanelUp, "面板上移", "Move panel up", keys: [.character("K")], .screens([.homeLayout])),
        AppCommand(.movePanelDown, "面板下移", "Move panel down", keys: [.character("J")], .screens([.homeLayout])),
        AppCommand(.save, "保存", "Save", keywords: ["store"], keys: [.control("s")], .screens([.homeLayout])),
    ]

    public static func command(_ id: CommandID) -> AppCommand { all.first { $0.id == id }! }

    /// The command a key triggers on a screen: the screen's own before the global ones. Navigation keys are
    /// left to the screen's widgets.
    public static func command(for key: Key, on screen: ScreenKind) -> AppCommand? {
        let candidates = all.filter { $0.scope != .navigation && $0.applies(on: screen) && $0.allKeys.contains(key) }
        return candidates.first { if case .screens = $0.scope { return true } else { return false } } ?? candidates.first
    }

    /// What the palette offers on a screen, best match for `query` first: every module once signed in, and the
    /// shell's and the screen's commands.
    public static func search(_ query: String, on screen: ScreenKind, signedIn: Bool = true) -> [AppCommand] {
        let offered = all.filter { command in
            guard command.scope != .navigation, command.id != .palette else { return false }
            if command.scope == .module { return signedIn }
            return command.applies(on: screen)
        }
        return PaletteSearch.matches(query, among: offered)
    }

    /// The F-key bar of a screen: F1 to F10, each with the command it triggers there.
    public static func functionKeys(on screen: ScreenKind) -> [(number: Int, command: AppCommand)] {
        (1...10).compactMap { number in command(for: .function(number), on: screen).map { (number, $0) } }
    }
}
