/// A node of a ``TreeView``. `hasChildren` says whether it can be expanded, before its children are loaded.
public struct TreeNode: Equatable, Sendable {
    public var id: String
    public var title: String
    public var detail: String?
    public var hasChildren: Bool

    public init(id: String, title: String, detail: String? = nil, hasChildren: Bool = false) {
        self.id = id
        self.title = title
        self.detail = detail
        self.hasChildren = hasChildren
    }
}

/// Where a tree's nodes come from: asked for the roots once and for a node's children when that node is
/// first expanded, so a large hierarchy loads only what the user opens.
public protocol TreeDataSource {
    /// The children of the node `id`, or the roots when `id` is nil.
    func children(of id: String?) -> [TreeNode]
}

/// A tree data source made of a closure.
public struct ClosureTreeSource: TreeDataSource {
    private let load: (String?) -> [TreeNode]

    public init(_ load: @escaping (String?) -> [TreeNode]) { self.load = load }

    public func children(of id: String?) -> [TreeNode] { load(id) }
}

/// An expandable tree drawn as an indented list with ▸/▾ markers (+/- in plain mode), one selected row,
/// drawing only the rows on screen. Children are loaded on first expansion and cached; a collapsed node
/// remembers which of its descendants were open.
///
/// Keys: ↑↓ j k, Home End g G, PgUp PgDn move; → l expand (on an open node: go to its first child);
/// ← h collapse (on a closed node or a leaf: go to its parent); Enter expands a closed node and submits
/// anything else.
public struct TreeView {
    /// A node as shown: the node and how deep it is (roots at 0).
    public struct Row: Equatable, Sendable {
        public let node: TreeNode
        public let depth: Int
    }

    public let source: any TreeDataSource
    /// The shown rows in order: the roots and the children of every expanded node.
    public private(set) var rows: [Row]
    public private(set) var expanded: Set<String> = []
    public private(set) var scroll = ScrollState()
    private var loaded: [String: [TreeNode]] = [:]

    /// A tree showing the source's roots (asking for them once, now).
    public init(source: any TreeDataSource) {
        self.source = source
        rows = source.children(of: nil).map { Row(node: $0, depth: 0) }
    }

    public var selectedNode: TreeNode? { rows.isEmpty ? nil : rows[scroll.selected].node }
    /// "3/42": the selected row and the rows shown, for the caller's status line.
    public var position: String { scroll.position(count: rows.count) }

    /// Tells the tree the rectangle it will be drawn in, so that PgUp/PgDn move by a page.
    public mutating func layout(in rect: Rect) {
        scroll.pageSize = max(1, rect.height)
    }

    /// Selects the row at `index` (clamped) and scrolls to it.
    public mutating func select(_ index: Int) {
        scroll.select(index, count: rows.count)
    }

    /// Shows the selected node's children, loading them the first time.
    public mutating func expand() {
        guard let node = selectedNode, node.hasChildren, !expanded.contains(node.id) else { return }
        expanded.insert(node.id)
        let index = scroll.selected
        rows.insert(contentsOf: shownChildren(of: node.id, depth: rows[index].depth + 1), at: index + 1)
    }

    /// Opens again the nodes in `ids` that are still there (parents before children) and selects the node
    /// `selecting` if shown, else the first row: how a reloaded tree keeps the user's place.
    public mutating func reopen(_ ids: Set<String>, selecting: String?) {
        var index = 0
        while index < rows.count {
            if ids.contains(rows[index].node.id), !expanded.contains(rows[index].node.id) {
                select(index)
                expand()
            }
            index += 1
        }
        select(selecting.flatMap { id in rows.firstIndex { $0.node.id == id } } ?? 0)
    }

    /// Hides the selected node's descendants.
    public mutating func collapse() {
        guard let node = selectedNode, expanded.remove(node.id) != nil else { return }
        let index = scroll.selected
        let end = rows[(index + 1)...].firstIndex { $0.depth <= rows[index].depth } ?? rows.count
        rows.removeSubrange((index + 1)..<end)
    }

    public mutating func handle(_ key: Key) -> KeyResponse {
        if scroll.handle(key, count: rows.count) { return .handled }
        guard let node = selectedNode else { return .ignored }
        let isOpen = expanded.contains(node.id)
        switch key {
        case .right, .character("l"):
            guard node.hasChildren else { return .ignored }
            guard isOpen else { expand(); return .handled }
            let next = scroll.selected + 1
            if next < rows.count, rows[next].depth > rows[scroll.selected].depth { select(next) }
            return .handled
        case .left, .character("h"):
            if isOpen { collapse(); return .handled }
            guard let parent = parentIndex(of: scroll.selected) else { return .ignored }
            select(parent)
            return .handled
        case .enter:
            guard node.hasChildren, !isOpen else { return .submitted }
            expand()
            return .handled
        default:
            return .ignored
        }
    }

    public func render(in rect: Rect, on grid: inout Grid, context: RenderContext) {
        let visible = scroll.visibleRange(height: rect.height, count: rows.count)
        for (offset, index) in visible.enumerated() {
            let row = rows[index]
            let style = index == scroll.selected ? context.selectionStyle : .normal
            let prefix = String(repeating: " ", count: 2 * row.depth) + marker(for: row.node, plain: context.plain) + " "
            grid.putRow(row.node.title, detail: row.node.detail, prefix: prefix,
                        in: Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: 1), style: style, plain: context.plain)
        }
        grid.fill(Rect(x: rect.x, y: rect.y + visible.count, width: rect.width, height: rect.height - visible.count))
    }

    private func marker(for node: TreeNode, plain: Bool) -> String {
        guard node.hasChildren else { return " " }
        return expanded.contains(node.id) ? (plain ? "-" : "▾") : (plain ? "+" : "▸")
    }

    /// The rows of a node's children and, below each open child, its own shown children.
    private mutating func shownChildren(of id: String, depth: Int) -> [Row] {
        let children = loaded[id] ?? source.children(of: id)
        loaded[id] = children
        return children.flatMap { child in
            [Row(node: child, depth: depth)] + (expanded.contains(child.id) ? shownChildren(of: child.id, depth: depth + 1) : [])
        }
    }

    /// The row of the nearest node above `index` that is one level shallower.
    private func parentIndex(of index: Int) -> Int? {
        let depth = rows[index].depth
        guard depth > 0 else { return nil }
        return rows[..<index].lastIndex { $0.depth == depth - 1 }
    }
}
