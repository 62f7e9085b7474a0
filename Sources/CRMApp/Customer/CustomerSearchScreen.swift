import CRMCore
import CRMStore
import TUI

/// Bank-wide customer search (全行客户查询) within the user's scope: results as the user types (name, pinyin,
/// pinyin initials, USCC, customer id, manager), filters for tier, line, industry section, status and tag,
/// sortable columns, Enter opens the customer. Space marks results; t tags the marked customers (or the one
/// selected), g adds them to a customer group.
///
/// Focus moves with Tab between the text field, each filter (← → change it) and the results. The scope's customers
/// are read once into a `CustomerSearchSnapshot` and searched in memory at every keystroke; they are read again
/// only when the business date changes, because only the batch changes them.
final class CustomerSearchScreen: Screen {
    let kind = ScreenKind.customerSearch

    private enum Focus: Equatable {
        case text
        case filter(Int)
        case results
    }

    /// At most this many customers are listed; typing more narrows them.
    static let limit = 500

    private var snapshot: CustomerSearchSnapshot
    /// Whether the snapshot has been read (it is put off until the first frame is on screen).
    private var loaded = false
    private let shell: ShellActions
    private var loadedDate: BusinessDate?
    private var field = TextField()
    private var focus = Focus.text
    /// The filters: the fixed ones and the tags that exist.
    private let filters: [Filter]
    /// The chosen value of each filter, as an index into its choices (0: all).
    private var choices: [Int]
    /// The customers carrying the chosen tag, when a tag is chosen.
    private var tagged: Set<String>?
    /// Customers marked with Space for tagging or grouping.
    private(set) var marked: Set<String> = []
    private let database: AppDatabase
    private let scope: DataScope
    private let plain: Bool
    private var sort = CustomerSearchSort.relevance
    private var results: [CustomerSearchResult] = []
    private var table = Table(columns: [], source: ArrayTableSource(rows: []))
    private var language: Language

    init(shell: ShellActions) {
        database = shell.services.database
        scope = shell.session.scope
        plain = shell.plain
        filters = Self.fixedFilters + [Self.branchFilter(shell), Self.tagFilter(shell)]
        choices = [Int](repeating: 0, count: filters.count)
        language = shell.language
        // The snapshot of a large bank takes a moment to read: the first frame comes at once with the box, and the
        // snapshot is read when the loop is idle, or at the first key that needs it.
        snapshot = CustomerSearchSnapshot.empty
        self.shell = shell
    }

    func title(_ language: Language) -> String { language == .chinese ? "全行客户查询" : "Customer search" }

    var capturesText: Bool { focus == .text }

    func reload(shell: ShellActions) {
        language = shell.language
        guard loaded else { return }
        if shell.services.businessDate != loadedDate {
            snapshot = Self.load(shell)
            loadedDate = shell.services.businessDate
        }
        search()
    }

    func idle(shell: ShellActions) -> Bool {
        guard !loaded else { return false }
        ensureLoaded()
        return true
    }

    /// Reads the snapshot if it was put off, then searches for what was typed meanwhile.
    private func ensureLoaded() {
        guard !loaded else { return }
        snapshot = Self.load(shell)
        loadedDate = shell.services.businessDate
        loaded = true
        search()
    }

    private static func load(_ shell: ShellActions) -> CustomerSearchSnapshot {
        (try? shell.services.database.writer.read { try CustomerSearchSnapshot.load($0, scope: shell.session.scope) })
            ?? CustomerSearchSnapshot.empty
    }

    // MARK: Searching

    /// Runs the search for what the field holds now, keeping the selection at the top.
    private func search() {
        var chosen = CustomerSearchFilters()
        for (index, filter) in filters.enumerated() where choices[index] > 0 {
            filter.apply(filter.values[choices[index] - 1].code, &chosen)
        }
        chosen.customerIDs = tagged
        results = snapshot.search(field.text, filters: chosen, sort: sort, limit: Self.limit)
        table = Table(columns: columns(), source: ResultSource(results: results, language: language, marked: marked, plain: plain))
    }

    private func columns() -> [TableColumn] {
        let zh = language == .chinese
        var columns = [
            TableColumn(zh ? "客户名称" : "Customer", minWidth: 12, maxWidth: 40),
            TableColumn(zh ? "客户号" : "Id", minWidth: 10, maxWidth: 12),
            TableColumn(zh ? "分层" : "Tier", minWidth: 4, maxWidth: 9),
            TableColumn(zh ? "条线" : "Line", minWidth: 4, maxWidth: 18),
            TableColumn(zh ? "主办客户经理" : "Manager", minWidth: 6, maxWidth: 12),
            TableColumn(zh ? "存款余额" : "Deposits", kind: .number, minWidth: 8, maxWidth: 16),
            TableColumn(zh ? "贷款余额" : "Loans", kind: .number, minWidth: 8, maxWidth: 16),
        ]
        if case .column(let column, let ascending) = sort {
            columns[column.rawValue].title += ascending ? "▲" : "▼"
        }
        return columns
    }

    // MARK: Drawing

    func render(in rect: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        if context.language != language {
            language = context.language
            search()
        }
        let title = context.text("全行客户查询 · \(table.position)", "Customer search · \(table.position)")
        let inside = Box.draw(rect, title: title, on: &grid, context: context.render)
        guard inside.height >= 3 else { return nil }
        let (top, rest) = inside.splitTop(1)
        let (chips, body) = rest.splitTop(1)

        let label = context.text("查找 ", "Find ")
        grid.put(label, x: top.x, y: top.y, style: Style(.accent))
        let labelWidth = DisplayWidth.of(label)
        let fieldRect = Rect(x: top.x + labelWidth, y: top.y, width: top.width - labelWidth, height: 1)
        field.placeholder = context.text("名称、拼音、首字母、信用代码、客户号或客户经理", "name, pinyin, initials, USCC, id or manager")
        field.render(in: fieldRect, on: &grid, context: context.render.focused(focus == .text))
        renderFilters(in: chips, on: &grid, context: context)

        table.layout(in: body)
        table.render(in: body, on: &grid, context: context.render.focused(!isFilterFocus))
        if !loaded {
            grid.put(context.text("正在读取客户…", "Reading the customers…"), x: body.x + 1, y: body.y + 2, style: Style(.dim),
                     limit: body.maxX)
        } else if results.isEmpty {
            grid.put(context.text("没有找到客户", "No customer found"), x: body.x + 1, y: body.y + 2, style: Style(.dim),
                     limit: body.maxX)
        }
        return focus == .text ? field.cursorPosition(in: fieldRect) : nil
    }

    private var isFilterFocus: Bool {
        if case .filter = focus { return true }
        return false
    }

    /// "分层 全部  条线 大中型企业 ...": the focused filter between ◂ ▸.
    private func renderFilters(in rect: Rect, on grid: inout Grid, context: ScreenContext) {
        grid.fill(rect)
        var x = rect.x
        for (index, filter) in filters.enumerated() where x < rect.maxX {
            let value = choices[index] == 0 ? Text("全部", "All") : filter.values[choices[index] - 1].title
            x = grid.put(filter.title(language) + " ", x: x, y: rect.y, style: Style(.dim), limit: rect.maxX)
            let focused = focus == .filter(index)
            let (open, close) = focused ? (context.render.plain ? ("<", ">") : ("◂", "▸")) : ("", "")
            x = grid.put(open + value(language) + close, x: x, y: rect.y, style: focused ? Style(.selected) : Style(.accent),
                         limit: rect.maxX)
            x = grid.put("  ", x: x, y: rect.y, limit: rect.maxX)
        }
    }

    // MARK: Keys

    func handle(_ key: Key, shell: ShellActions) -> Bool {
        ensureLoaded()
        switch key {
        case .tab:
            moveFocus(by: 1)
            return true
        case .backTab:
            moveFocus(by: -1)
            return true
        default: break
        }
        switch focus {
        case .text:
            switch key {
            case .up, .down, .pageUp, .pageDown:
                _ = table.handle(key)
            case .enter:
                open(shell)
            case .escape:
                return false
            default:
                let before = field.text
                guard field.handle(key) == .handled else { return false }
                if field.text != before { search() }
            }
        case .filter(let index):
            switch key {
            case .left, .character("h"): choose(index, step: -1)
            case .right, .character("l"), .character(" "): choose(index, step: 1)
            case .enter, .down: focus = .results
            default: return false
            }
        case .results:
            if table.handle(key) == .submitted { open(shell) }
        }
        return true
    }

    func perform(_ command: CommandID, shell: ShellActions) -> Bool {
        ensureLoaded()
        switch command {
        case .search: focus = .text
        case .sort:
            // Relevance, then each column in turn, then relevance again, as the table's own `s` does.
            let next: CustomerSearchSort
            switch sort {
            case .relevance: next = .column(.name, ascending: true)
            case .column(let column, let ascending):
                next = CustomerSearchColumn(rawValue: column.rawValue + 1).map { .column($0, ascending: ascending) } ?? .relevance
            }
            sort = next
            search()
        case .sortDirection:
            if case .column(let column, let ascending) = sort { sort = .column(column, ascending: !ascending) }
            else { sort = .column(.name, ascending: false) }
            search()
        case .markRow:
            guard focus == .results, let row = table.selectedRow else { return false }
            let id = results[row].customerID
            if marked.remove(id) == nil { marked.insert(id) }
            let position = row
            search()
            table.select(position: min(position + 1, max(0, results.count - 1)))
        case .editTags:
            let ids = chosenCustomers
            guard !ids.isEmpty else { return true }
            let zh = shell.language == .chinese
            shell.push(CustomerTagsScreen(shell: shell, customerIDs: ids,
                                          heading: zh ? "打标签：\(ids.count) 户客户" : "Tag \(ids.count) customers"))
        case .addToGroup:
            let ids = chosenCustomers
            guard !ids.isEmpty else { return true }
            GroupPicker.present(shell: shell, customerIDs: ids, heading: shell.language == .chinese ? "\(ids.count) 户客户" : "\(ids.count) customers")
        default: return false
        }
        return true
    }

    private func moveFocus(by step: Int) {
        let stops = [Focus.text] + filters.indices.map(Focus.filter) + [.results]
        let current = stops.firstIndex(of: focus) ?? 0
        focus = stops[(current + step + stops.count) % stops.count]
    }

    private func choose(_ filter: Int, step: Int) {
        let count = filters[filter].values.count + 1
        choices[filter] = (choices[filter] + step + count) % count
        if filter == filters.count - 1 { tagged = choices[filter] == 0 ? nil : carriers(of: filters[filter].values[choices[filter] - 1].code) }
        search()
    }

    /// The customers in scope that carry a tag: "rule:NAME" for a rule tag, else a user-made tag's id.
    private func carriers(of code: String) -> Set<String> {
        let scope = self.scope
        let ids = try? database.writer.read { db -> [String] in
            if code.hasPrefix("rule:"), let rule = RuleTag(rawValue: String(code.dropFirst(5))) {
                return try TagQuery.customers(db, rule: rule, scope: scope, limit: Int.max).map(\.id)
            }
            return try TagQuery.customers(db, tagID: code, scope: scope).map(\.id)
        }
        return Set(ids ?? [])
    }

    /// The customers the tagging and grouping commands act on: the marked ones, else the selected one.
    private var chosenCustomers: [String] {
        if !marked.isEmpty { return results.map(\.customerID).filter(marked.contains) + marked.subtracting(results.map(\.customerID)).sorted() }
        return table.selectedRow.map { [results[$0].customerID] } ?? []
    }

    private func open(_ shell: ShellActions) {
        guard let row = table.selectedRow else { return }
        shell.openCustomer(results[row].customerID)
    }

    // MARK: Filters

    /// One filter: its title, its values (code and title), and where its code goes in the query's filters.
    struct Filter: Sendable {
        let title: Text
        let values: [(code: String, title: Text)]
        let apply: @Sendable (String, inout CustomerSearchFilters) -> Void
    }

    /// The branches and sub-branches the user may look into: every one for head office, their own subtree for
    /// a branch head or team lead, none for a relationship manager (whose customers are all their own).
    private static func branchFilter(_ shell: ShellActions) -> Filter {
        let scope = shell.session.scope
        let orgs = (try? shell.services.database.writer.read { try OrgDirectory.branches($0, scope: scope) }) ?? []
        return Filter(title: Text("机构", "Branch"), values: orgs.map { ($0.orgID, Text($0.name, $0.name)) }, apply: { $1.orgID = $0 })
    }

    /// Rule tags first, then every user-made tag as "group / tag".
    private static func tagFilter(_ shell: ShellActions) -> Filter {
        let scope = shell.session.scope
        let groups = (try? shell.services.database.writer.read { try TagQuery.groups($0, scope: scope) }) ?? []
        let rules = RuleTag.allCases.map { ("rule:" + $0.rawValue, Text($0.chineseName, $0.rawValue)) }
        let manual = groups.flatMap { group in group.tags.map { ($0.id, Text("\(group.name)/\($0.name)", "\(group.name)/\($0.name)")) } }
        return Filter(title: Text("标签", "Tag"), values: rules + manual, apply: { _, _ in })
    }

    static let fixedFilters: [Filter] = [
        Filter(title: Text("分层", "Tier"), values: CustomerTier.allCases.map { ($0.rawValue, Text($0.chineseName, $0.rawValue)) },
               apply: { $1.tier = CustomerTier(rawValue: $0) }),
        Filter(title: Text("条线", "Line"), values: BusinessLine.allCases.map { ($0.rawValue, Text($0.chineseName, $0.englishName)) },
               apply: { $1.line = $0 }),
        Filter(title: Text("行业门类", "Section"), values: "ABCDEFGHIJKLMNOPQRST".map { (String($0), Text(String($0), String($0))) },
               apply: { $1.industrySection = $0 }),
        Filter(title: Text("状态", "Status"), values: [("ACTIVE", Text("正常", "Active")), ("CLOSED", Text("销户", "Closed"))],
               apply: { $1.status = $0 }),
    ]
}

/// The results as table rows, formatted only for the rows on screen.
private struct ResultSource: TableDataSource {
    let results: [CustomerSearchResult]
    let language: Language
    let marked: Set<String>
    let plain: Bool

    var rowCount: Int { results.count }

    func cell(row: Int, column: Int) -> String {
        let result = results[row]
        let zh = language == .chinese
        switch column {
        case 0: return (marked.contains(result.customerID) ? (plain ? "* " : "✓ ") : "") + result.name
        case 1: return result.customerID
        case 2: return zh ? result.tier.chineseName : result.tier.rawValue
        case 3: return BusinessLine(rawValue: result.line).map { zh ? $0.chineseName : $0.englishName } ?? result.line
        case 4: return result.mainManager ?? ""
        case 5: return Amount.short(result.depositBalance, language)
        default: return Amount.short(result.loanBalance, language)
        }
    }

    /// The rows come sorted from the search; the table keeps their order.
    func sortKey(row: Int, column: Int) -> TableSortKey { .number(Int64(row)) }
}
