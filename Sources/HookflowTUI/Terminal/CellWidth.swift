import CNcursesw
import Foundation

/// How many terminal cells text takes: 2 for wide (CJK, most emoji), 0 for combining marks, 1 otherwise.
///
/// Uses the C library's `wcwidth` through the ncursesw shim, which needs a UTF-8 locale
/// (`Locale.prepareForWideCharacters()` sets it before curses starts); where the locale
/// cannot tell, a printable character counts as one cell rather than vanishing.
public enum CellWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let width = Int(hf_wcwidth(scalar.value))
        if width >= 0 { return width }
        return scalar.properties.generalCategory == .control ? 0 : 1
    }

    /// The width of a grapheme cluster: its widest scalar (an emoji with a variation selector is still 2).
    public static func of(_ character: Character) -> Int {
        character.unicodeScalars.map(of).max() ?? 0
    }

    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// Sets the process locale from the environment (as curses requires), falling back to C.UTF-8
    /// so wide characters work even when LANG is unset. Returns whether the locale is UTF-8.
    @discardableResult
    public static func prepareLocale() -> Bool {
        if let current = setlocale(LC_ALL, ""), String(cString: current).uppercased().contains("UTF-8") || String(cString: current).uppercased().contains("UTF8") {
            return true
        }
        return setlocale(LC_ALL, "C.UTF-8") != nil
    }
}
