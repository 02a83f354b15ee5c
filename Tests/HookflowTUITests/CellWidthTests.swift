import Testing
@testable import HookflowTUI

/// Cell widths through ncursesw's wcwidth, the base of every layout.
struct CellWidthTests {
    @Test func asciiIsOneCellEach() {
        #expect(CellWidth.of("HTTP Webhook") == 12)
    }

    @Test func wideAndCombiningCharacters() {
        #expect(CellWidth.of("世界") == 4)
        #expect(CellWidth.of("🚀") == 2)
        #expect(CellWidth.of("e\u{301}") == 1, "e + combining acute is one cell")
        #expect(CellWidth.of("Grüße") == 5)
        #expect(CellWidth.of(Character("\u{301}")) == 0, "a lone combining mark takes no cell")
    }

    @Test func controlCharactersTakeNoCell() {
        #expect(CellWidth.of(Unicode.Scalar(9)) == 0)
        #expect(CellWidth.of(Unicode.Scalar(0x7F)) == 0)
    }

    @Test func aClusterIsAsWideAsItsFirstScalarLikeCurses() {
        #expect(CellWidth.of(Character("👨‍👩‍👧")) == 2)
        #expect(CellWidth.of(Character("❤️")) == 1)
    }
}
