import Testing
@testable import HookflowTUI

/// What follows an Esc that curses did not match: the keys terminals send for Home, End and the
/// others in all their spellings, unknown sequences dropped, and a plain Esc left a plain Esc.
@Suite struct EscapeSequenceTests {
    /// Feeds `text` after an Esc; the last step.
    private func decode(_ text: String) -> EscapeSequence.Step {
        var sequence = EscapeSequence()
        var step = EscapeSequence.Step.needMore
        for character in text {
            step = sequence.feed(character)
            if step != .needMore { break }
        }
        return step
    }

    @Test func homeAndEndInEverySpelling() {
        // PuTTY, tmux, screen, linux console; xterm normal and keypad mode; rxvt.
        for home in ["[1~", "[H", "OH", "[7~", "[1;5H"] { #expect(decode(home) == .key(.home), "\(home)") }
        for end in ["[4~", "[F", "OF", "[8~", "[1;2F"] { #expect(decode(end) == .key(.end), "\(end)") }
    }

    @Test func theOtherKeys() {
        #expect(decode("[5~") == .key(.pageUp))
        #expect(decode("[6~") == .key(.pageDown))
        #expect(decode("[2~") == .key(.insert))
        #expect(decode("[3~") == .key(.delete))
        #expect(decode("[A") == .key(.up))
        #expect(decode("OB") == .key(.down))
        #expect(decode("[1;5C") == .key(.right))
        #expect(decode("OD") == .key(.left))
        #expect(decode("[Z") == .key(.backTab))
        #expect(decode("OM") == .key(.enter))
        #expect(decode("OP") == .key(.function(1)))
        #expect(decode("[15~") == .key(.function(5)))
        #expect(decode("[24~") == .key(.function(12)))
    }

    /// Sequences for nothing the app uses are dropped whole: they never reach a screen as Esc.
    @Test func unknownSequencesAreIgnored() {
        #expect(decode("[99~") == .ignored)
        #expect(decode("[200~") == .ignored)       // bracketed paste start
        #expect(decode("[I") == .ignored)          // focus in
        #expect(decode("[<0;5;3M") == .ignored)    // an SGR mouse report curses did not take
        #expect(decode("[?1;2c") == .ignored)      // a terminal's answer
        #expect(decode("Ox") == .ignored)
        // An old-style mouse report: ESC [ M and three bytes, all dropped.
        var mouse = EscapeSequence()
        #expect(["[", "M", " ", "!", "!"].map { mouse.feed($0) } == [.needMore, .needMore, .needMore, .needMore, .ignored])
        // Runaway input is cut off.
        var long = EscapeSequence()
        let steps = (0..<40).map { _ in long.feed("1") }
        #expect(steps.first == .notASequence)
        var csi = EscapeSequence()
        _ = csi.feed("[")
        #expect((0..<40).map { _ in csi.feed("1") }.last == .ignored)
    }

    /// Esc then a key that cannot start a sequence: the Esc is a key, and so is what follows.
    @Test func escFollowedByAKeyIsEsc() {
        #expect(decode("j") == .notASequence)
        #expect(decode("q") == .notASequence)
    }
}
