import Testing
import HookflowModel
@testable import HookflowTUI

/// Whole screens of the form, as a user sees them at 80 columns, and the roles that colour them.
struct StepFormScreenTests {
    @Test func aNewWebhookTriggerShowsRequiredMarksErrorsAndWarningsBesideTheFields() throws {
        let harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        let buffer = harness.buffer()
        #expect(buffer.lines == [
            "╭─ HTTP_Webhook · HTTP Webhook ────────────────────────────────────────────────╮",
            "│ [Parameters]  Settings                                                       │",
            "│                                                                              │",
            "│ Subscribe - Method *    Choose a method                                    ▾ │",
            "│                         ✗ Subscribe - Method is required                     │",
            "│ Subscribe - URI *       Enter a URI                                          │",
            "│                         ✗ Subscribe - URI is required                        │",
            "│ Unsubscribe - Method *  Choose a method                                    ▾ │",
            "│                         ⚠ Unsubscribe - Method is missing: the service is    │",
            "│                           never told to stop                                 │",
            "│ Unsubscribe - URI *     Enter a URI                                          │",
            "│                         ⚠ Unsubscribe - URI is missing: the service is never │",
            "│                           told to stop                                       │",
            "│ + Add new parameter                                                          │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│ Enter choose · ←→ change · Tab next · Ctrl-T Settings · Esc close            │",
            "╰──────────────────────────────────────────────────────────────────────────────╯",
        ])
        #expect(buffer.runs(of: .required, line: 3).map(\.text) == ["*"])
        #expect(buffer.runs(of: .selection, line: 3).map(\.text) == ["Subscribe - Method"], "the focused row's label")
        #expect(buffer.runs(of: .label, line: 5).map(\.text) == ["Subscribe - URI"])
        #expect(buffer.runs(of: .placeholder, line: 5).map(\.text) == ["Enter a URI"])
        #expect(buffer.runs(of: .errorMark, line: 6).map(\.text) == ["✗ Subscribe - URI is required"])
        // The missing unsubscribe is a warning, beside its fields in the warning colour (SPEC §1).
        #expect(buffer.runs(of: .warningMark, line: 8).map(\.text) == ["⚠ Unsubscribe - Method is missing: the service is"])
        #expect(buffer.runs(of: .errorMark, line: 8).isEmpty)
        #expect(buffer.runs(of: .valueFocused, line: 3).first?.text.hasPrefix("Choose a method") == true)
        #expect(buffer.runs(of: .title, line: 0).map(\.text) == [" HTTP_Webhook · HTTP Webhook "])
        #expect(buffer.cursor == nil, "no text cursor on a dropdown")
    }

    @Test func theSettingsTabWithATimeoutError() throws {
        var harness = try FormHarness(FormFixtures.actions, step: .action("Wait_for_approval"))
        harness.press(.ctrl("t"), .ctrl("u"))
        harness.type("1h\t")
        #expect(harness.screen() == [
            "╭─ Wait_for_approval · HTTP Webhook ───────────────────────────────────────────╮",
            "│  Parameters  [Settings]                                                      │",
            "│                                                                              │",
            "│ Timeout         1h                                                           │",
            "│                 ✗ Timeout \"1h\" is not an ISO 8601 duration (for example      │",
            "│                   PT1H, P1D or PT30S)                                        │",
            "│ Retry policy    Fixed                                                      ▾ │",
            "│   Count *       3                                                            │",
            "│   Interval *    PT10S                                                        │",
            "│ Run after       Runs when each step below ends in a ticked status            │",
            "│   Call_service  [x] Succeeded [x] Failed [ ] Skipped [ ] TimedOut            │",
            "│ Secure inputs   [x]                                                          │",
            "│ Secure outputs  [ ]                                                          │",
            "│ Static result   [ ]                                                          │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│ Enter choose · ←→ change · Tab next · Ctrl-T Parameters · Esc close          │",
            "╰──────────────────────────────────────────────────────────────────────────────╯",
        ])
    }

    @Test func anOpenDropdownListsItsOptionsUnderTheField() throws {
        var harness = try FormHarness(FormFixtures.actions, step: .action("Call_service"))
        harness.press(.enter)
        let buffer = harness.buffer(width: 60, height: 14, glyphs: .ascii)
        #expect(buffer.lines == [
            "+- Call_service - HTTP ------------------------------------+",
            "| [Parameters]  Settings                                   |",
            "|                                                          |",
            "| Method *  GET                                          v |",
            "|           > GET                                          |",
            "|             POST                                         |",
            "|             PUT                                          |",
            "|             PATCH                                        |",
            "|             DELETE                                       |",
            "| URI *     https://svc.example.com/orders                 |",
            "| + Add new parameter                                      |",
            "|                                                          |",
            "| Up/Down move - type to jump - Enter choose - Esc cancel  |",
            "+----------------------------------------------------------+",
        ])
        #expect(buffer.runs(of: .selection, line: 4).first?.text.hasPrefix("> GET") == true)
        harness.type("pu")
        #expect(harness.buffer().runs(of: .selection, line: 6).first?.text.hasPrefix("▸ PUT") == true)
    }

    @Test func theCursorSitsInTheFocusedTextField() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        harness.press(.tab)
        harness.type("https://x.example")
        let buffer = harness.buffer()
        #expect(buffer.line(5) == "│ Subscribe - URI *       https://x.example                                    │")
        #expect(buffer.cursor?.x == 2 + 24 + 17)
        #expect(buffer.cursor?.y == 5)
        #expect(buffer.runs(of: .valueFocused, line: 5).map(\.text) == ["https://x.example" + String(repeating: " ", count: 35)])
        #expect(harness.form.isEditingText)
        harness.press(.home)
        #expect(harness.buffer().cursor?.x == 26)
    }

    @Test func aJSONBodyShowsSixLinesAndScrollsWhileTyping() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        harness.focus("+ Add new parameter")
        harness.press(.enter, .enter)
        harness.type("{\n\"a\": 1,\n\"b\": 2,\n\"c\": 3,\n\"d\": 4,\n\"e\": 5,\n\"f\": 6\n}")
        // Two lines down from where they were: each unsubscribe warning takes two lines at this width.
        var lines = harness.screen(width: 80, height: 24)
        #expect(Array(lines[13...18]) == [
            "│ Subscribe - Body        \"b\": 2,                                              │",
            "│                         \"c\": 3,                                              │",
            "│                         \"d\": 4,                                              │",
            "│                         \"e\": 5,                                              │",
            "│                         \"f\": 6                                               │",
            "│                         }                                                    │",
        ])
        #expect(harness.buffer(width: 80, height: 24).cursor.map { [$0.x, $0.y] } == [27, 18])
        // Unfocused, it shows the start and how much more there is.
        harness.press(.tab)
        lines = harness.screen(width: 80, height: 24)
        #expect(Array(lines[13...18]) == [
            "│ Subscribe - Body        {                                                    │",
            "│                         \"a\": 1,                                              │",
            "│                         \"b\": 2,                                              │",
            "│                         \"c\": 3,                                              │",
            "│                         \"d\": 4,                                              │",
            "│                         … 3 more lines                                       │",
        ])
        #expect(harness.form.drafts["/triggers/HTTP_Webhook/inputs/subscribe/body"]?.area.lines.count == 8, "the text stays as typed")
    }

    @Test func theFocusedFieldStaysVisibleWhenTheFormScrolls() throws {
        var harness = try FormHarness(#"""
            {"triggers": {"W": {"type": "HttpWebhook", "inputs": {
              "subscribe": {"method": "POST", "uri": "https://s.example/sub", "body": {"callback": "@{listCallbackUrl()}", "topic": "orders"},
                 "headers": {"Content-Type": "application/json", "X-Trace": "1"},
                 "authentication": {"type": "ActiveDirectoryOAuth", "tenant": "t", "audience": "a", "clientId": "c", "secret": "s3cr3t"}},
              "unsubscribe": {"method": "DELETE", "uri": "https://s.example/unsub", "body": "@{listCallbackUrl()}", "headers": {"A": "b"},
                 "authentication": {"type": "Raw", "value": "Bearer xyz"}}}}}}
            """#, step: .trigger("W"))
        // At 120×40 everything fits: no scroll marks.
        let large = harness.screen(width: 120, height: 40)
        #expect(large.contains("│   Value *                     ••••••••                                                                               │"))
        #expect(!large.joined().contains("↓") && !large.joined().contains("↑"))
        // At 80×24 the body has 16 rows; going down the form scrolls by half pages and marks what is hidden.
        var previous = harness.screen(width: 80, height: 24)
        #expect(previous[20].hasSuffix("↓"))
        var tops: [String] = []
        for _ in 0..<24 {
            harness.press(.tab)
            guard harness.form.focus.id != FormFocus.tabsID else { break }
            let buffer = harness.buffer(width: 80, height: 24)
            let focusedLines = (0..<24).filter { !buffer.runs(of: .selection, line: $0).isEmpty || !buffer.runs(of: .buttonFocused, line: $0).isEmpty }
            let label = harness.focusedLabel
            if !label.isEmpty {
                #expect(buffer.lines.contains { $0.contains(label) }, "\(label) is on screen")
            }
            #expect(!focusedLines.isEmpty || buffer.cursor != nil, "something focused is on screen at \(harness.form.focus.id)")
            tops.append(buffer.line(3))
            previous = buffer.lines
        }
        #expect(previous[3].hasSuffix("↑"), "at the bottom, the top is hidden")
        #expect(Set(tops).count <= 3, "the view moves by pages, not on every key: \(Set(tops).count) distinct tops")
        // Focused, a secret shows one mask character per character typed, never the text.
        #expect(previous.contains("│   Value *                     ••••••••••                                     │"))
    }

    @Test func asciiGlyphsForMarksMasksAndArrows() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        harness.focus("+ Add new parameter")
        harness.press(.enter)
        harness.type("subscribe - a")
        harness.press(.enter, .right)
        harness.press(.tab, .tab)
        harness.type("pw")
        let lines = harness.screen(width: 80, height: 20, glyphs: .ascii)
        #expect(lines[0] == "+- HTTP_Webhook - HTTP Webhook ------------------------------------------------+")
        // Scrolled to keep the password in view: the URI is the first field on screen.
        #expect(lines[3] == "| Subscribe - URI *           Enter a URI                                      ^")
        #expect(lines[4] == "|                             x Subscribe - URI is required                    |")
        #expect(lines[5] == "| Unsubscribe - Method *      Choose a method                                v |")
        #expect(lines[6] == "|                             ! Unsubscribe - Method is missing: the service   |")
        #expect(lines.contains("|   Password *                **                                               |"))
        #expect(lines[18] == "| Tab next - Ctrl-O show - Ctrl-T Settings - Esc close                         |")
    }
}
