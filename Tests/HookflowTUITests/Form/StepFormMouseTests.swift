import Testing
import HookflowModel
@testable import HookflowTUI

/// Clicks: focus the field, open its dropdown, choose an option, tick a box, switch tabs.
struct StepFormMouseTests {
    @Test func clickingADropdownOpensItAndClickingAnOptionChoosesIt() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        // Row 7 is Unsubscribe - Method (see the new webhook screen).
        #expect(harness.click(x: 40, y: 7) == .handled)
        #expect(harness.focusedLabel == "Unsubscribe - Method")
        #expect(harness.form.list?.options == HttpRequestDefinition.methods)
        #expect(harness.screen()[12] == "│                           DELETE                                             │")
        #expect(harness.click(x: 30, y: 12) == .edited)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/unsubscribe/method") == #""DELETE""#)
        #expect(harness.form.list == nil)
        // Clicking the open dropdown's field again closes its list.
        harness.click(x: 40, y: 7)
        #expect(harness.form.list != nil)
        harness.click(x: 40, y: 7)
        #expect(harness.form.list == nil)
    }

    @Test func clickingATextFieldFocusesItAndASecondClickPlacesTheCursor() throws {
        var harness = try FormHarness(FormFixtures.filledWebhook, step: .trigger("HTTP_Webhook"))
        #expect(harness.click(x: 40, y: 4) == .handled)
        #expect(harness.focusedLabel == "Subscribe - URI")
        #expect(harness.form.isEditingText)
        // Values start at column 2 + 24; "https://" is 8 columns.
        harness.click(x: 26 + 8, y: 4)
        harness.type("v2.")
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/uri") == #""https://v2.svc.example.com/subscribe""#)
    }

    @Test func clickingTabsCheckboxesAndRunAfterStatuses() throws {
        var harness = try FormHarness(FormFixtures.actions, step: .action("Call_service"))
        // The tab bar: [Parameters] from column 2, Settings from column 15.
        #expect(harness.click(x: 17, y: 1) == .handled)
        #expect(harness.form.tab == .settings)
        let lines = harness.screen()
        #expect(lines[6] == "│   A             [x] Succeeded [ ] Failed [ ] Skipped [ ] TimedOut            │")
        #expect(lines[7] == "│ Secure inputs   [ ]                                                          │")
        #expect(harness.click(x: 19, y: 7) == .edited)
        #expect(harness.json("/actions/Call_service/runtimeConfiguration/secureData/properties") == #"["inputs"]"#)
        // "[ ] Failed" starts at column 2 + 16 + 14.
        #expect(harness.click(x: 33, y: 6) == .edited)
        #expect(harness.json("/actions/Call_service/runAfter/A") == #"["Succeeded","Failed"]"#)
        #expect(harness.form.focus.part == 1)
        harness.click(x: 2, y: 1)
        #expect(harness.form.tab == .parameters)
    }

    @Test func clicksOutsideTheFormAreTheDesigners() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        #expect(harness.form.click(x: 85, y: 5, area: Rect(x: 0, y: 0, width: 80, height: 20), definition: &harness.definition) == .notHandled)
        #expect(harness.form.click(x: 5, y: 2, area: Rect(x: 10, y: 2, width: 60, height: 18), definition: &harness.definition) == .notHandled)
        // Inside the box but on nothing (a blank line): handled, nothing changes.
        #expect(harness.click(x: 40, y: 15) == .handled)
        #expect(harness.focusedLabel == "Subscribe - Method")
    }

    @Test func clicksFollowTheFormWhereverTheDesignerPutsIt() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        let area = Rect(x: 20, y: 5, width: 60, height: 16)
        // The form's rows start at area.y + 3; Subscribe - URI is its third row.
        #expect(harness.form.click(x: 50, y: 10, area: area, definition: &harness.definition) == .handled)
        #expect(harness.focusedLabel == "Subscribe - URI")
    }
}

/// The open list's keys, on their own.
struct StepFormDropdownTests {
    let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    @Test func typeAheadMatchesThePrefixAndStartsOverWhenNothingMatches() {
        var list = DropdownList(fieldID: "m", options: methods, highlighted: nil)
        #expect(list.handle(.character("p")) == .moved)
        #expect(list.highlighted == 1)
        list.handle(.character("U"))
        #expect(list.highlighted == 2, "case does not matter: pu is PUT")
        list.handle(.character("d"))
        #expect(list.highlighted == 4, "nothing starts with pud: typing starts over at d")
        #expect(list.typed == "d")
        list.handle(.backspace)
        #expect(list.typed == "")
        #expect(list.handle(.character("x")) == .moved)
        #expect(list.highlighted == 4, "no match leaves the highlight")
    }

    @Test func arrowsAndVimKeysMoveAndForgetTheTyping() {
        var list = DropdownList(fieldID: "m", options: methods, highlighted: nil)
        list.handle(.down)
        #expect(list.highlighted == 0)
        list.handle(.character("j"))
        list.handle(.character("j"))
        #expect(list.highlighted == 2)
        list.handle(.character("k"))
        #expect(list.highlighted == 1)
        list.handle(.end)
        #expect(list.highlighted == 4)
        list.handle(.down)
        #expect(list.highlighted == 4, "the last option stops the highlight")
        list.handle(.character("p"))
        list.handle(.up)
        #expect(list.typed == "")
        #expect(list.highlighted == 0)
    }

    @Test func enterSpaceAndEscape() {
        var list = DropdownList(fieldID: "m", options: methods, highlighted: nil)
        #expect(list.handle(.enter) == .cancelled, "nothing highlighted: Enter closes without a choice")
        list.highlighted = 3
        #expect(list.handle(.character(" ")) == .chosen(3))
        #expect(list.handle(.escape) == .cancelled)
        #expect(list.handle(.tab) == .ignored)
        #expect(list.handle(.left) == .moved, "Left and Right do not change a dropdown behind its open list")
        #expect(list.highlighted == 3)
        var parameters = DropdownList(fieldID: "p", options: ["Subscribe - Body", "Subscribe - Headers"], highlighted: 0)
        for character in "subscribe - h" { parameters.handle(.character(character)) }
        #expect(parameters.highlighted == 1, "a space after typed letters is part of the text")
    }
}
