import Testing
@testable import HookflowTUI

/// Drawing into a cell buffer: widths, clipping and boxes, asserted as whole screens.
struct CellBufferTests {
    @Test func asciiTextFillsOneCellPerCharacter() {
        var buffer = CellBuffer(width: 12, height: 2)
        let used = buffer.put("HTTP Webhook", at: 0, y: 0, role: .cardType)
        #expect(used == 12)
        #expect(buffer.put("GET", at: 2, y: 1, role: .cardSummary) == 3)
        #expect(buffer.lines == ["HTTP Webhook", "  GET       "])
        #expect(buffer[2, 1] == Cell("G", role: .cardSummary))
    }

    @Test func wideCharactersTakeACellAndAContinuation() {
        var buffer = CellBuffer(width: 8, height: 1)
        #expect(buffer.put("世界", at: 1, y: 0, role: .value) == 4)
        #expect(buffer.put("🚀", at: 5, y: 0, role: .value) == 2)
        #expect(buffer.lines == [" 世界🚀 "])
        #expect(buffer[1, 0].width == 2)
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[4, 0].isContinuation)
        #expect(buffer[6, 0].isContinuation)
        #expect(buffer[7, 0] == .blank())
    }

    @Test func combiningMarksStayWithTheirBase() {
        var buffer = CellBuffer(width: 6, height: 1)
        #expect(buffer.put("Gru\u{308}ße", at: 0, y: 0, role: .normal) == 5)
        #expect(buffer[2, 0].text == "u\u{308}")
        #expect(buffer.lines == ["Gru\u{308}ße "])
        // A mark with nothing before it in the text has nothing to join and is dropped.
        var lone = CellBuffer(width: 3, height: 1)
        #expect(lone.put("\u{301}ab", at: 0, y: 0, role: .normal) == 2)
        #expect(lone.lines == ["ab "])
    }

    @Test func controlCharactersAreDrawnAsSpaces() {
        var buffer = CellBuffer(width: 5, height: 1)
        buffer.put("a\tb\nc", at: 0, y: 0, role: .normal)
        #expect(buffer.lines == ["a b c"])
    }

    @Test func textIsClippedAtTheRightEdgeAndMaxWidth() {
        var buffer = CellBuffer(width: 6, height: 2)
        #expect(buffer.put("abcdefgh", at: 3, y: 0, role: .normal) == 3)
        #expect(buffer.put("abcdefgh", at: 0, y: 1, role: .normal, maxWidth: 2) == 2)
        #expect(buffer.lines == ["   abc", "ab    "])
        #expect(buffer.put("x", at: 6, y: 0, role: .normal) == 0)
        #expect(buffer.put("x", at: 0, y: 2, role: .normal) == 0)
    }

    @Test func aWideCharacterCutByTheEdgeBecomesASpace() {
        var buffer = CellBuffer(width: 5, height: 3, role: .dim)
        #expect(buffer.put("ab世", at: 2, y: 0, role: .value) == 3)
        #expect(buffer.put("世界", at: 0, y: 1, role: .value, maxWidth: 3) == 3)
        #expect(buffer.put("x世界", at: -1, y: 2, role: .value) == 5)
        #expect(buffer.lines == ["  ab ", "世   ", "世界 "])
        // The space left by the cut character carries the text's role, not the background's.
        #expect(buffer[4, 0] == .blank(.value))
        #expect(buffer[2, 1] == .blank(.value))
        #expect(buffer[3, 1] == .blank(.dim))
    }

    @Test func textStartingLeftOfTheBufferIsClipped() {
        var buffer = CellBuffer(width: 5, height: 2)
        #expect(buffer.put("世界x", at: -1, y: 0, role: .normal) == 5)
        #expect(buffer.put("abcdef", at: -4, y: 1, role: .normal) == 6)
        #expect(buffer.lines == [" 界x ", "ef   "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.put("世界", at: 0, y: 0, role: .value)
        buffer.put("a", at: 1, y: 0, role: .normal)
        #expect(buffer.lines == [" a界  "])
        buffer.put("b", at: 2, y: 0, role: .normal)
        #expect(buffer.lines == [" ab   "])
        #expect(buffer[3, 0] == .blank(.value))
        buffer.put("世", at: 3, y: 0, role: .value)
        buffer.put("界", at: 2, y: 0, role: .value)
        #expect(buffer.lines == [" a界  "])
        #expect(!buffer[4, 0].isContinuation)
    }

    @Test func fillPaintsARectangleClippedToTheBuffer() {
        var buffer = CellBuffer(width: 6, height: 3)
        buffer.put("abcdef", at: 0, y: 1, role: .normal)
        buffer.fill(Rect(x: 4, y: 1, width: 5, height: 5), role: .selection, with: ".")
        #expect(buffer.lines == ["      ", "abcd..", "    .."])
        #expect(buffer.styledRuns(line: 1) == [
            StyledRun(x: 0, text: "abcd", role: .normal),
            StyledRun(x: 4, text: "..", role: .selection),
        ])
        buffer.fill(Rect(x: 0, y: 0, width: 5, height: 1), role: .dim, with: "世")
        #expect(buffer.lines[0] == "世世  ")
        #expect(buffer.runs(of: .dim, line: 0) == [StyledRun(x: 0, text: "世世 ", role: .dim)])
    }

    @Test func unicodeBoxWithTitle() {
        var buffer = CellBuffer(width: 20, height: 4)
        buffer.drawBox(buffer.bounds, role: .border, glyphs: .unicode, title: "Send approval", titleRole: .cardTitle)
        buffer.put("GET 世界", at: 2, y: 1, role: .cardSummary, maxWidth: 16)
        #expect(buffer.lines == [
            "╭─ Send approval ──╮",
            "│ GET 世界         │",
            "│                  │",
            "╰──────────────────╯",
        ])
        #expect(buffer.styledRuns(line: 0) == [
            StyledRun(x: 0, text: "╭─", role: .border),
            StyledRun(x: 2, text: " Send approval ", role: .cardTitle),
            StyledRun(x: 17, text: "──╮", role: .border),
        ])
    }

    @Test func asciiBoxTruncatesALongTitle() {
        var buffer = CellBuffer(width: 14, height: 3)
        buffer.drawBox(Rect(x: 1, y: 0, width: 12, height: 3), role: .borderFocused, glyphs: .ascii, title: "When a HTTP request is received")
        #expect(buffer.lines == [
            " +- Whe... -+ ",
            " |          | ",
            " +----------+ ",
        ])
    }

    @Test func tinyBoxesDrawNothingAndSmallOnesDropTheTitle() {
        var buffer = CellBuffer(width: 6, height: 3)
        buffer.drawBox(Rect(x: 0, y: 0, width: 1, height: 3), role: .border, glyphs: .ascii)
        #expect(buffer.lines == ["      ", "      ", "      "])
        buffer.drawBox(Rect(x: 0, y: 0, width: 6, height: 2), role: .border, glyphs: .unicode, title: "Title")
        #expect(buffer.lines == ["╭────╮", "╰────╯", "      "])
    }

    @Test func linesKeepTrailingSpacesAndDescriptionFramesThem() {
        var buffer = CellBuffer(width: 4, height: 2)
        buffer.put("ab", at: 0, y: 0, role: .normal)
        #expect(buffer.lines == ["ab  ", "    "])
        #expect(buffer.description == "|ab  |\n|    |")
    }

    @Test func outsideCellsReadAsBlankAndTheCursorIsStored() {
        var buffer = CellBuffer(width: 2, height: 2)
        #expect(buffer[5, 5] == .blank())
        #expect(buffer.cursor == nil)
        buffer.cursor = (1, 0)
        #expect(buffer.cursor?.x == 1 && buffer.cursor?.y == 0)
        #expect(buffer != CellBuffer(width: 2, height: 2))
    }
}
