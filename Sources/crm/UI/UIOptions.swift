import ArgumentParser

/// Options of the terminal UI, shared by `crm` (bare) and `crm demo`.
struct UIOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: "zh-Hans or en (default: from LC_ALL / LC_MESSAGES / LANG, else zh-Hans).")
    var language: String?

    @Option(help: "A theme name from themes/ (default, light, high-contrast, mono) or a path to a .toml file.")
    var theme = "default"

    @Flag(help: "ASCII only: no box-drawing, braille or block characters.")
    var plain = false

    @Flag(help: "Let the mouse select and scroll.")
    var mouse = false
}
