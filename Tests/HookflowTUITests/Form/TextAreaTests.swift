import Testing
@testable import HookflowTUI

/// Multi-line editing: what a user typing a JSON body sees.
struct TextAreaTests {
    func type(_ text: String, into area: inout TextArea) {
        for character in text { area.handle(character == "\n" ? .enter : .character(character)) }
    }

    @Test func typingAndEnterMakeLines() {
        var area = TextArea()
        type("{\n  \"a\": 1\n}", into: &area)
        #expect(area.text == "{\n  \"a\": 1\n}")
        #expect(area.lines == ["{", "  \"a\": 1", "}"])
        #expect(area.row == 2)
        #expect(area.column == 1)
    }

    @Test func enterSplitsTheLineAtTheCursor() {
        var area = TextArea("abcdef")
        area.handle(.left)
        area.handle(.left)
        area.handle(.enter)
        #expect(area.lines == ["abcd", "ef"])
        #expect(area.row == 1)
        #expect(area.column == 0)
    }

    @Test func backspaceAtTheStartOfALineJoinsItToTheOneAbove() {
        var area = TextArea("ab\ncd")
        area.handle(.home)
        area.handle(.backspace)
        #expect(area.text == "abcd")
        #expect(area.row == 0)
        #expect(area.column == 2)
        area.handle(.backspace)
        #expect(area.text == "acd")
        // At the very start there is nothing to delete.
        area.handle(.home)
        area.handle(.backspace)
        #expect(area.text == "acd")
    }

    @Test func deleteAtTheEndOfALineJoinsTheNextOne() {
        var area = TextArea("ab\ncd")
        area.handle(.up)
        area.handle(.end)
        area.handle(.delete)
        #expect(area.text == "abcd")
        area.handle(.ctrl("d"))
        #expect(area.text == "abd")
    }

    @Test func arrowsCrossLineEndsAndKeepTheColumnThroughShortLines() {
        var area = TextArea("long line\nab\nanother line")
        // The cursor starts at the end; Up through the short line comes back to column 9.
        area.handle(.home)
        area.handle(.up)
        area.handle(.up)
        area.handle(.end)
        #expect((area.row, area.column) == (0, 9))
        area.handle(.down)
        #expect((area.row, area.column) == (1, 2))
        area.handle(.down)
        #expect((area.row, area.column) == (2, 9))
        area.handle(.right)
        area.handle(.right)
        area.handle(.right)
        area.handle(.right)
        #expect(area.column == 12)
        area.handle(.right)
        #expect((area.row, area.column) == (2, 12), "the end of the text stops the cursor")
        area.handle(.home)
        area.handle(.left)
        #expect((area.row, area.column) == (1, 2), "Left at a line's start goes to the end of the line above")
        area.handle(.right)
        #expect((area.row, area.column) == (2, 0))
    }

    @Test func upOnTheFirstLineAndDownOnTheLastAreLeftToTheForm() {
        var area = TextArea("one\ntwo")
        #expect(area.isOnLastLine)
        let downOnLast = area.handle(.down)
        let upToFirst = area.handle(.up)
        #expect(!downOnLast)
        #expect(upToFirst)
        #expect(area.isOnFirstLine)
        let upOnFirst = area.handle(.up)
        let tab = area.handle(.tab)
        #expect(!upOnFirst)
        #expect(!tab, "Tab is not an editing key")
    }

    @Test func homeEndAndKillKeys() {
        var area = TextArea("hello world")
        area.handle(.home)
        #expect(area.column == 0)
        area.handle(.ctrl("e"))
        #expect(area.column == 11)
        area.handle(.ctrl("a"))
        area.handle(.right)
        area.handle(.ctrl("k"))
        #expect(area.text == "h")
        area.handle(.ctrl("u"))
        #expect(area.text == "")
    }

    @Test func scrollsToKeepTheCursorInsideTheVisibleRows() {
        var area = TextArea((1...10).map { "line \($0)" }.joined(separator: "\n"), visibleRows: 3)
        #expect(area.scrollRow == 7)
        #expect(area.visible(width: 20).lines == ["line 8", "line 9", "line 10"])
        #expect(area.visible(width: 20).cursorRow == 2)
        for _ in 0..<4 { area.handle(.up) }
        #expect(area.row == 5)
        #expect(area.scrollRow == 5)
        #expect(area.visible(width: 20).lines == ["line 6", "line 7", "line 8"])
        area.handle(.pageUp)
        #expect(area.row == 2)
        #expect(area.visible(width: 20).lines.first == "line 3")
        area.handle(.pageDown)
        #expect(area.row == 5)
    }

    @Test func deletingLinesNeverLeavesEmptyRowsBelowTheText() {
        var area = TextArea("a\nb\nc\nd\ne", visibleRows: 3)
        for _ in 0..<4 { area.handle(.backspace) }
        #expect(area.text == "a\nb\nc")
        #expect(area.visible(width: 5).lines == ["a", "b", "c"])
    }

    @Test func longLinesScrollSidewaysWithTheCursor() {
        var area = TextArea("{\"callback\": \"@{listCallbackUrl()}\"}")
        let visible = area.visible(width: 10)
        #expect(visible.lines == ["kUrl()}\"}"], "one column is kept for the cursor")
        #expect(visible.cursorColumn == 9)
        area.handle(.home)
        #expect(area.visible(width: 10).lines == ["{\"callback"])
        #expect(area.visible(width: 10).cursorColumn == 0)
    }

    @Test func unicodeMovesByCharacterAndMeasuresByCell() {
        var area = TextArea()
        type("名前: é\u{301}🚀", into: &area)
        #expect(area.column == 6)
        area.handle(.backspace)
        #expect(area.text == "名前: é\u{301}")
        area.handle(.home)
        area.handle(.right)
        area.handle(.right)
        #expect(area.visible(width: 20).cursorColumn == 4, "two wide characters take four cells")
        area.handle(.enter)
        #expect(area.lines == ["名前", ": é\u{301}"])
        area.handle(.end)
        area.handle(.up)
        #expect(area.column == 1, "column 3 falls inside 前, so the cursor stops before it")
        #expect(area.visible(width: 20).cursorColumn == 2)
    }

    @Test func clickPlacesTheCursorByDisplayColumn() {
        var area = TextArea("名前\nabc")
        area.moveCursor(row: 0, displayColumn: 3)
        #expect((area.row, area.column) == (0, 1), "a click on the second half of a wide character stops before it ends")
        area.moveCursor(row: 9, displayColumn: 99)
        #expect((area.row, area.column) == (1, 3))
    }
}
