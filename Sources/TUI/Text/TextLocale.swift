#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process locale, which decides what `wcwidth` knows: it must be UTF-8 for Chinese to measure 2 columns.
public enum TextLocale {
    /// Applies the environment's locale (`setlocale(LC_ALL, "")`) and says whether its character set is UTF-8.
    @discardableResult
    public static func activate() -> Bool {
        setlocale(LC_ALL, "")
        return isUTF8
    }

    /// Applies a UTF-8 character type (C.UTF-8) regardless of the environment: for tests and headless rendering.
    public static func activateUTF8ForTesting() {
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "en_US.UTF-8") }
    }

    /// Whether the current character set is UTF-8.
    public static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
