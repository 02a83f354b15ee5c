import Foundation
import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// SPEC §3 Versions in the designer: a save names the version it was edited from and the app's
/// kind; when the engine has a newer version the designer asks (reload, show the difference,
/// overwrite, cancel), and nothing typed is ever lost — reloading is one edit `u` undoes, and
/// "save and quit" does not quit until the question is answered.
@Suite struct VersionConflictTests {
    /// The same app saved from elsewhere as v5: Say reads the order's id, and a Log step follows it.
    static func engineVersion() throws -> (detail: WorkflowDetail, definition: WorkflowDefinition) {
        var json = try WorkflowDocument.read(DesignerFixtures.webhookApp).definition.json
        json["actions"] = [
            "Say": ["type": "Compose", "inputs": "@triggerBody()?['id']", "runAfter": [:]],
            "Log": ["type": "Compose", "inputs": "@outputs('Say')", "runAfter": ["Say": ["Succeeded"]]],
        ]
        let definition = WorkflowDefinition(json: json)
        return (WorkflowDetail(summary: DesignerFixtures.webhookSummary(version: 5), definition: definition.value, kind: "Stateless"), definition)
    }

    /// The engine's answer to a save edited from v3: v5 is there.
    static func conflict(_ request: SaveRequest) throws -> WorkbenchEvent {
        .saved(SaveOutcome(definition: request.definition, conflict: VersionConflict(base: 3, current: 5, engine: try engineVersion().detail)))
    }

    // MARK: What a save names

    @Test func aSaveNamesTheVersionItWasEditedFromAndKeepsTheKind() throws {
        var state = try DesignerFixtures.webhookDesigner()
        let request = try DesignerFixtures.duplicateSayAndSave(&state)
        #expect(request.baseVersion == 3 && request.kind == "Stateless")
        _ = state.update(.saved(SaveOutcome(definition: request.definition, summary: DesignerFixtures.webhookSummary(version: 4))))
        #expect(state.designer.baseVersion == 4)

        // Switching the app off answers with whatever version the engine has: the base stays the version edited.
        state.press(.character("t"))
        _ = state.update(.stateChanged(.success(DesignerFixtures.webhookSummary(version: 9, state: .disabled))))
        #expect(state.appState == .disabled)
        state.press(.character("y"))
        guard case .save(let next)? = state.press(.ctrl("s")).first else { Issue.record("no save"); return }
        #expect(next.baseVersion == 4, "a stale base (v9 is someone else's) gets the engine to ask, never to store over it")
        #expect(next.kind == "Stateless")
    }

    // MARK: The question

    @Test func aStaleSaveAsksWhatToDo() throws {
        var state = try DesignerFixtures.webhookDesigner(width: 120, height: 40)
        let request = try DesignerFixtures.duplicateSayAndSave(&state)
        _ = state.update(try Self.conflict(request))
        let prompt = try #require(state.prompt)
        #expect(prompt.title == "Version conflict")
        #expect(prompt.choices.map(\.key) == ["r", "s", "o", "c"])
        #expect(prompt.choices.map(\.label) == ["Reload v5", "Show difference", "Overwrite", "Cancel"])
        #expect(prompt.choices[prompt.highlighted].label == "Show difference", "Enter alone changes nothing")
        #expect(state.banner == Banner(text: "Not saved: the engine has orders v5, newer than v3 your edits start from", isError: true))
        #expect(state.text() == """
             Hookflow │ orders ● unsaved │ Enabled                                         engine: in-process http://127.0.0.1:7071

                                    ╭─ Subscribed ─────────────────────────────────────────────────────────╮
                                    │ ⇄ Webhook                                                            │
                                    │ HTTP Webhook · POST https://shop.example.com/hooks                   │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ≡ Say                                                                │
                                    │ Compose · @triggerBody()                                             │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                  ▸ │ ≡ Say_2                                                              │
                                    │ Compose · @triggerBody()                                             │
                                       ╭─ Version conflict ────────────────────────────────────────────╮
                                       │                                                               │
                                       │ The engine has orders v5, newer than v3 your edits start from │
                                       │ (it was saved from elsewhere meanwhile). Nothing was saved.   │
                                       │ Reload v5 (u brings your edits back), see the difference, or  │
                                       │ overwrite it?                                                 │
                                       │                                                               │
                                       │  r Reload v5    s Show difference    o Overwrite    c Cancel  │
                                       ╰───────────────────────────────────────────────────────────────╯














             ✗ Not saved: the engine has orders v5, newer than v3 your edits start from
             r reload v5  s show difference  o overwrite  c cancel  Esc cancel                    Ctrl-S save  F1 help  Ctrl-C quit
            """)
        #expect(state.press(.ctrl("s")).isEmpty, "no second save, and no second question, while this one is open")
        #expect(state.stack.count == 2 && state.prompt?.title == "Version conflict")
    }

    @Test func cancelAndEscKeepTheEditsUnsaved() throws {
        for key in [Key.character("c"), .escape] {
            var state = try DesignerFixtures.webhookDesigner()
            let request = try DesignerFixtures.duplicateSayAndSave(&state)
            _ = state.update(try Self.conflict(request))
            #expect(state.press(key).isEmpty)
            #expect(state.isOnCanvas && state.definition == request.definition && state.isDirty, "\(key)")
            #expect(state.banner == Banner(text: "Not saved: your edits stay here; Ctrl-S asks again while the engine has v5", isError: false))
            // Ctrl-S again still names v3: the engine asks again rather than storing over v5.
            guard case .save(let again)? = state.press(.ctrl("s")).first else { Issue.record("no save"); return }
            #expect(again.baseVersion == 3)
        }
    }

    @Test func reloadIsOneEditThatUndoBringsTheEditsBack() throws {
        var state = try DesignerFixtures.webhookDesigner()
        let request = try DesignerFixtures.duplicateSayAndSave(&state)
        state.press(.enter)
        #expect(state.form?.address == .action("Say_2"), "a form is open when the answer comes")
        _ = state.update(try Self.conflict(request))
        let (detail, engine) = try Self.engineVersion()
        #expect(state.press(.character("r")).isEmpty)
        #expect(state.definition == engine)
        #expect(state.isOnCanvas, "the form on the old definition is closed")
        #expect(!state.isDirty, "an app kept in the engine is saved as the engine has it")
        #expect(state.published == detail.summary && state.designer.baseVersion == 5)
        #expect(state.banner == Banner(text: "Reloaded v5 from the engine; u brings your edits back", isError: false))
        #expect(state.text().contains("Log"))

        state.press(.character("u"))
        #expect(state.definition == request.definition, "u brings back everything typed, in one step")
        #expect(state.isDirty)
        #expect(state.banner?.text == "Undid the reload of v5 (Ctrl-R redoes it)")
        guard case .save(let again)? = state.press(.ctrl("s")).first else { Issue.record("no save"); return }
        #expect(again.baseVersion == 5, "the edits now go over v5, which was looked at")
        _ = state.update(.saved(SaveOutcome(definition: again.definition, summary: DesignerFixtures.webhookSummary(version: 6))))
        state.press(.character("u"))
        #expect(state.definition == request.definition.withoutStep("Say_2"), "and the undo history goes on below the reload")
    }

    @Test func reloadingAFileLeavesTheFileToWrite() throws {
        let document = try WorkflowDocument.read(DesignerFixtures.webhookApp)
        let file = URL(fileURLWithPath: "/tmp/orders/workflow.json")
        var state = WorkbenchState(designer: DesignerState(
            appName: "orders", document: document, file: file, sourceText: DesignerFixtures.webhookApp, published: DesignerFixtures.webhookSummary(version: 3),
            publishedDefinition: document.definition, engineDescription: DesignerFixtures.engine))
        _ = state.update(.input(.resize(width: 80, height: 24)))
        let request = try DesignerFixtures.duplicateSayAndSave(&state)
        #expect(request.fileText != nil && request.baseVersion == 3)
        // The file was written with the edits; the publish was refused.
        _ = state.update(.saved(SaveOutcome(definition: request.definition, fileText: request.fileText, conflict: VersionConflict(
            base: 3, current: 5, engine: try Self.engineVersion().detail))))
        state.press(.character("r"))
        #expect(state.definition == (try Self.engineVersion()).definition)
        #expect(state.isDirty, "the file still has the edits: it is unsaved until Ctrl-S writes v5 into it")
        #expect(state.banner?.text == "Reloaded v5 from the engine (not saved to workflow.json yet: Ctrl-S); u brings your edits back")
        guard case .save(let write)? = state.press(.ctrl("s")).first else { Issue.record("no save"); return }
        #expect(!write.publish && write.fileText?.contains("Log") == true, "the engine has v5: only the file is written")
        _ = state.update(.saved(SaveOutcome(definition: write.definition, fileText: write.fileText)))
        #expect(!state.isDirty)
        #expect(state.banner == Banner(text: "Saved to workflow.json; the engine has it already (v5)", isError: false))
        #expect(state.designer.kind == "Stateless", "a file keeps its own kind")
    }

    @Test func overwriteSavesWithoutAVersion() throws {
        var state = try DesignerFixtures.webhookDesigner()
        let request = try DesignerFixtures.duplicateSayAndSave(&state)
        _ = state.update(try Self.conflict(request))
        let effects = state.press(.character("o"))
        var expected = request
        expected.baseVersion = nil
        #expect(effects == [.save(expected)])
        #expect(state.isOnCanvas)
        _ = state.update(.saved(SaveOutcome(definition: request.definition, summary: DesignerFixtures.webhookSummary(version: 6))))
        #expect(!state.isDirty && state.designer.baseVersion == 6)
        #expect(state.banner == Banner(text: "Saved v6 · Webhook: Subscribed", isError: false))
        // The next save names v6 again.
        state.press(.character("y"))
        guard case .save(let next)? = state.press(.ctrl("s")).first else { Issue.record("no save"); return }
        #expect(next.baseVersion == 6)
    }

    @Test func aDeletedAppOffersToSaveItAnew() throws {
        var state = try DesignerFixtures.webhookDesigner()
        let request = try DesignerFixtures.duplicateSayAndSave(&state)
        _ = state.update(.saved(SaveOutcome(definition: request.definition, conflict: VersionConflict(base: 3, current: 0, engine: nil))))
        let prompt = try #require(state.prompt)
        #expect(prompt.choices.map(\.label) == ["Save anew", "Cancel"])
        #expect(prompt.message == "orders was deleted from the engine after v3, which your edits start from. Nothing was saved. Save it anew from your edits?")
        #expect(state.press(.character("s")).isEmpty && state.prompt != nil, "no difference to show")
        guard case .save(let anew)? = state.press(.character("o")).first else { Issue.record("no save"); return }
        #expect(anew.baseVersion == nil)
    }

    @Test func anEngineVersionWithTheseVeryEditsNeedsNoQuestion() throws {
        var state = try DesignerFixtures.webhookDesigner()
        let request = try DesignerFixtures.duplicateSayAndSave(&state)
        let same = WorkflowDetail(summary: DesignerFixtures.webhookSummary(version: 5), definition: request.definition.value, kind: "Stateless")
        _ = state.update(.saved(SaveOutcome(definition: request.definition, conflict: VersionConflict(base: 3, current: 5, engine: same))))
        #expect(state.isOnCanvas && !state.isDirty)
        #expect(state.designer.baseVersion == 5)
        #expect(state.banner?.text == "The engine's orders v5 already has these edits (saved from elsewhere): nothing left to publish")
    }

    // MARK: Save and quit

    @Test func saveAndQuitDoesNotQuitUntilTheQuestionIsAnswered() throws {
        // Overwrite: saved, then quit.
        var state = try DesignerFixtures.webhookDesigner()
        state.press(.down, .character("y"))
        state.press(.character("q"))
        #expect(state.prompt?.title == "Unsaved changes")
        guard case .save(let request)? = state.press(.character("s")).first else { Issue.record("no save"); return }
        _ = state.update(try Self.conflict(request))
        #expect(!state.hasQuit && state.prompt?.title == "Version conflict")
        // Looking at the difference keeps the quit waiting.
        state.press(.character("s"))
        #expect(state.top is DifferenceScreen)
        state.press(.escape)
        #expect(state.prompt?.title == "Version conflict")
        guard case .save(let overwrite)? = state.press(.character("o")).first else { Issue.record("no save"); return }
        #expect(!state.hasQuit)
        let effects = state.update(.saved(SaveOutcome(definition: overwrite.definition, summary: DesignerFixtures.webhookSummary(version: 6))))
        #expect(effects == [.quit] && state.hasQuit)

        // Reload or cancel: the designer stays, with the edits one u away or still on screen.
        for key in [Key.character("r"), .character("c")] {
            var stays = try DesignerFixtures.webhookDesigner()
            stays.press(.down, .character("y"), .character("q"))
            guard case .save(let request)? = stays.press(.character("s")).first else { Issue.record("no save"); return }
            _ = stays.update(try Self.conflict(request))
            #expect(stays.press(key).isEmpty && !stays.hasQuit, "\(key)")
            // A later save does not quit either.
            stays.press(.character("y"))
            guard case .save(let later)? = stays.press(.ctrl("s")).first else { Issue.record("no save"); return }
            #expect(stays.update(.saved(SaveOutcome(definition: later.definition, summary: DesignerFixtures.webhookSummary(version: 6)))).isEmpty && !stays.hasQuit, "\(key)")
        }
    }

    // MARK: The difference

    @Test func theDifferenceAt80x24() throws {
        var state = try DesignerFixtures.webhookDesigner()
        let request = try DesignerFixtures.duplicateSayAndSave(&state)
        _ = state.update(try Self.conflict(request))
        state.press(.character("s"))
        #expect(state.top is DifferenceScreen)
        #expect(state.text() == """
             Hookflow │ Difference · orders        engine: in-process http://127.0.0.1:7071
            ╭─ orders: - v5 in the engine, + yours ────────────────────────────────────────╮
            │ - v5 in the engine (saved 2026-11-22 10:04:05)                               │
            │ + yours, edited from v3                                                      │
            │ 3 lines added, 3 removed                                                     │
            │                                                                              │
            │ @@ -20,12 +20,12 @@                                                          │
            │     "actions": {                                                             │
            │       "Say": {                                                               │
            │         "type": "Compose",                                                   │
            │ -       "inputs": "@triggerBody()?['id']",                                   │
            │ +       "inputs": "@triggerBody()",                                          │
            │         "runAfter": {}                                                       │
            │       },                                                                     │
            │ -     "Log": {                                                               │
            │ +     "Say_2": {                                                             │
            │         "type": "Compose",                                                   │
            │ -       "inputs": "@outputs('Say')",                                         │
            │ +       "inputs": "@triggerBody()",                                          │
            │         "runAfter": {                                                        │
            │           "Say": [                                                           │
            ╰───────────────────────────────────────────────────────────────────── ↓ more ─╯
             ✗ Not saved: the engine has orders v5, newer than v3 your edits start from
             ↑↓ move  Esc back                                  Ctrl-S save  ? help  q quit
            """)
        let buffer = WorkbenchView.render(state, glyphs: .unicode)
        #expect(buffer.runs(of: .statusFailed, line: 2).map(\.text).first?.hasPrefix("- v5 in the engine") == true)
        // Esc: back to the question, which is still open.
        state.press(.escape)
        #expect(state.prompt?.title == "Version conflict")
    }

    @Test func theDifferenceScrollsAndWrapsLongLines() throws {
        var state = try DesignerFixtures.webhookDesigner()
        state.press(.down, .enter)
        state.press(.ctrl("u"))
        state.type(String(repeating: "long ", count: 30))
        state.press(.escape)
        guard case .save(let request)? = state.press(.ctrl("s")).first else { Issue.record("no save"); return }
        _ = state.update(try Self.conflict(request))
        state.press(.character("s"))
        let screen = try #require(state.top as? DifferenceScreen)
        let text = state.text()
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(text.contains("│ +       \"inputs\": \"long long long"), "\(text)")
        #expect(text.contains("│ + ng long long"), "a long line wraps, each piece marked")
        #expect(screen.pager.scroll == 0)
        state.press(.character("G"))
        #expect((state.top as? DifferenceScreen)?.pager.scroll ?? 0 > 0)
        #expect(state.text().contains("end"))
        state.press(.character("g"))
        #expect((state.top as? DifferenceScreen)?.pager.scroll == 0)
    }
}

extension WorkflowDefinition {
    /// The definition without one top-level action.
    func withoutStep(_ name: String) -> WorkflowDefinition {
        var json = self.json
        var actions = json["actions"]?.objectValue ?? JSONObject()
        actions[name] = nil
        json["actions"] = .object(actions)
        return WorkflowDefinition(json: json)
    }
}
