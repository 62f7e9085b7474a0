import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, through ncursesw's wide-character calls. Colours come from the theme by role; with
/// `colour: false` (NO_COLOR, or a terminal without colours) only attributes are used.
public final class NcursesBackend: TerminalBackend {
    public private(set) var size: Size
    private let theme: Theme
    private let useColour: Bool
    private var roleAttributes: [StyleRole: (attrs: attr_t, pair: Int16)] = [:]

    /// Takes over the terminal. Call ``close()`` (or let ``TerminalGuard`` do it) to give it back.
    public init(theme: Theme, colour: Bool, mouse: Bool) {
        initscr()
        raw()
        noecho()
        nonl()
        keypad(crm_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        TerminalGuard.install()
        var colourWanted = colour && has_colors()
        if colourWanted {
            colourWanted = start_color() == OK
            use_default_colors()
        }
        useColour = colourWanted
        self.theme = useColour ? theme : theme.withoutColour
        if mouse { mousemask(mmask_t(crm_all_mouse_events()), nil) }
        size = Size(width: Int(crm_cols()), height: Int(crm_lines()))
        for (index, role) in StyleRole.allCases.enumerated() {
            let appearance = self.theme.appearance(of: role)
            var attrs: attr_t = 0
            if appearance.bold { attrs |= crm_attr_bold() }
            if appearance.reverse { attrs |= crm_attr_reverse() }
            if appearance.underline { attrs |= crm_attr_underline() }
            if appearance.dim { attrs |= crm_attr_dim() }
            var pair: Int16 = 0
            if useColour {
                pair = Int16(index + 1)
                init_pair(pair, NcursesBackend.colourNumber(appearance.foreground), NcursesBackend.colourNumber(appearance.background))
            }
            roleAttributes[role] = (attrs, pair)
        }
    }

    /// Gives the terminal back.
    public func close() { TerminalGuard.restore() }

    public func draw(_ runs: [CellRun]) {
        var buffer = [wchar_t](repeating: 0, count: 8)
        for run in runs {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                let base = roleAttributes[cell.style.role] ?? (0, 0)
                var attrs = base.attrs
                if cell.style.bold { attrs |= crm_attr_bold() }
                if cell.style.reverse { attrs ^= crm_attr_reverse() }
                if cell.style.underline { attrs |= crm_attr_underline() }
                var count = 0
                for scalar in cell.text.unicodeScalars where count < 5 {
                    buffer[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                if count == 0 { buffer[0] = 32; count = 1 }
                buffer[count] = 0
                _ = crm_put_cell(Int32(run.y), Int32(x), buffer, attrs, base.pair)
            }
        }
    }

    public func invalidate() { clearok(crm_stdscr(), true) }

    public func setCursor(_ point: Point?) {
        if let point {
            curs_set(1)
            move(Int32(point.y), Int32(point.x))
        } else {
            curs_set(0)
        }
    }

    public func flush() { refresh() }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        wtimeout(crm_stdscr(), Int32(timeoutMilliseconds))
        var character: wint_t = 0
        let status = wget_wch(crm_stdscr(), &character)
        if status == ERR { return nil }
        if status == crm_key_code_yes() { return functionKey(Int32(character)) }
        return NcursesBackend.decode(character: UInt32(character))
    }

    /// A typed character: control codes become keys, the rest characters.
    static func decode(character code: UInt32) -> InputEvent? {
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.control(Character(UnicodeScalar(code + 96)!)))
        default:
            guard let scalar = UnicodeScalar(code) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    private func functionKey(_ code: Int32) -> InputEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE:
            size = Size(width: Int(crm_cols()), height: Int(crm_lines()))
            return .resize(size)
        case KEY_MOUSE:
            var x: Int32 = 0, y: Int32 = 0
            var buttons: UInt = 0
            guard crm_mouse_event(&x, &y, &buttons) == OK else { return nil }
            let point = Point(x: Int(x), y: Int(y))
            if buttons & crm_wheel_up() != 0 { return .mouse(MouseEvent(kind: .wheelUp, point: point)) }
            if crm_wheel_down() != 0, buttons & crm_wheel_down() != 0 { return .mouse(MouseEvent(kind: .wheelDown, point: point)) }
            if buttons & crm_button1_pressed() != 0 { return .mouse(MouseEvent(kind: .press, point: point)) }
            return nil
        default:
            for number in 1...12 where code == crm_key_f(Int32(number)) { return .key(.function(number)) }
            return nil
        }
    }

    private static func colourNumber(_ colour: TerminalColor) -> Int16 {
        switch colour {
        case .default: return -1
        case .indexed(let index): return Int16(index < Int(crm_colors()) ? index : index % 8)
        }
    }
}
