import CNcursesw
import Foundation

/// How many terminal cells text takes: 2 for wide characters (CJK, most emoji), 0 for a lone combining mark, 1 otherwise.
///
/// Widths come from the C library's `wcwidth`, the same function ncursesw uses, so the cell buffer
/// and curses always agree on where a character ends. A grapheme cluster is as wide as its first
/// scalar (that is what curses measures), which keeps `e` + U+0301 at one cell and 🚀 at two.
/// `wcwidth` needs a UTF-8 locale: the first measurement makes sure one is set (see ``prepareLocale()``).
///
/// ```swift
/// CellWidth.of("世界")  // 4
/// CellWidth.of("e\u{301}")  // 1
/// ```
public enum CellWidth {
    /// The width of one Unicode scalar: 0 for combining marks and control characters.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        _ = localeIsReady
        let width = Int(hf_wcwidth(value))
        if width >= 0 { return width }
        // Unassigned or unknown to this C library: a printable character still takes a cell rather than vanishing.
        return scalar.properties.generalCategory == .control ? 0 : 1
    }

    /// The width of a grapheme cluster: the width of its first scalar, as curses measures it.
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(first)
    }

    /// The width of a string: the sum of its grapheme clusters.
    public static func of(_ text: String) -> Int {
        // Printable ASCII, most text on screen: one cell per byte, no grapheme breaking.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// Sets the process locale from the environment, as curses requires, falling back to C.UTF-8 for the
    /// character type when the environment names none (LANG unset, `C`, `POSIX`), so wide characters are
    /// measured correctly. Returns whether the resulting character type is UTF-8.
    @discardableResult
    public static func prepareLocale() -> Bool {
        setlocale(LC_ALL, "")
        if characterTypeIsUTF8() { return true }
        setlocale(LC_CTYPE, "C.UTF-8")
        return characterTypeIsUTF8()
    }

    private static func characterTypeIsUTF8() -> Bool {
        guard let current = setlocale(LC_CTYPE, nil) else { return false }
        let name = String(cString: current).uppercased()
        return name.contains("UTF-8") || name.contains("UTF8")
    }

    /// Runs once, on the first non-ASCII measurement: a process that has not prepared its locale still measures right.
    private static let localeIsReady: Bool = characterTypeIsUTF8() || prepareLocale()
}
