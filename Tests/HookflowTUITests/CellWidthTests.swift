import Testing
@testable import HookflowTUI

/// Cell widths through ncursesw's wcwidth, the base of every layout.
struct CellWidthTests {
    init() { CellWidth.prepareLocale() }

    @Test func asciiIsOneCellEach() {
        #expect(CellWidth.of("HTTP Webhook") == 12)
    }

    @Test func wideAndCombiningCharacters() {
        #expect(CellWidth.of("世界") == 4)
        #expect(CellWidth.of("🚀") == 2)
        #expect(CellWidth.of("e\u{301}") == 1, "e + combining acute is one cell")
        #expect(CellWidth.of("Grüße") == 5)
    }
}
