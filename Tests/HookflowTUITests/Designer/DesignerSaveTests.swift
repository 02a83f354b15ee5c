import Foundation
import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// Saving and quitting without losing work: a field marked invalid blocks the save (form open or
/// closed), a save with no edits writes nothing, a file keeps its own formatting, a lost engine is
/// said at once, and quitting (q or Ctrl-C) asks when something would be lost.
@Suite struct DesignerSaveTests {
    private static let published = WorkflowSummary(name: "orders", state: .enabled, version: 3, changedTime: "2026-11-22T10:00:00Z", triggers: [])

    /// A body that starts like JSON and does not parse stays marked after Esc, and Ctrl-S refuses
    /// to save it, naming the field; fixing it (here: undo) lets the save go.
    @Test func anInvalidJSONBodyBlocksTheSaveAfterTheFormCloses() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, width: 120, height: 40)
        state.press(.down, .enter)  // Start's form: Compose, Inputs
        state.press(.ctrl("u"), .end)
        for _ in 0..<3 { state.press(.backspace) }
        state.type("{\"a\": ")
        #expect(state.text().contains("Inputs is not valid JSON (line 1, column 7)"))
        state.press(.escape)
        #expect(state.isOnCanvas)
        #expect(state.layout.item(for: .step(.action("Start")))?.problemCount == 1, "the card keeps its mark")
        #expect(state.press(.ctrl("s")).isEmpty, "nothing is saved")
        let banner = try #require(state.banner)
        #expect(banner.isError)
        #expect(banner.text.hasPrefix("Not saved: 1 problem to fix first. /actions/Start/inputs: Inputs is not valid JSON (line 1, column 7)"), "\(banner.text)")
        // The form opens on the same text, still marked.
        state.press(.enter)
        #expect(state.text().contains("Inputs is not valid JSON (line 1, column 7)"))
        state.press(.escape, .character("u"))
        guard case .save(let request)? = state.press(.ctrl("s")).first else { Issue.record("the fixed app does not save: \(String(describing: state.banner))"); return }
        #expect(request.definition.step(named: "Start")?.json["inputs"] == 1)
    }

    /// Ctrl-S with nothing changed since the engine's version writes nothing and publishes nothing.
    @Test func aSaveWithNoEditsWritesNothing() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, published: Self.published)
        #expect(state.press(.ctrl("s")).isEmpty)
        #expect(state.banner == Banner(text: "Nothing to save: no changes since v3", isError: false))
        // An edit undone by hand is no edit either.
        state.press(.down, .character("y"), .character("u"))
        #expect(state.press(.ctrl("s")).isEmpty)
        // A file the engine already has, unchanged: nothing; the same file not published yet:
        // published, but not rewritten.
        let text = DesignerFixtures.parallelBranches
        let document = try WorkflowDocument.read(text)
        let file = URL(fileURLWithPath: "/tmp/orders.json")
        var fromFile = WorkbenchState(designer: DesignerState(
            appName: "orders", document: document, file: file, sourceText: text, published: Self.published,
            publishedDefinition: document.definition, engineDescription: "x"))
        #expect(fromFile.press(.ctrl("s")).isEmpty)
        var newApp = WorkbenchState(designer: DesignerState(appName: "orders", document: document, file: file, sourceText: text, engineDescription: "x"))
        // New to the engine: version 0; a bare definition names no kind (the engine keeps its own).
        #expect(newApp.press(.ctrl("s")) == [.save(SaveRequest(appName: "orders", definition: document.definition, state: .enabled, file: file, fileText: nil,
                                                               baseVersion: 0, kind: nil))])
    }

    /// A file opened while the engine has another version of the app says so, and Ctrl-S asks
    /// before publishing the file over it (the file itself is not rewritten).
    @Test func aFileThatDiffersFromTheEngineSaysSo() throws {
        let text = DesignerFixtures.parallelBranches
        let document = try WorkflowDocument.read(text)
        var engineCopy = document.definition
        try engineCopy.renameStep(at: .action("Join"), to: "Merge")
        var state = WorkbenchState(designer: DesignerState(
            appName: "orders", document: document, file: URL(fileURLWithPath: "/tmp/orders.json"), sourceText: text,
            published: Self.published, publishedDefinition: engineCopy, engineDescription: "x"))
        #expect(state.banner?.text == "The engine's orders (v3) differs from orders.json: Ctrl-S asks before publishing the file over it")
        #expect(state.press(.ctrl("s")).isEmpty)
        #expect(state.prompt?.title == "Publish over the engine's version")
        #expect(state.press(.character("n")).isEmpty && state.isOnCanvas, "No keeps the engine's version")
        state.press(.ctrl("s"))
        guard case .save(let request)? = state.press(.character("y")).first else { Issue.record("no save"); return }
        #expect(request.fileText == nil && request.publish)
        _ = state.update(.saved(SaveOutcome(definition: request.definition, summary: Self.published)))
        state.press(.down, .character("y"))
        guard case .save? = state.press(.ctrl("s")).first else { Issue.record("asked again after publishing"); return }
    }

    /// An edit rewrites the lines it changed and nothing else: one-line objects stay on one line.
    @Test func aFileSaveKeepsTheFilesFormatting() throws {
        let text = DesignerFixtures.webhookWithThreeActions.replacingOccurrences(of: #""uri": """#, with: #""uri": "https://approvals.example.com/s""#)
            .replacingOccurrences(of: #"{"method": "", "uri": "https://approvals.example.com/cancel"}"#,
                                  with: #"{"method": "DELETE", "uri": "https://approvals.example.com/cancel"}"#)
        let document = try WorkflowDocument.read(text)
        var state = WorkbenchState(designer: DesignerState(
            appName: "orders", document: document, file: URL(fileURLWithPath: "/tmp/orders.json"), sourceText: text, engineDescription: "x"))
        _ = state.update(.input(.resize(width: 120, height: 40)))
        state.press(.down, .enter, .end)
        state.type("?['id']")
        state.press(.escape)
        guard case .save(let request)? = state.press(.ctrl("s")).first else { Issue.record("no save: \(String(describing: state.banner))"); return }
        let written = try #require(request.fileText)
        let changed = zip(text.split(separator: "\n", omittingEmptySubsequences: false), written.split(separator: "\n", omittingEmptySubsequences: false))
            .filter { $0 != $1 }
        #expect(changed.count == 1, "one line differs: \(changed)")
        #expect(changed.first?.1.contains(#""Parse_order": {"type": "Compose", "inputs": "@triggerBody()?['id']", "runAfter": {}},"#) == true)
        // Written: the file is the new baseline, and saving again writes nothing.
        _ = state.update(.saved(SaveOutcome(definition: request.definition, fileText: written, summary: Self.published)))
        #expect(!state.isDirty)
        #expect(state.press(.ctrl("s")).isEmpty)
    }

    /// While the engine is lost, Ctrl-S says so at once: a file is still written (and published
    /// once the engine is back), an app kept only in the engine keeps its edits on screen.
    @Test func savingWhileTheEngineIsLostSaysSoAtOnce() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, published: Self.published)
        state.press(.down, .character("y"))
        _ = state.update(.connection(.lost("connection refused")))
        #expect(state.press(.ctrl("s")).isEmpty)
        #expect(state.banner == Banner(
            text: "Not saved: the engine is not answering (connection refused); your edits stay here, Ctrl-S again once it is back", isError: true))
        #expect(state.isDirty)

        let text = DesignerFixtures.parallelBranches
        let document = try WorkflowDocument.read(text)
        let file = URL(fileURLWithPath: "/tmp/orders.json")
        var fromFile = WorkbenchState(designer: DesignerState(appName: "orders", document: document, file: file, sourceText: text, engineDescription: "x"))
        _ = fromFile.update(.input(.resize(width: 80, height: 24)))
        fromFile.press(.down, .character("y"))
        _ = fromFile.update(.connection(.lost("connection refused")))
        guard case .save(let request)? = fromFile.press(.ctrl("s")).first else { Issue.record("the file is not written"); return }
        #expect(request.fileText != nil && !request.publish)
        _ = fromFile.update(.saved(SaveOutcome(definition: request.definition, fileText: request.fileText)))
        #expect(fromFile.banner?.text == "Saved to orders.json; not published: the engine is not answering (connection refused). Ctrl-S publishes once it is back")
        #expect(!fromFile.isDirty, "the file has the edits")
        _ = fromFile.update(.connection(.restored))
        guard case .save(let again)? = fromFile.press(.ctrl("s")).first else { Issue.record("not published once back"); return }
        #expect(again.fileText == nil && again.publish)
    }

    // MARK: Quitting

    /// Ctrl-C asks like q when there are unsaved changes (it used to quit at once), even from a form.
    @Test func ctrlCAsksLikeQ() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        state.press(.down, .enter)
        state.type("9")
        #expect(state.press(.ctrl("c")).isEmpty)
        #expect(state.prompt?.title == "Unsaved changes")
        #expect(!state.hasQuit)
        state.press(.character("c"))
        #expect(state.form != nil, "Cancel goes back to the form")
        state.press(.ctrl("c"), .character("d"))
        #expect(state.hasQuit)
        var clean = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        #expect(clean.press(.ctrl("c")) == [.quit])
    }

    /// With the engine in the designer, quitting an enabled published app says its callbacks go
    /// unanswered and names hookflow serve; a second q quits.
    @Test func quittingTheEngineInTheDesignerWarnsAboutCallbacks() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, published: Self.published, inProcess: true)
        #expect(state.press(.character("q")).isEmpty)
        let prompt = try #require(state.prompt)
        #expect(prompt.title == "Quit")
        #expect(prompt.message.contains("callbacks to your apps go unanswered until it runs again (hookflow serve keeps them answered)"))
        #expect(state.press(.character("q")) == [.quit])
        // Not in-process, or nothing published: no question.
        var attached = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, published: Self.published)
        #expect(attached.press(.character("q")) == [.quit])
        var unpublished = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, inProcess: true)
        #expect(unpublished.press(.character("q")) == [.quit])
    }

    /// Ctrl-Z with the engine in the designer would stop it too: refused, with what to do instead.
    @Test func ctrlZIsRefusedWhileTheDesignerRunsTheEngine() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, inProcess: true)
        #expect(state.press(.ctrl("z")).isEmpty)
        #expect(state.banner == Banner(
            text: "Ctrl-Z would stop this designer's engine too, and callbacks would go unanswered: run hookflow serve in another terminal first, or quit with q",
            isError: true))
        var attached = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        #expect(attached.press(.ctrl("z")) == [.suspend])
    }
}
