import Testing
@testable import HookflowTUI

/// Unicode glyphs in UTF-8 locales, ASCII elsewhere, and the same layout either way.
struct GlyphsTests {
    @Test func theLocaleDecides() {
        #expect(Glyphs.detect(environment: ["LANG": "en_US.UTF-8"]) == .unicode)
        #expect(Glyphs.detect(environment: ["LANG": "C.utf8"]) == .unicode)
        #expect(Glyphs.detect(environment: ["LC_CTYPE": "de_DE.UTF-8", "LANG": "C"]) == .unicode)
        #expect(Glyphs.detect(environment: ["LANG": "C"]) == .ascii)
        #expect(Glyphs.detect(environment: [:]) == .ascii)
        #expect(Glyphs.detect(environment: ["LANG": "en_US.ISO-8859-1"]) == .ascii)
    }

    @Test func lcAllWinsOverLcCtypeWhichWinsOverLang() {
        #expect(Glyphs.detect(environment: ["LC_ALL": "C", "LC_CTYPE": "en_US.UTF-8", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(Glyphs.detect(environment: ["LC_ALL": "", "LC_CTYPE": "POSIX", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(Glyphs.detect(environment: ["LC_ALL": "", "LC_CTYPE": "", "LANG": "en_US.UTF-8"]) == .unicode, "empty variables are skipped")
    }

    @Test func hookflowGlyphsOverrides() {
        #expect(Glyphs.detect(environment: ["LANG": "en_US.UTF-8", "HOOKFLOW_GLYPHS": "ascii"]) == .ascii)
        #expect(Glyphs.detect(environment: ["LANG": "C", "HOOKFLOW_GLYPHS": "unicode"]) == .unicode)
    }

    @Test func everyGlyphIsOneCellAndTheAsciiSetIsAscii() {
        for glyphs in [Glyphs.unicode, .ascii] {
            let all = [
                glyphs.topLeft, glyphs.topRight, glyphs.bottomLeft, glyphs.bottomRight, glyphs.horizontal, glyphs.vertical,
                glyphs.teeRight, glyphs.teeLeft, glyphs.connectorDown, glyphs.branchSplit, glyphs.branchJoin,
                glyphs.statusSucceeded, glyphs.statusFailed, glyphs.statusRunning, glyphs.statusWaiting,
                glyphs.statusCancelled, glyphs.statusSkipped, glyphs.statusTimedOut, glyphs.pointer,
            ]
            for glyph in all {
                #expect(CellWidth.of(glyph) == 1, "\(glyph)")
            }
            #expect(glyphs.isASCII == all.allSatisfy { $0.allSatisfy(\.isASCII) })
        }
        #expect(Glyphs.ascii.ellipsis == "...")
        #expect(Glyphs.unicode.ellipsis == "…")
    }

    @Test func statusGlyphsByRole() {
        #expect(Glyphs.unicode.status(.statusFailed) == "✗")
        #expect(Glyphs.ascii.status(.statusFailed) == "x")
        #expect(Glyphs.unicode.status(.statusSucceeded) == "✓")
        #expect(Glyphs.unicode.status(.border) == nil)
    }
}
