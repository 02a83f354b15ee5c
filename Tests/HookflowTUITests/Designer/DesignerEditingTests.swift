import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// Editing as people expect of a designer: undo and redo of every edit, a parallel branch, `/`
/// search, names as Logic Apps writes them, the unsaved mark that follows the content.
@Suite struct DesignerEditingTests {
    /// The three-action app with Parse_order selected.
    private func designer(width: Int = 120, height: Int = 40) throws -> WorkbenchState {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, width: width, height: height)
        state.press(.down)
        return state
    }

    /// Form fields, a delete and a move, undone one by one back to the file as read (the unsaved mark
    /// goes), then redone.
    @Test func undoAndRedoEveryKindOfEdit() throws {
        var state = try designer()
        let original = state.definition
        // A form edit: three keys into Compose's Inputs are one step to undo.
        state.press(.enter)
        state.type("xyz")
        state.press(.escape)
        #expect(state.definition.step(named: "Parse_order")?.json["inputs"] == "@triggerBody()xyz")
        // A delete (asked and confirmed), then a move.
        state.press(.down, .character("d"), .character("y"))
        #expect(state.definition.step(named: "Notify_warehouse") == nil)
        state.press(.character("K"))
        #expect(state.definition.actions.map(\.name) == ["Wait_for_approval", "Parse_order"])
        #expect(state.isDirty)

        state.press(.character("u"))
        #expect(state.definition.actions.map(\.name) == ["Parse_order", "Wait_for_approval"])
        #expect(state.banner?.text == "Undid move Wait_for_approval up (Ctrl-R redoes it)")
        state.press(.character("u"))
        #expect(state.definition.step(named: "Notify_warehouse") != nil)
        #expect(state.selection == .step(.action("Notify_warehouse")), "undo selects the step it brings back")
        state.press(.character("u"))
        #expect(state.definition.value.isIdentical(to: original.value))
        #expect(!state.isDirty)
        #expect(!state.text().contains("unsaved"))
        state.press(.character("u"))
        #expect(state.banner?.text == "Nothing to undo")

        state.press(.ctrl("r"), .ctrl("r"), .ctrl("r"))
        #expect(state.definition.actions.map(\.name) == ["Wait_for_approval", "Parse_order"])
        #expect(state.definition.step(named: "Parse_order")?.json["inputs"] == "@triggerBody()xyz")
        state.press(.ctrl("r"))
        #expect(state.banner?.text == "Nothing to redo")
        // A new edit after an undo forgets what could be redone.
        state.press(.character("u"), .character("y"))
        state.press(.ctrl("r"))
        #expect(state.banner?.text == "Nothing to redo")
    }

    /// Typing a field back to what it was removes the unsaved mark: it follows the content, not a count of edits.
    @Test func theUnsavedMarkGoesWhenTheContentIsBack() throws {
        var state = try designer()
        state.press(.enter)
        state.type("x")
        #expect(state.isDirty)
        #expect(state.text().split(separator: "\n").first?.contains("● unsaved") == true)
        state.press(.backspace)
        #expect(!state.isDirty)
        #expect(state.text().split(separator: "\n").first?.contains("unsaved") == false)
    }

    /// `p` adds a step beside the selected one, running after what it runs after, and lays it out beside it.
    @Test func aParallelBranchRunsAfterTheSameSteps() throws {
        var state = try designer()
        state.press(.down)  // Notify_warehouse, after Parse_order
        state.press(.character("p"))
        #expect(state.palette?.title == "Add a parallel branch beside Notify_warehouse")
        state.type("compose")
        state.press(.enter, .escape)
        let branch = try #require(state.definition.step(named: "Compose"))
        #expect(branch.runAfter == [RunAfterDependency(predecessor: "Parse_order", statuses: ["Succeeded"])])
        #expect(state.definition.actions.map(\.name) == ["Parse_order", "Notify_warehouse", "Compose", "Wait_for_approval"])
        #expect(state.definition.step(named: "Wait_for_approval")?.runAfter.map(\.predecessor) == ["Notify_warehouse"], "nothing else moved")
        #expect(state.selection == .step(.action("Compose")))
        // Side by side on the canvas.
        let notify = try #require(state.layout.item(for: .step(.action("Notify_warehouse"))))
        let compose = try #require(state.layout.item(for: .step(.action("Compose"))))
        #expect(notify.rect.y == compose.rect.y && notify.rect.maxX < compose.rect.x)
        // A trigger has no parallel branch; undo takes the branch away.
        state.press(.character("g"), .character("p"))
        #expect(state.isOnCanvas && state.banner?.text.hasPrefix("A trigger has no parallel branch") == true)
        state.press(.character("u"), .character("u"))
        #expect(state.definition.step(named: "Compose") == nil)
        #expect(state.selection == .step(.action("Notify_warehouse")), "undo goes back to the step the branch was added beside")
    }

    @Test func searchFindsStepsAndNGoesRound() throws {
        var state = try designer()
        state.press(.character("/"))
        #expect(state.text().split(separator: "\n", omittingEmptySubsequences: false)[37].hasPrefix("/ search steps:"))
        state.type("WAIT FOR")  // any case; spaces match underscores
        state.press(.enter)
        #expect(state.selection == .step(.action("Wait_for_approval")))
        #expect(state.banner?.text == "\"WAIT FOR\": match 1 of 1 (n next, N previous)")
        let screen = WorkbenchView.render(state, glyphs: .unicode)
        let row = try #require(screen.lines.firstIndex { $0.contains("Wait_for_approval") })
        #expect(screen.runs(of: .match, line: row).map(\.text) == ["Wait_for_approval"], "the match is highlighted")
        state.press(.character("/"), .ctrl("u"))
        state.type("o")
        state.press(.enter)
        #expect(state.selection == .step(.trigger("Order_events")), "from the selection on, going round")
        state.press(.character("n"))
        #expect(state.selection == .step(.action("Parse_order")))
        state.press(.character("N"), .character("N"))
        #expect(state.selection == .step(.action("Wait_for_approval")))
        state.press(.character("/"), .ctrl("u"))
        state.type("nothing like it")
        state.press(.enter)
        #expect(state.banner == Banner(text: "No step matches \"nothing like it\"", isError: true))
    }

    /// A name typed with spaces is stored as Logic Apps writes it.
    @Test func aRenameWithSpacesIsStoredWithUnderscores() throws {
        var state = try designer()
        state.press(.down, .down, .character("r"), .ctrl("u"))
        state.type("Wait for order approval")
        #expect(state.text().contains("stored as Wait_for_order_approval"))
        state.press(.enter)
        #expect(state.definition.step(named: "Wait_for_order_approval") != nil)
        #expect(state.definition.step(named: "Wait for order approval") == nil)
        #expect(state.banner?.text.hasPrefix("Renamed Wait_for_approval to Wait_for_order_approval") == true)
        // Added steps are named the same way.
        state.press(.character("a"))
        state.type("delay")
        state.press(.enter, .escape)
        #expect(state.definition.step(named: "Delay") != nil)
    }

    /// `c` on a trigger of a published app asks the engine for its callback URL once, copies it,
    /// and the trigger's form shows it whole.
    @Test func theTriggersCallbackURLIsCopiedAndShownInItsForm() throws {
        let published = WorkflowSummary(name: "orders", state: .enabled, version: 2, changedTime: "2026-11-22T10:00:00Z", triggers: [])
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, width: 120, height: 40, published: published)
        #expect(state.selection == .step(.trigger("Order_events")))
        #expect(state.press(.character("c")) == [.loadTriggerURL(app: "orders", trigger: "Order_events")])
        #expect(state.press(.character("c")).isEmpty, "asked once")
        let url = "http://127.0.0.1:7071/workflows/orders/triggers/Order_events/run?api-version=2016-10-01&sp=%2Ftriggers%2FOrder_events%2Frun&sv=1.0&sig=abc"
        #expect(state.update(.triggerURLLoaded(app: "orders", trigger: "Order_events", .success(url))) == [.copyToClipboard(url)])
        #expect(state.banner?.text == "Copied Order_events's callback URL")
        #expect(state.press(.character("c")) == [.copyToClipboard(url)], "known now: copied at once")
        state.press(.enter)
        let lines = state.text().split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("Callback URL") }, "\(state.text())")
        // The URL whole, over as many lines as it takes: nothing cut.
        let shown = lines[first...(first + 1)].joined().replacingOccurrences(of: "Callback URL", with: "")
            .filter { $0 != "│" && $0 != " " }
        #expect(shown == url, "\(lines[first...(first + 1)])")
        // An action has no URL of its own to copy.
        state.press(.escape, .down)
        #expect(state.press(.character("c")).isEmpty)
        #expect(state.banner?.text == "Select a Request or HTTP Webhook trigger: c copies its callback URL")
    }

    /// A Request trigger's form says where its URL comes from before the app is published, and
    /// shows the URL once Ctrl-S (pressed in the form) has published it.
    @Test func anUnpublishedRequestTriggerSaysWhenItGetsItsURL() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, width: 120, height: 40)
        #expect(state.press(.enter).isEmpty, "nothing to ask the engine yet")
        #expect(state.text().contains("│ Callback URL              given when the app is published (Ctrl-S)"))
        guard case .save(let request)? = state.press(.ctrl("s")).first else { Issue.record("no save"); return }
        let summary = WorkflowSummary(name: "orders", state: .enabled, version: 1, changedTime: "2026-11-22T10:00:00Z", triggers: [])
        #expect(state.update(.saved(SaveOutcome(definition: request.definition, summary: summary))) == [.loadTriggerURL(app: "orders", trigger: "manual")])
        _ = state.update(.triggerURLLoaded(app: "orders", trigger: "manual", .success("http://127.0.0.1:7071/workflows/orders/triggers/manual/run?sig=s")))
        #expect(state.text().contains("│ Callback URL              http://127.0.0.1:7071/workflows/orders/triggers/manual/run?sig=s"))
    }
}
