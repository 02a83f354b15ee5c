import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// What the user reads: the help uses the width it has and never cuts a line, it opens at the
/// keys of the screen it came from, the footer always keeps save, help and quit, and a long
/// message can be read whole.
@Suite struct HelpAndFooterTests {
    /// Every help line, at 80 and 120 columns, appears whole: wrapped over lines, never cut.
    @Test func theHelpNeverCutsALine() {
        for width in [80, 120] {
            let lines = HelpScreen.lines(width: TextPager.textWidth(in: Rect(width: width, height: 30)), glyphs: .unicode).lines
            let text = lines.map { $0.map(\.text).joined() }
            for line in text { #expect(TextLayout.width(line) <= width - 4, "\(line)") }
            let flat = text.joined(separator: " ").split(separator: " ").joined(separator: " ")
            for section in HelpSections.all {
                for entry in section.lines {
                    #expect(flat.contains(entry.help.split(separator: " ").joined(separator: " ")), "\(entry.help) at \(width)")
                }
            }
        }
    }

    /// At 120 columns the help is as wide as the screen (it was 76 columns), and from a run's
    /// detail it opens at the run detail's keys.
    @Test func theHelpOpensAtTheScreensKeysAndUsesTheWidth() throws {
        var state = try WorkbenchScreens.state("runDetail", width: 120, height: 40)
        _ = state.update(.input(.key(.character("?"))))
        let lines = state.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1].hasPrefix("╭─ Keys ─") && lines[1].hasSuffix("╮") && lines[1].count == 120)
        #expect(lines[2].hasPrefix("│ Run detail (Enter on a run)  ") && lines[2].hasSuffix("  │"))
        #expect(lines[3].hasPrefix("│   ↑ ↓  k j                previous / next step  "))
    }

    /// Every screen at 80×24 keeps the keys to save, get help and quit at the end of its footer —
    /// those that work there (in a text box: Ctrl-S, F1, Ctrl-C).
    @Test func theFooterKeepsSaveHelpAndQuitOnEveryScreen() throws {
        var screens: [(String, WorkbenchState)] = []
        for name in DesignerScreens.names { screens.append((name, try DesignerScreens.state(name, width: 80, height: 24))) }
        for name in WorkbenchScreens.names { screens.append((name, try WorkbenchScreens.state(name, width: 80, height: 24))) }
        var editor = try WorkbenchScreens.state("runDetail", width: 80, height: 24)
        _ = editor.update(.input(.key(.character("s"))))
        screens.append(("callback box", editor))
        var question = try WorkbenchScreens.state("runs", width: 80, height: 24)
        _ = question.update(.input(.key(.character("x"))))
        screens.append(("question", question))
        for (name, state) in screens {
            let footer = state.text().split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            let typing = state.top.isTyping
            let end = typing ? "Ctrl-S save  F1 help  Ctrl-C quit" : "Ctrl-S save  ? help  q quit"
            #expect(footer.hasSuffix(end), "\(name): \(footer)")
            #expect(TextLayout.width(footer) <= 80, "\(name)")
        }
    }

    /// A message too long for the line says `m more`; `m` shows every message whole.
    @Test func longMessagesCanBeReadWhole() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions)
        _ = state.update(.input(.key(.ctrl("s"))))
        let line = state.text().split(separator: "\n", omittingEmptySubsequences: false)[22]
        // Only the error blocks the save; the missing unsubscribe is a warning and is not listed.
        #expect(line.hasPrefix(" ✗ Not saved: 1 problem to fix first. /actions/Wait_for_approval/"))
        #expect(line.hasSuffix(" m more"))
        _ = state.update(.input(.key(.character("m"))))
        let log = state.text()
        #expect(log.contains("╭─ Messages, newest first ─"))
        #expect(log.contains("│ ✗ Not saved: 1 problem to fix first."))
        #expect(log.contains("/actions/Wait_for_approval/inputs/subscribe/uri: Subscribe - URI is"))
        #expect(!log.contains("Unsubscribe - Method"))
        _ = state.update(.input(.key(.escape)))
        #expect(state.isOnCanvas)
    }
}
