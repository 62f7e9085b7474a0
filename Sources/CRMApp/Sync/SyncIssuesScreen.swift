import CRMCore
import CRMSync
import TUI

/// Sync issues (同步问题): the changes made on this replica that the server refused, newest first, beside the
/// selected one's reason and the user's data as it was entered. x dismisses one (it stays refused; the list
/// just stops showing it).
final class SyncIssuesScreen: Screen {
    let kind = ScreenKind.syncIssues
    private var issues: [SyncIssue] = []
    private var list = ListView(items: [])

    init(shell: ShellActions) { reload(shell: shell) }

    func title(_ language: Language) -> String { language == .chinese ? "同步问题" : "Sync issues" }

    func reload(shell: ShellActions) {
        issues = (try? shell.services.sync.issues()) ?? []
        list.items = issues.map {
            ListItem(MutationNameText.title($0.name, shell.language), detail: String($0.rejectedAt.dropFirst(5).prefix(11)), marker: "!")
        }
    }

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let columns = Split.columns(rect, [.flex(2), .flex(3)])
        let listRect = Box.draw(columns[0], title: context.text("被拒绝的修改 \(issues.count) 条", "\(issues.count) refused changes"),
                                on: &grid, context: context.render)
        list.layout(in: listRect)
        list.render(in: listRect, on: &grid, context: context.render)
        let detail = Box.draw(columns[1], title: context.text("原因与数据", "Reason and data"), on: &grid,
                              context: context.render.focused(false))
        guard let index = list.selectedIndex else {
            let empty = context.text("没有同步问题。服务器拒绝的修改会列在这里。", "No sync issues. Changes the server refuses are listed here.")
            for (offset, line) in TextWrap.lines(empty, width: detail.width - 2).enumerated() where detail.y + offset < detail.maxY {
                grid.put(line, x: detail.x + 1, y: detail.y + offset, style: Style(.dim), limit: detail.maxX)
            }
            return nil
        }
        let issue = issues[index]
        var lines: [(String, Style)] = [(MutationNameText.title(issue.name, context.language) + "  (\(issue.name))", Style(.title))]
        lines.append((context.text("修改于 ", "Made ") + issue.createdAt, Style(.dim)))
        lines.append((context.text("被拒于 ", "Refused ") + issue.rejectedAt, Style(.dim)))
        lines.append(("", .normal))
        lines += TextWrap.lines(context.text("原因：", "Reason: ") + issue.reason, width: detail.width - 2).map { ($0, Style(.error)) }
        lines.append(("", .normal))
        lines.append((context.text("您录入的数据（x 忽略此问题）", "Your data (x dismisses the issue)"), Style(.header)))
        let payload = (try? JSONValue.parse(issue.payload).rendered(indent: 2)) ?? issue.payload
        for line in payload.split(separator: "\n", omittingEmptySubsequences: false) {
            // Wrapped lines keep the JSON's indentation.
            let indent = String(line.prefix { $0 == " " })
            lines += TextWrap.lines(String(line.dropFirst(indent.count)), width: detail.width - 2 - indent.count).map { (indent + $0, Style.normal) }
        }
        for (offset, line) in lines.enumerated() where detail.y + offset < detail.maxY {
            grid.put(line.0, x: detail.x + 1, y: detail.y + offset, style: line.1, limit: detail.maxX)
        }
        return nil
    }

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        list.handle(key) != .ignored
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        guard command == .dismissIssue else { return false }
        guard let index = list.selectedIndex else { return true }
        let issue = issues[index], zh = shell.language == .chinese
        shell.confirm(title: zh ? "忽略同步问题" : "Dismiss sync issue",
                      message: zh ? "不再显示这条被拒绝的修改？它不会被重新提交。" : "Stop showing this refused change? It is not sent again.") {
            [weak self] in
            do {
                try shell.services.sync.dismiss(issue.mutationID)
            } catch {
                shell.notify(String(describing: error), .error)
                return
            }
            shell.syncIssuesChanged()
            guard let self else { return }
            reload(shell: shell)
            if !issues.isEmpty { list.select(min(index, issues.count - 1)) }
        }
        return true
    }
}
