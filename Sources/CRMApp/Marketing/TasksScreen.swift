import CRMCore
import CRMStore
import TUI

/// Marketing tasks (营销任务): the task trees the user may see, each node with its assignee, completion against
/// target and due date (overdue ones marked), and below, the customers the selected node holds. Head office,
/// branch heads and team leads set tasks (n) for a rule tag, a tag or a customer group, and hand a task down a
/// level (A); whoever holds a customer marks it done with the result (x); Enter on a customer opens its 360.
final class TasksScreen: Screen {
    let kind = ScreenKind.tasks
    private var tasks = TaskTree()
    private var tree: TreeView
    private var customers: [TaskCustomer] = []
    private var table: Table
    private var customersFocused = false
    private var language: Language
    private let shell: ShellActions

    init(shell: ShellActions) {
        self.shell = shell
        language = shell.language
        tree = TreeView(source: ClosureTreeSource { _ in [] })
        table = Table(columns: [], source: ArrayTableSource(rows: []))
        reload(shell: shell)
        tree.reopen(Set(tasks.rootIDs), selecting: nil)
        loadCustomers()
    }

    func title(_ language: Language) -> String { language == .chinese ? "营销任务" : "Marketing tasks" }

    func reload(shell: ShellActions) {
        tasks = (try? shell.services.database.writer.read { try TaskTree.load($0, for: shell.session.profile) }) ?? TaskTree()
        rebuildTree()
        loadCustomers()
    }

    /// Today by the clock, against which due dates are judged.
    private var today: BusinessDate { ShanghaiTime.date(of: shell.services.clock.now()) }

    private func rebuildTree() {
        let open = tree.expanded, selected = tree.selectedNode?.id
        let tasks = self.tasks, zh = language == .chinese, today = self.today
        tree = TreeView(source: ClosureTreeSource { id in
            tasks.children(of: id).map { node in
                TreeNode(id: node.id, title: Self.title(of: node, isRoot: tasks.rootIDs.contains(node.id), zh: zh),
                         detail: Self.progress(of: node, today: today, zh: zh),
                         hasChildren: !tasks.children(of: node.id).isEmpty)
            }
        })
        tree.reopen(open, selecting: selected)
    }

    /// A root names the task; a node below it only its assignee.
    private static func title(of node: TaskNode, isRoot: Bool, zh: Bool) -> String {
        let kind = zh ? node.kind.chineseName : node.kind.englishName
        return isRoot ? "[\(kind)] \(node.title) · \(node.assigneeName)" : node.assigneeName
    }

    private static func progress(of node: TaskNode, today: BusinessDate, zh: Bool) -> String {
        let percent = node.completionBP / 100
        let overdue = node.isOverdue(today: today) ? (zh ? " · 逾期" : " · overdue") : ""
        return zh ? "\(node.done)/\(node.target) · \(percent)% · 到期 \(node.dueDate)\(overdue)"
            : "\(node.done)/\(node.target) · \(percent)% · due \(node.dueDate)\(overdue)"
    }

    private var selectedTask: TaskNode? { tree.selectedNode.flatMap { tasks.nodes[$0.id] } }

    private func loadCustomers() {
        let zh = language == .chinese
        let scope = shell.session.scope
        customers = selectedTask.flatMap { task in
            try? shell.services.database.writer.read { try TaskTree.customers(of: task.id, scope: scope, $0) }
        } ?? []
        let columns = [
            TableColumn(zh ? "客户" : "Customer", minWidth: 12, maxWidth: 40, flexible: true),
            TableColumn(zh ? "客户号" : "Customer id", minWidth: 10, maxWidth: 12),
            TableColumn(zh ? "完成于" : "Done at", minWidth: 16, maxWidth: 19),
            TableColumn(zh ? "结果" : "Result", minWidth: 8, maxWidth: 60, flexible: true),
        ]
        table = Table(columns: columns, source: ArrayTableSource(rows: customers.map {
            [$0.customerName, $0.customerID, $0.doneAt ?? (zh ? "未完成" : "open"), $0.result]
        }))
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            rebuildTree()
            loadCustomers()
        }
        let parts = Split.rows(rect, [.flex(3), .flex(2)])
        let treeTitle = context.text("任务 \(tree.position) · n 新建 · A 分派到下级 · Tab 切到客户",
                                     "Tasks \(tree.position) · n new · A hand down · Tab to customers")
        let treeArea = Box.draw(parts[0], title: treeTitle, on: &grid, context: context.render.focused(!customersFocused))
        tree.layout(in: treeArea)
        tree.render(in: treeArea, on: &grid, context: context.render.focused(!customersFocused))
        if tasks.rootIDs.isEmpty {
            grid.put(context.text("没有任务。总行、分支行行长和团队长可按 n 下达任务。", "No tasks. Head office, branch heads and team leads set them with n."),
                     x: treeArea.x + 1, y: treeArea.y + 1, style: Style(.dim), limit: treeArea.maxX)
        }
        let held = context.text("本节点客户 \(table.position) · x 完成/重开 · Enter 客户视图", "Customers here \(table.position) · x done · Enter opens")
        let tableArea = Box.draw(parts[1], title: held, on: &grid, context: context.render.focused(customersFocused))
        table.layout(in: tableArea)
        table.render(in: tableArea, on: &grid, context: context.render.focused(customersFocused))
        if customers.isEmpty, selectedTask != nil {
            grid.put(context.text("客户已分派到下级节点", "The customers are with the nodes below"), x: tableArea.x + 1, y: tableArea.y + 1,
                     style: Style(.dim), limit: tableArea.maxX)
        }
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        if key == .tab || key == .backTab {
            customersFocused.toggle()
            return true
        }
        if customersFocused {
            if table.handle(key) == .submitted, let row = table.selectedRow { shell.openCustomer(customers[row].customerID) }
            return true
        }
        let before = tree.selectedNode?.id
        let response = tree.handle(key)
        if tree.selectedNode?.id != before { loadCustomers() }
        return response != .ignored
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        switch command {
        case .newTask: presentNewTask()
        case .assignTask: handDown()
        case .completeItem: toggleDone()
        default: return false
        }
        return true
    }

    private func presentNewTask() {
        let zh = shell.language == .chinese
        let viewer = shell.session.profile
        guard let sources = try? shell.services.database.writer.read({ try CustomerSource.available($0, viewer: viewer) }) else { return }
        let kinds = TaskKind.allCases.map { zh ? $0.chineseName : $0.englishName }
        let labels = sources.map { zh ? $0.chineseLabel : $0.englishLabel }
        let form = Form(fields: [
            .choice("kind", label: zh ? "类型" : "Kind", options: kinds),
            .text("title", label: zh ? "任务名称" : "Title", maxLength: 60, validator: { $0.isEmpty ? (zh ? "必填" : "Required") : nil }),
            .choice("source", label: zh ? "客户" : "Customers", options: labels),
            .date("due", label: zh ? "到期日" : "Due", value: today.adding(days: 30).description, required: true,
                  messages: zh ? .zhHans : .en),
            .number("target", label: zh ? "目标户数" : "Target", placeholder: zh ? "空=全部客户" : "empty = all", messages: zh ? .zhHans : .en),
            .text("note", label: zh ? "说明" : "Note", maxLength: 200),
        ], inputWidth: 34)
        shell.presentForm(title: zh ? "下达营销任务（先下达到本机构，再按 A 分派）" : "New task (to your org; A hands it down)", form: form) { values in
            guard let source = sources.first(where: { (zh ? $0.chineseLabel : $0.englishLabel) == values["source"] }),
                  let kind = TaskKind.allCases.first(where: { (zh ? $0.chineseName : $0.englishName) == values["kind"] }),
                  let due = BusinessDate(values["due"] ?? "") else { return zh ? "请检查各项" : "Check the fields" }
            let scope = self.shell.session.scope
            let ids = (try? self.shell.services.database.writer.read { try source.customers($0, scope: scope) }) ?? []
            let target = values["target"].flatMap { $0.isEmpty ? nil : Int($0) }
            let task = CreateTask(id: MutationID.make(), kind: kind, title: values["title"] ?? "", note: values["note"] ?? "",
                                  dueDate: due, target: target, customerIDs: ids)
            if let failure = self.shell.attempt(task) { return failure }
            self.reload(shell: self.shell)
            self.tree.reopen(self.tree.expanded, selecting: task.id)
            self.loadCustomers()
            self.shell.notify(zh ? "任务已下达，共 \(ids.count) 户" : "Task set for \(ids.count) customers", .success)
            return nil
        }
    }

    private func handDown() {
        let zh = shell.language == .chinese
        guard let task = selectedTask else { return }
        let mutation = AssignTask(taskID: task.id, childIDs: (0..<max(1, task.customers)).map { _ in MutationID.make() })
        guard shell.apply(mutation) else { return }
        reload(shell: shell)
        tree.reopen(tree.expanded.union([task.id]), selecting: task.id)
        loadCustomers()
        shell.notify(zh ? "已分派到下级 \(tasks.children(of: task.id).count) 个节点" : "Handed down to \(tasks.children(of: task.id).count)", .success)
    }

    private func toggleDone() {
        let zh = shell.language == .chinese
        guard customersFocused, let row = table.selectedRow, let task = selectedTask else {
            shell.notify(zh ? "先按 Tab 到下方客户列表选中客户" : "Tab to the customers and select one first", .info)
            return
        }
        let customer = customers[row]
        guard customer.doneAt == nil else {
            if shell.apply(RecordTaskProgress(taskID: task.id, customerID: customer.customerID, done: false)) { refreshKeepingRow(row) }
            return
        }
        let form = Form(fields: [.text("result", label: zh ? "结果" : "Result", maxLength: 200)], inputWidth: 40)
        shell.presentForm(title: zh ? "完成：\(customer.customerName)" : "Done: \(customer.customerName)", form: form) { values in
            let record = RecordTaskProgress(taskID: task.id, customerID: customer.customerID, done: true, result: values["result"] ?? "")
            if let failure = self.shell.attempt(record) { return failure }
            self.refreshKeepingRow(row)
            return nil
        }
    }

    private func refreshKeepingRow(_ row: Int) {
        reload(shell: shell)
        table.select(position: row)
    }
}
