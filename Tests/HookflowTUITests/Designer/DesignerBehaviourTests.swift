import Foundation
import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// The designer through the workbench: keys in, definition edits and effects out (no terminal involved).
@Suite struct DesignerBehaviourTests {
    private func press(_ state: inout WorkbenchState, _ keys: Key...) -> [WorkbenchEffect] {
        keys.flatMap { state.update(.input(.key($0))) }
    }

    private func type(_ state: inout WorkbenchState, _ text: String) {
        state.type(text)
    }

    private func summary(_ state: WorkflowState = .enabled, results: [SubscriptionResult] = [], version: Int = 1) -> WorkflowSummary {
        WorkflowSummary(name: "orders", state: state, version: version, changedTime: "2026-11-22T00:00:00Z",
                        triggers: [.init(name: "HTTP_Webhook", type: "HttpWebhook", subscription: SubscriptionInfo(status: .subscribed))],
                        results: results)
    }

    @Test func anEmptyAppAddsAWebhookTriggerThroughThePalette() throws {
        var state = try DesignerFixtures.designer()
        #expect(state.selection == .add(.triggers))
        #expect(!state.isDirty)
        _ = press(&state, .enter)
        let palette = try #require(state.palette, "no palette")
        #expect(palette.placement == .trigger)
        type(&state, "webhook")
        let typed = try #require(state.palette, "palette closed")
        #expect(typed.matches.first?.title == "HTTP Webhook")
        _ = press(&state, .enter)
        let trigger = try #require(state.definition.step(named: "HTTP_Webhook"))
        #expect(trigger.isTrigger)
        #expect(trigger.kind == .httpWebhook)
        #expect(trigger.httpWebhook?.subscribe?.body == ["callbackUrl": "@{listCallbackUrl()}"])
        let form = try #require(state.form, "the new step's form did not open")
        #expect(form.address == .trigger("HTTP_Webhook"))
        #expect(state.isDirty)
        #expect(state.problems.contains { $0.message == "Subscribe - URI is required" })
    }

    @Test func paletteSearchRanksTitlesAboveKeywordsAndSaysWhenNothingMatches() {
        var palette = Palette(placement: .lastAction)
        for character in "wait" { _ = palette.handle(.character(character)) }
        #expect(Set(palette.matches.map(\.title)) == ["Delay", "Delay until", "HTTP Webhook"])
        _ = palette.handle(.ctrl("u"))
        for character in "http" { _ = palette.handle(.character(character)) }
        #expect(palette.matches.map(\.title) == ["HTTP", "HTTP Webhook"])
        _ = palette.handle(.ctrl("u"))
        for character in "zzz" { _ = palette.handle(.character(character)) }
        #expect(palette.matches.isEmpty)
        #expect(palette.handle(.enter) == .stay)
        #expect(palette.handle(.escape) == .close)
    }

    @Test func addingAfterAStepInsertsBetweenItAndItsSuccessor() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions)
        _ = press(&state, .down, .character("a"))
        type(&state, "compose")
        _ = press(&state, .enter, .escape)
        let added = try #require(state.definition.step(named: "Compose"))
        #expect(added.runAfter.map(\.predecessor) == ["Parse_order"])
        #expect(state.definition.step(named: "Notify_warehouse")?.runAfter.map(\.predecessor) == ["Compose"])
        #expect(state.selection == .step(.action("Compose")))
        #expect(state.isOnCanvas)
    }

    @Test func addingAfterTheTriggerPutsTheActionFirst() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions)
        _ = press(&state, .character("a"))
        type(&state, "delay")
        _ = press(&state, .enter, .escape)
        #expect(state.definition.step(named: "Delay")?.runAfter.isEmpty == true)
        #expect(state.definition.step(named: "Parse_order")?.runAfter.map(\.predecessor) == ["Delay"])
    }

    @Test func navigationFollowsTheCardsAndEndsOnNewStep() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, height: 40)
        _ = press(&state, .character("j"), .character("j"))
        #expect(state.selection == .step(.action("Left")))
        _ = press(&state, .character("l"))
        #expect(state.selection == .step(.action("Right")))
        _ = press(&state, .left)
        #expect(state.selection == .step(.action("Left")))
        _ = press(&state, .character("G"))
        #expect(state.selection == .add(.actions))
        _ = press(&state, .up)
        #expect(state.selection == .add(JSONPointer(["actions", "Check", "else", "actions"])))
        _ = press(&state, .character("g"))
        #expect(state.selection == .step(.trigger("manual")))
    }

    @Test func renameRewritesReferencesAndRefusesATakenName() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions)
        _ = press(&state, .down, .character("r"), .ctrl("u"))
        type(&state, "Notify_warehouse")
        _ = press(&state, .enter)
        let box = try #require(state.top as? RenameScreen, "the rename box closed on a taken name")
        #expect(box.error?.contains("already used") == true)
        _ = press(&state, .ctrl("u"))
        type(&state, "Order")
        _ = press(&state, .enter)
        #expect(state.isOnCanvas)
        #expect(state.definition.step(named: "Order") != nil)
        #expect(state.definition.step(named: "Notify_warehouse")?.json["inputs"]?["body"] == "@outputs('Order')")
        #expect(state.selection == .step(.action("Order")))
    }

    @Test func deleteAsksFirstAndKeepsTheChainConnected() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions)
        _ = press(&state, .down, .down, .character("d"))
        let confirmation = try #require(state.prompt, "no confirmation")
        #expect(confirmation.title == "Delete action")
        _ = press(&state, .character("n"))
        #expect(state.definition.step(named: "Notify_warehouse") != nil)
        _ = press(&state, .delete, .character("y"))
        #expect(state.definition.step(named: "Notify_warehouse") == nil)
        #expect(state.definition.step(named: "Wait_for_approval")?.runAfter.map(\.predecessor) == ["Parse_order"])
        #expect(state.selection == .step(.action("Wait_for_approval")))
    }

    @Test func moveAndDuplicate() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions)
        _ = press(&state, .down, .down, .character("K"))
        #expect(state.definition.actions.map(\.name) == ["Notify_warehouse", "Parse_order", "Wait_for_approval"])
        #expect(state.definition.step(named: "Parse_order")?.runAfter.map(\.predecessor) == ["Notify_warehouse"])
        _ = press(&state, .character("K"))
        if case .some(let banner) = state.banner { #expect(banner.isError) } else { Issue.record("no message on an impossible move") }
        _ = press(&state, .character("y"))
        #expect(state.definition.step(named: "Notify_warehouse_2")?.runAfter.map(\.predecessor) == ["Notify_warehouse"])
        #expect(state.selection == .step(.action("Notify_warehouse_2")))
    }

    @Test func saveRefusesWhileThereAreProblems() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions)
        #expect(press(&state, .ctrl("s")).isEmpty)
        #expect(state.banner?.isError == true)
        #expect(state.banner?.text.contains("1 problem to fix") == true)
    }

    /// Warnings never block a save (SPEC §1): a webhook without its unsubscribe saves and publishes.
    @Test func warningsDoNotBlockTheSave() throws {
        // The fixture's approval webhook with its subscribe URI filled in: left is its unsubscribe's missing method.
        let text = DesignerFixtures.webhookWithThreeActions.replacingOccurrences(
            of: #""subscribe": {"method": "POST", "uri": ""}"#, with: #""subscribe": {"method": "POST", "uri": "https://approvals.example.com/subscribe"}"#)
        var state = try DesignerFixtures.designer(text)
        guard case .save(let request)? = press(&state, .ctrl("s")).first else {
            Issue.record("nothing saved: \(state.banner?.text ?? "")")
            return
        }
        #expect(request.publish)
        #expect(request.definition.step(named: "Wait_for_approval")?.inputs?["unsubscribe"]?["method"] == "")
    }

    @Test func savePublishesInTheBackgroundAndReportsEachTrigger() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        _ = press(&state, .down, .character("y"))
        let effects = press(&state, .ctrl("s"))
        guard case .save(let request)? = effects.first else { Issue.record("no save effect"); return }
        #expect(request.appName == "orders")
        #expect(request.state == .enabled)
        #expect(request.file == nil)
        #expect(state.wantsTicks)
        #expect(press(&state, .ctrl("s")).isEmpty)  // one save at a time
        _ = press(&state, .character("y"))         // editing goes on while it saves
        _ = state.update(.saved(SaveOutcome(definition: request.definition, summary: summary(results: [SubscriptionResult(trigger: "HTTP_Webhook", outcome: .subscribed)]))))
        #expect(!state.wantsTicks)
        #expect(state.banner?.text == "Saved v1 · HTTP_Webhook: Subscribed")
        #expect(state.isDirty)  // the second duplicate came after the save
        #expect(state.published?.version == 1)
    }

    @Test func aFailedPublishKeepsTheChangesUnsaved() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        _ = press(&state, .down, .character("y"))
        guard case .save(let request)? = press(&state, .ctrl("s")).first else { Issue.record("no save"); return }
        _ = state.update(.saved(SaveOutcome(definition: request.definition, publishError: "cannot reach the engine at http://127.0.0.1:1")))
        #expect(state.isDirty)
        #expect(state.banner == Banner(text: "Not saved: cannot reach the engine at http://127.0.0.1:1", isError: true))
    }

    @Test func aFileIsWrittenInItsOwnShape() throws {
        let document = try WorkflowDocument.read(DesignerFixtures.parallelBranches)
        var state = WorkbenchState(designer: DesignerState(
            appName: "flow", document: document, file: URL(fileURLWithPath: "/tmp/flow.json"), sourceText: DesignerFixtures.parallelBranches,
            engineDescription: "x"))
        _ = state.update(.input(.resize(width: 80, height: 24)))
        _ = press(&state, .down, .character("y"))
        guard case .save(let request)? = press(&state, .ctrl("s")).first else { Issue.record("no save"); return }
        let written = try WorkflowDocument.read(try #require(request.fileText))
        #expect(written.shape == document.shape)
        #expect(written.definition.step(named: "Start_2") != nil)
    }

    @Test func toggleOnAPublishedAppAsksTheEngineAndShowsTheState() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, published: summary())
        #expect(press(&state, .character("t")) == [.setState(.disabled, app: "orders")])
        _ = state.update(.stateChanged(.success(summary(.disabled, results: [SubscriptionResult(trigger: "HTTP_Webhook", outcome: .unsubscribed)]))))
        #expect(state.appState == .disabled)
        #expect(state.banner?.text == "Disabled · HTTP_Webhook: Unsubscribed")
        let header = WorkbenchView.render(state, glyphs: .unicode).line(0)
        #expect(header.contains("Disabled"))
    }

    @Test func toggleOnANewAppChangesTheStateItWillBePublishedWith() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        #expect(press(&state, .character("t")).isEmpty)
        #expect(state.appState == .disabled)
        #expect(state.isDirty)
        guard case .save(let request)? = press(&state, .ctrl("s")).first else { Issue.record("no save"); return }
        #expect(request.state == .disabled)
    }

    @Test func quitAsksWhenThereAreUnsavedChanges() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        #expect(press(&state, .character("q")) == [.quit])
        state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        _ = press(&state, .down, .character("y"), .character("q"))
        let confirmation = try #require(state.prompt, "no prompt")
        #expect(confirmation.title == "Unsaved changes")
        _ = press(&state, .escape)
        #expect(state.isOnCanvas && !state.hasQuit)
        _ = press(&state, .character("q"))
        guard case .save(let request)? = press(&state, .character("s")).first else { Issue.record("save and quit did not save"); return }
        #expect(!state.hasQuit)
        #expect(state.update(.saved(SaveOutcome(definition: request.definition, summary: summary()))) == [.quit])
        #expect(state.hasQuit)
    }

    @Test func discardAndQuit() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        _ = press(&state, .down, .character("y"), .character("q"))
        #expect(press(&state, .character("d")) == [.quit])
    }

    @Test func codeViewEditsInTheEditorAndKeepsTextThatDoesNotImport() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        let effects = press(&state, .character("v"), .character("e"))
        guard case .editExternally(let text)? = effects.first else { Issue.record("no editor effect"); return }
        #expect(text == CodeView.text(of: state.definition))
        let broken = text.replacingOccurrences(of: "\"Start\": {", with: "\"Start\": {{")
        _ = state.update(.edited(.success(broken)))
        #expect(state.banner?.isError == true)
        #expect(press(&state, .character("e")) == [.editExternally(broken)])
        let renamed = text.replacingOccurrences(of: "\"inputs\": 4", with: "\"inputs\": 5")
        _ = state.update(.edited(.success(renamed)))
        #expect(state.definition.step(named: "Join")?.json["inputs"] == 5)
        #expect(state.isDirty)
        let code = try #require(state.code, "code view closed")
        #expect(code.pendingText == nil)
    }

    @Test func clickingSelectsThenOpensAndAPlusInserts() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions)
        let layout = state.layout
        let card = try #require(layout.item(for: .step(.action("Notify_warehouse"))))
        let screenY = card.rect.y + 1 - state.canvasScroll + 1
        _ = state.update(.input(.mouse(x: card.rect.x + 3, y: screenY, button: .left)))
        #expect(state.selection == .step(.action("Notify_warehouse")))
        _ = state.update(.input(.mouse(x: card.rect.x + 3, y: screenY, button: .left)))
        #expect(state.form != nil, "second click opens the form")
        _ = press(&state, .escape)
        let plus = try #require(layout.insertPoints.first { $0.predecessor == .action("Parse_order") })
        _ = state.update(.input(.mouse(x: plus.x, y: plus.y + 1 - state.canvasScroll, button: .left)))
        let palette = try #require(state.palette, "the + did not open the palette")
        #expect(palette.placement == .action(after: "Parse_order", in: .actions))
    }

    @Test func resizeKeepsTheSelectionOnScreen() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, width: 120, height: 40)
        _ = press(&state, .character("G"))
        _ = state.update(.input(.resize(width: 80, height: 24)))
        let item = try #require(state.layout.item(for: state.selection))
        #expect(item.rect.y >= state.canvasScroll)
        #expect(item.rect.maxY <= state.canvasScroll + state.pageHeight)
        let screen = WorkbenchView.render(state, glyphs: .unicode)
        #expect(screen.lines.contains { $0.contains("+ New step") })
    }
}
