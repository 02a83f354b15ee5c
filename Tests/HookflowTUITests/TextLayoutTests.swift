import Testing
@testable import HookflowTUI

/// Truncating, padding and wrapping by display width.
struct TextLayoutTests {
    @Test func truncateEndsWithTheEllipsisOnlyWhenSomethingWasCut() {
        #expect(TextLayout.truncate("Send approval email", to: 10) == "Send appr…")
        #expect(TextLayout.truncate("Send approval email", to: 10, ellipsis: "...") == "Send ap...")
        #expect(TextLayout.truncate("Send", to: 10) == "Send")
        #expect(TextLayout.truncate("Send", to: 4) == "Send")
        #expect(TextLayout.truncate("Send it now", to: 6) == "Send…", "the space before the ellipsis is dropped")
    }

    @Test func truncateCountsWideCharactersAsTwoCells() {
        #expect(TextLayout.truncate("世界你好", to: 5) == "世界…")
        #expect(TextLayout.truncate("世界你好", to: 4) == "世…", "a wide character that would overlap the ellipsis goes")
        #expect(TextLayout.width(TextLayout.truncate("a🚀🚀🚀", to: 6)) <= 6)
    }

    @Test func truncateWithLessRoomThanTheEllipsis() {
        #expect(TextLayout.truncate("abcdef", to: 2, ellipsis: "...") == "ab")
        #expect(TextLayout.truncate("abcdef", to: 1) == "a")
        #expect(TextLayout.truncate("abcdef", to: 0) == "")
        #expect(TextLayout.truncate("abcdef", to: -3) == "")
    }

    @Test func padAlignsByDisplayWidth() {
        #expect(TextLayout.pad("GET", to: 6) == "GET   ")
        #expect(TextLayout.pad("GET", to: 6, alignment: .trailing) == "   GET")
        #expect(TextLayout.pad("GET", to: 8, alignment: .center) == "  GET   ")
        #expect(TextLayout.pad("世界", to: 6) == "世界  ")
        #expect(TextLayout.pad("toolong", to: 3) == "toolong", "pad never cuts")
        #expect(TextLayout.fit("toolong", to: 5) == "tool…")
        #expect(TextLayout.fit("ok", to: 5, alignment: .trailing) == "   ok")
    }

    @Test func wrapBreaksAtSpaces() {
        #expect(TextLayout.wrap("Waits for a callback from the service", width: 16) == ["Waits for a", "callback from", "the service"])
        #expect(TextLayout.wrap("one  two", width: 20) == ["one two"])
        #expect(TextLayout.wrap("exactly ten", width: 11) == ["exactly ten"])
    }

    @Test func wrapSplitsLongWordsAndKeepsNewlines() {
        #expect(TextLayout.wrap("https://example.com/callback", width: 10) == ["https://ex", "ample.com/", "callback"])
        #expect(TextLayout.wrap("first\n\nthird line", width: 6) == ["first", "", "third", "line"])
        #expect(TextLayout.wrap("世界你好", width: 5) == ["世界", "你好"])
        #expect(TextLayout.wrap("世界", width: 1) == ["世", "界"], "a wide character still goes somewhere")
        #expect(TextLayout.wrap("", width: 5) == [""])
        #expect(TextLayout.wrap("abc", width: 0) == [])
    }
}
