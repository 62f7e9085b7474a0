import TUI
import XCTest

final class FormTests: XCTestCase {
    override func setUp() { TextLocale.activateUTF8ForTesting() }

    /// What a caller's money validator might be: digits with at most two decimals.
    private static let money: FieldValidator = { text in
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        return digits && parts.count <= 2 && (parts.count == 1 || parts[1].count <= 2) ? nil : "金额格式不正确"
    }

    private func makeForm() -> Form {
        Form(fields: [
            .text("name", label: "客户名称", placeholder: "必填", validator: FieldValidators.required()),
            .number("staff", label: "员工人数"),
            .money("amount", label: "授信金额(元)", validator: FormTests.money),
            .date("due", label: "到期日"),
            .choice("tier", label: "客户等级", options: ["战略", "重点", "普通"]),
            .text("contact", label: "Contact"),
        ])
    }

    private func type(_ text: String, into form: inout Form) {
        for character in text { _ = form.handle(.character(character)) }
    }

    func testSubmitWithInvalidFieldsKeepsTheTextAndFocusesTheFirstInvalidOne() {
        var form = makeForm()
        type("锦程制造", into: &form)
        _ = form.handle(.tab)
        type("12a", into: &form)
        _ = form.handle(.down)
        type("1,000.5", into: &form)
        _ = form.handle(.tab)
        type("2026-02-29", into: &form)
        XCTAssertEqual(form.handle(.control("s")), .handled, "invalid fields block the submit")
        XCTAssertEqual(form.focus, 1, "the focus goes to the first invalid field")
        XCTAssertEqual(form.values["staff"], "12a")
        XCTAssertEqual(form.values["amount"], "1,000.5", "typed text is kept exactly")
        XCTAssertEqual(form.values["due"], "2026-02-29")
        XCTAssertEqual(Set(form.errors.keys), ["staff", "amount", "due"])
        XCTAssertEqual(form.errors["amount"], "金额格式不正确")

        let grid = screen(TestSizes.small) { form.render(in: $0.bounds, on: &$0, context: RenderContext()) }
        assertScreen(grid, """
              客户名称      锦程制造
            > 员工人数      12a                             ! 请输入整数
              授信金额(元)  1,000.5                         ! 金额格式不正确
              到期日        2026-02-29                      ! 日期格式应为 YYYY-MM-DD 且为有
              客户等级      < 战略 >
              Contact
            """)
        XCTAssertEqual(grid[16, 1].style.role, .inputInvalid, "labels are 12 columns: 授信金额(元)")
        XCTAssertEqual(grid[16, 0].style.role, .input)
        XCTAssertEqual(grid[48, 2].style.role, .error)
        XCTAssertEqual(form.cursorPosition(in: grid.bounds), Point(x: 19, y: 1))

        _ = form.handle(.backspace)
        XCTAssertNil(form.errors["staff"], "fixing the text clears the message")
        _ = form.handle(.tab)
        _ = form.handle(.control("u"))
        type("1000.5", into: &form)
        _ = form.handle(.tab)
        for _ in 0..<2 { _ = form.handle(.backspace) }
        type("28", into: &form)
        _ = form.handle(.tab)
        XCTAssertEqual(form.handle(.right), .handled)
        XCTAssertEqual(form.values["tier"], "重点")
        _ = form.handle(.tab)
        type("Ms Tanaka 田中", into: &form)
        XCTAssertEqual(form.handle(.enter), .submitted, "Enter on the last field submits a valid form")
        XCTAssertEqual(form.values, ["name": "锦程制造", "staff": "12", "amount": "1000.5", "due": "2026-02-28",
                                     "tier": "重点", "contact": "Ms Tanaka 田中"])
    }

    func testMessagesShowOnlyAfterLeavingTheField() {
        var form = makeForm()
        _ = form.handle(.tab)
        type("x", into: &form)
        XCTAssertNil(form.shownError(of: 1), "no message while the user is still typing")
        XCTAssertEqual(form.shownError(of: 0), "必填", "the required field was left empty")
        _ = form.handle(.backTab)
        XCTAssertEqual(form.focus, 0)
        XCTAssertEqual(form.shownError(of: 1), "请输入整数")
        _ = form.handle(.backTab)
        XCTAssertEqual(form.focus, 5, "Shift-Tab wraps to the last field")
        _ = form.handle(.up)
        XCTAssertEqual(form.focus, 4)
        XCTAssertEqual(form.handle(.escape), .cancelled)
    }

    func testChoiceCyclesAndPicksByFirstCharacter() {
        var form = Form(fields: [.choice("line", label: "条线", options: ["Corporate", "Retail", "Treasury", "Real estate"])])
        XCTAssertEqual(form.values["line"], "Corporate")
        _ = form.handle(.left)
        XCTAssertEqual(form.values["line"], "Real estate")
        _ = form.handle(.character(" "))
        XCTAssertEqual(form.values["line"], "Corporate")
        _ = form.handle(.character("r"))
        XCTAssertEqual(form.values["line"], "Retail")
        _ = form.handle(.character("r"))
        XCTAssertEqual(form.values["line"], "Real estate", "typing the same letter goes to the next match")
        XCTAssertEqual(form.handle(.character("z")), .ignored)
        XCTAssertNil(form.cursorPosition(in: Rect(x: 0, y: 0, width: 80, height: 24)))
        XCTAssertEqual(form.handle(.enter), .submitted)
    }

    func testBuiltInValidators() {
        let number = FieldValidators.number()
        XCTAssertNil(number("-42"))
        XCTAssertNil(number("+7"))
        XCTAssertNil(number(""), "empty passes unless required")
        XCTAssertNotNil(number("-"))
        XCTAssertNotNil(number("１２"), "full-width digits are not accepted")
        XCTAssertEqual(FieldValidators.number(required: true, messages: .en)(""), "Required")
        let date = FieldValidators.date(messages: .en)
        XCTAssertNil(date("2024-02-29"))
        XCTAssertEqual(date("2025-02-29"), "Enter a valid date as YYYY-MM-DD")
        XCTAssertNotNil(date("2025-2-1"))
        XCTAssertNotNil(date("2025-13-01"))
        let choice = FieldValidators.choice(["是", "否"])
        XCTAssertNil(choice("是"))
        XCTAssertNotNil(choice("也许"))
    }

    func testLargeScreenWithJapaneseLabelsAlignsByDisplayWidth() {
        var form = Form(fields: [
            .text("company", label: "会社名", value: "株式会社サンプル"),
            .text("person", label: "担当者 Contact", value: "山田太郎"),
            .date("since", label: "取引開始日", value: "2023-04-01"),
        ], inputWidth: 40)
        _ = form.handle(.down)
        let grid = screen(TestSizes.large) { grid in
            form.render(in: Rect(x: 10, y: 5, width: 100, height: 3), on: &grid, context: RenderContext())
        }
        assertScreen(grid, """





                        会社名          株式会社サンプル
                      > 担当者 Contact  山田太郎
                        取引開始日      2023-04-01
            """)
        XCTAssertEqual(form.cursorPosition(in: Rect(x: 10, y: 5, width: 100, height: 3)), Point(x: 36, y: 6))
    }
}
