import TUI

/// What sits over the screen and takes the keys first.
enum Overlay {
    case help(HelpOverlay)
    case palette(PaletteOverlay)
    case dialog(Dialog, () -> Void)
    case form(FormOverlay)
    /// The idle lock: a password form that Esc does not close.
    case lock(FormOverlay)

    var isLock: Bool { if case .lock = self { return true } else { return false } }

    /// What the shell does after the overlay saw a key.
    enum Outcome {
        case keep(Overlay)
        case close
        case confirmed(() -> Void)
        case run(CommandID)
        case submitForm([String: String], ([String: String]) -> String?)
    }

    func handle(_ key: Key) -> Outcome {
        switch self {
        case .help(var help):
            return help.handle(key) ? .keep(.help(help)) : .close
        case .palette(var palette):
            switch palette.handle(key) {
            case .submitted: return palette.chosen.map { .run($0) } ?? .keep(.palette(palette))
            case .cancelled: return .close
            default: return .keep(.palette(palette))
            }
        case .dialog(var dialog, let action):
            switch dialog.handle(key) {
            case .submitted: return dialog.isConfirmed ? .confirmed(action) : .close
            case .cancelled: return .close
            default: return .keep(.dialog(dialog, action))
            }
        case .form(var form):
            switch form.form.handle(key) {
            case .submitted: return .submitForm(form.form.values, form.onSubmit)
            case .cancelled: return .close
            default:
                form.error = nil
                return .keep(.form(form))
            }
        case .lock(var form):
            switch form.form.handle(key) {
            case .submitted: return .submitForm(form.form.values, form.onSubmit)
            default:
                form.error = nil
                return .keep(.lock(form))
            }
        }
    }

    /// Draws over `area` and returns the text cursor.
    func render(in area: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        switch self {
        case .help(let help):
            help.render(in: area, on: &grid, context: context)
            return nil
        case .palette(let palette):
            return palette.render(in: area, on: &grid, context: context)
        case .dialog(let dialog, _):
            dialog.render(in: area, on: &grid, context: context.render)
            return nil
        case .form(let form):
            return form.render(in: area, on: &grid, context: context)
        case .lock(let form):
            grid.fill(area)
            return form.render(in: area, on: &grid, context: context)
        }
    }
}

/// A form in a centred box, with the error of the last submission under it.
struct FormOverlay {
    let title: String
    var form: Form
    let onSubmit: ([String: String]) -> String?
    var error: String?

    init(title: String, form: Form, onSubmit: @escaping ([String: String]) -> String?) {
        self.title = title
        self.form = form
        self.onSubmit = onSubmit
    }

    func render(in area: Rect, on grid: inout Grid, context: ScreenContext) -> Point? {
        let height = form.fields.count * 2 + 6
        let box = area.centered(width: min(area.width - 4, 76), height: min(area.height, height))
        let inside = Box.draw(box, title: title, on: &grid, context: context.render)
        let parts = inside.splitBottom(2)
        form.render(in: parts.rest, on: &grid, context: context.render)
        let hint = context.text("Tab 下一项 · Ctrl-S 保存 · Esc 取消", "Tab next field · Ctrl-S save · Esc cancel")
        if let error {
            grid.put(DisplayWidth.truncate(error, to: parts.bottom.width), x: parts.bottom.x, y: parts.bottom.y, style: Style(.error),
                     limit: parts.bottom.maxX)
        }
        grid.put(DisplayWidth.truncate(hint, to: parts.bottom.width), x: parts.bottom.x, y: parts.bottom.y + 1, style: Style(.dim),
                 limit: parts.bottom.maxX)
        return form.cursorPosition(in: parts.rest)
    }
}
