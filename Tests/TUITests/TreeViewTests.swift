import TUI
import XCTest

/// An organisation chart that counts how often each node's children are asked for.
private final class CountingTree: TreeDataSource {
    private(set) var calls: [String: Int] = [:]

    private let tree: [String: [TreeNode]] = [
        "": [
            TreeNode(id: "hq", title: "总行", detail: "3", hasChildren: true),
            TreeNode(id: "jp", title: "東京支店", detail: "1", hasChildren: true),
            TreeNode(id: "ext", title: "External partners", hasChildren: true),
        ],
        "hq": [
            TreeNode(id: "corp", title: "公司金融部", detail: "12", hasChildren: true),
            TreeNode(id: "risk", title: "风险管理部", detail: "5"),
            TreeNode(id: "ops", title: "运营管理部（含清算中心、单证中心、集中作业中心）", detail: "40"),
        ],
        "corp": [
            TreeNode(id: "rm1", title: "客户经理 张伟", detail: "锦程银行"),
            TreeNode(id: "rm2", title: "客户经理 ｽｽﾞｷ", detail: "鈴木商事"),
        ],
        "jp": [TreeNode(id: "jp1", title: "法人営業部", detail: "営業")],
        "ext": [],
    ]

    func children(of id: String?) -> [TreeNode] {
        calls[id ?? "", default: 0] += 1
        return tree[id ?? ""] ?? []
    }
}

final class TreeViewTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    private func draw(_ tree: TreeView, size: Size, context: RenderContext = RenderContext()) -> Grid {
        var grid = Grid(size: size)
        let inside = Box.draw(grid.bounds, title: "机构", on: &grid, context: context)
        tree.render(in: inside, on: &grid, context: context)
        return grid
    }

    /// The tree with 总行 and 公司金融部 open and 客户经理 张伟 selected.
    private func openTree(_ source: CountingTree) -> TreeView {
        var tree = TreeView(source: source)
        for key: Key in [.enter, .down, .character("l")] { XCTAssertEqual(tree.handle(key), .handled) }
        XCTAssertEqual(tree.handle(.right), .handled, "→ on an open node goes to its first child")
        XCTAssertEqual(tree.selectedNode?.id, "rm1")
        return tree
    }

    func testSnapshotAt80x24() {
        let grid = draw(openTree(CountingTree()), size: TestSizes.small)
        assertScreen(grid, """
            ┌ 机构 ────────────────────────────────────────────────────────────────────────┐
            │▾ 总行                                                                       3│
            │  ▾ 公司金融部                                                              12│
            │      客户经理 张伟                                                   锦程银行│
            │      客户经理 ｽｽﾞｷ                                                    鈴木商事│
            │    风险管理部                                                               5│
            │    运营管理部（含清算中心、单证中心、集中作业中心）                        40│
            │▸ 東京支店                                                                   1│
            │▸ External partners                                                           │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
            """)
        XCTAssertEqual(grid[1, 3].style, Style(.selected), "客户经理 张伟 is selected")
        XCTAssertEqual(grid[78, 3].style, Style(.selected))
    }

    func testSnapshotAt120x40Plain() {
        let grid = draw(openTree(CountingTree()), size: TestSizes.large, context: RenderContext(plain: true))
        assertScreen(grid, """
            + 机构 ----------------------------------------------------------------------------------------------------------------+
            |- 总行                                                                                                               3|
            |  - 公司金融部                                                                                                      12|
            |      客户经理 张伟                                                                                           锦程银行|
            |      客户经理 ｽｽﾞｷ                                                                                            鈴木商事|
            |    风险管理部                                                                                                       5|
            |    运营管理部（含清算中心、单证中心、集中作业中心）                                                                40|
            |+ 東京支店                                                                                                           1|
            |+ External partners                                                                                                   |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            |                                                                                                                      |
            +----------------------------------------------------------------------------------------------------------------------+
            """)
    }

    func testChildrenAreLoadedOnceOnFirstExpansion() {
        let source = CountingTree()
        var tree = TreeView(source: source)
        XCTAssertEqual(source.calls, ["": 1], "only the roots at first")
        XCTAssertEqual(tree.rows.map(\.node.id), ["hq", "jp", "ext"])
        XCTAssertEqual(tree.handle(.character("l")), .handled)
        XCTAssertEqual(source.calls["hq"], 1)
        XCTAssertEqual(tree.rows.map(\.node.id), ["hq", "corp", "risk", "ops", "jp", "ext"])
        XCTAssertEqual(tree.rows.map(\.depth), [0, 1, 1, 1, 0, 0])
        XCTAssertEqual(tree.handle(.character("h")), .handled)
        XCTAssertEqual(tree.rows.map(\.node.id), ["hq", "jp", "ext"])
        XCTAssertEqual(tree.handle(.character("l")), .handled)
        XCTAssertEqual(source.calls["hq"], 1, "cached: a second expansion asks nothing")
        XCTAssertNil(source.calls["corp"], "unopened nodes are never asked")
        XCTAssertNil(source.calls["jp"])
    }

    func testCollapsedNodesRememberOpenDescendants() {
        let source = CountingTree()
        var tree = openTree(source)
        tree.select(0)
        XCTAssertEqual(tree.handle(.left), .handled)
        XCTAssertEqual(tree.rows.count, 3)
        XCTAssertEqual(tree.handle(.enter), .handled)
        XCTAssertEqual(tree.rows.map(\.node.id), ["hq", "corp", "rm1", "rm2", "risk", "ops", "jp", "ext"])
        XCTAssertEqual(source.calls, ["": 1, "hq": 1, "corp": 1])
    }

    func testReopenRestoresOpenNodesAndTheSelectionOnAFreshTree() {
        let before = openTree(CountingTree())
        let source = CountingTree()
        var fresh = TreeView(source: source)
        fresh.reopen(before.expanded.union(["gone"]), selecting: before.selectedNode?.id)
        XCTAssertEqual(fresh.rows.map(\.node.id), before.rows.map(\.node.id))
        XCTAssertEqual(fresh.selectedNode?.id, "rm1")
        XCTAssertEqual(source.calls, ["": 1, "hq": 1, "corp": 1], "only the nodes that were open are asked")
        fresh.reopen([], selecting: "gone")
        XCTAssertEqual(fresh.selectedNode?.id, "hq", "a node no longer there selects the first row")
    }

    func testLeftGoesToTheParentAndEnterSubmitsLeaves() {
        var tree = openTree(CountingTree())
        XCTAssertEqual(tree.handle(.right), .ignored, "a leaf has nothing to open")
        XCTAssertEqual(tree.handle(.enter), .submitted)
        XCTAssertEqual(tree.handle(.left), .handled)
        XCTAssertEqual(tree.selectedNode?.id, "corp")
        XCTAssertEqual(tree.handle(.left), .handled, "← on an open node collapses it")
        XCTAssertEqual(tree.selectedNode?.id, "corp")
        XCTAssertFalse(tree.expanded.contains("corp"))
        XCTAssertEqual(tree.handle(.left), .handled, "← on a closed node goes to its parent")
        XCTAssertEqual(tree.selectedNode?.id, "hq")
        XCTAssertEqual(tree.handle(.enter), .submitted, "Enter on an open node submits it")
        XCTAssertEqual(tree.handle(.left), .handled)
        XCTAssertEqual(tree.handle(.left), .ignored, "a closed root has no parent")
        XCTAssertEqual(tree.handle(.character("G")), .handled)
        XCTAssertEqual(tree.selectedNode?.id, "ext")
        XCTAssertEqual(tree.handle(.character("l")), .handled)
        XCTAssertEqual(tree.handle(.character("l")), .handled, "an open node without children stays selected")
        XCTAssertEqual(tree.selectedNode?.id, "ext")
        XCTAssertEqual(tree.position, "3/3")
    }

    func testScrollingKeepsTheSelectionVisible() {
        let source = ClosureTreeSource { id in
            id == nil ? (0..<50).map { TreeNode(id: "\($0)", title: "部门\($0)", hasChildren: $0 == 49) }
                : [TreeNode(id: "leaf", title: "支行", detail: "末")]
        }
        var tree = TreeView(source: source)
        var grid = Grid(size: Size(width: 14, height: 3))
        tree.layout(in: grid.bounds)
        XCTAssertEqual(tree.handle(.end), .handled)
        XCTAssertEqual(tree.handle(.enter), .handled)
        XCTAssertEqual(tree.handle(.down), .handled)
        tree.render(in: grid.bounds, on: &grid, context: RenderContext())
        assertScreen(grid, """
              部门48
            ▾ 部门49
                支行    末
            """)
        XCTAssertEqual(tree.handle(.pageUp), .handled)
        XCTAssertEqual(tree.selectedNode?.title, "部门47")
    }
}
