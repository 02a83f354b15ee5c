import Foundation
import HookflowModel
import HookflowTestSupport
import Testing

/// The keys of issue 13 as a user presses them, in a real terminal (tmux) with
/// `TERM=xterm-256color`: Home and End as PuTTY and tmux send them (`ESC[1~`, `ESC[4~`, which that
/// terminfo entry does not list), undo, a parallel branch, an invalid body that must not be saved,
/// a save with no edits that writes nothing, Ctrl-Z and Ctrl-C, and a name that could be a file or an app.
@Suite(.enabled(if: TmuxSession.shouldRun, "needs tmux (install it, or set CI=true to make these tests fail without it)"))
struct DesignerKeysEndToEndTests {
    typealias Workspace = DesignerEndToEndTests.Workspace

    static let home = "\u{1B}[1~"
    static let end = "\u{1B}[4~"

    @Test(.timeLimit(.minutes(1)))
    func keysThatNeverLoseWork() async throws {
        try await Workspace.with { workspace in
            let original = DesignerEndToEndTests.ordersFile(workspace.fake)
            let file = try workspace.folder.write("orders/workflow.json", original)
            let session = try workspace.startDesigner(["design", "--file", "orders/workflow.json", "--data", workspace.data])
            defer { session.close() }
            try await session.waitFor("the file's workflow") { $0.contains("Webhook") && $0.contains("Say") }

            // 1. Ctrl-S with no edits publishes the app (the engine has no version yet) and leaves the file as it was.
            try session.sendKeys("C-s")
            try await session.waitFor("the subscribe result", timeout: .seconds(15)) { $0.contains("Saved v1") }
            #expect(try String(contentsOf: file, encoding: .utf8) == original, "a save with no edits writes nothing")
            try session.sendKeys("C-s")
            try await session.waitFor("nothing to save") { $0.contains("Nothing to save: no changes since v1") }

            // 2. Home and End in a form field move the cursor; the form stays open, nothing typed is lost.
            try session.sendKeys("j", "Enter")
            try await session.waitFor("Say's form") { $0.contains("Say · Compose") && $0.contains("@triggerBody()") }
            try session.type(Self.home)
            try session.type("X")
            try session.type(Self.end)
            try session.type("Y")
            try await session.waitFor("X at the start, Y at the end") { $0.contains("X@triggerBody()Y") && $0.contains("Say · Compose") }
            try session.sendKeys("Escape")
            try await session.waitFor("the form closed") { !$0.contains("Say · Compose") && $0.contains("● unsaved") }

            // 3. u undoes the form's edit: the unsaved mark goes, the content is as saved.
            try session.sendKeys("u")
            try await session.waitFor("the edit undone") { $0.contains("Undid the edit of Say's Inputs") && !$0.contains("● unsaved") }

            // 4. A parallel branch beside Say: a Compose that runs after the trigger too.
            try session.sendKeys("p")
            try await session.waitFor("the parallel palette") { $0.contains("Add a parallel branch beside Say") }
            try session.type("compose")
            try session.sendKeys("Enter")
            try await session.waitFor("the new step's form") { $0.contains("Compose · Compose") }

            // 5. A body that starts like JSON and does not parse: marked, and after Esc Ctrl-S refuses to save it.
            try session.type("{\"total\": ")
            try await session.waitFor("the JSON problem") { $0.contains("Inputs is not valid JSON") }
            try session.sendKeys("Escape")
            try await session.waitFor("back on the canvas") { !$0.contains("Compose · Compose") && $0.contains("✗ 1") }
            try session.sendKeys("C-s")
            try await session.waitFor("the refusal naming the field") { $0.contains("Not saved: 1 problem to fix first. /actions/Compose/inputs: Inputs is not valid") }
            #expect(try String(contentsOf: file, encoding: .utf8) == original, "nothing was written")
            #expect(workspace.fake.requests(to: "/subscribe").count == 1, "nothing was published")

            // 6. Fixed (the text undone), the save writes the branch, and only the lines it changes.
            try session.sendKeys("u")
            try await session.waitFor("the text undone") { $0.contains("Undid the edit of Compose's Inputs") }
            try session.sendKeys("C-s")
            try await session.waitFor("saved v2", timeout: .seconds(15)) { $0.contains("Saved v2") }
            let written = try String(contentsOf: file, encoding: .utf8)
            let saved = try WorkflowDocument.read(written)
            #expect(saved.definition.step(named: "Compose")?.runAfter.isEmpty == true, "beside Say: after the trigger")
            #expect(saved.definition.actions.map(\.name) == ["Say", "Compose"])
            let before = original.split(separator: "\n", omittingEmptySubsequences: false)
            let after = written.split(separator: "\n", omittingEmptySubsequences: false)
            let say = #"            "Say": {"type": "Compose", "inputs": "@triggerBody()", "runAfter": {}}"#
            #expect(before.filter { !after.contains($0) } == [Substring(say)], "every other line is kept as it was:\n\(written)")
            #expect(after.contains(Substring(say + ",")), "the untouched one-line step stays on one line:\n\(written)")

            // 7. Ctrl-Z would stop the designer's own engine: refused, with what to do instead.
            try session.sendKeys("C-z")
            try await session.waitFor("Ctrl-Z refused") { $0.contains("Ctrl-Z would stop this designer's engine too") }

            // 8. Ctrl-C with unsaved changes asks like q; Cancel keeps everything; then discard and quit.
            try session.sendKeys("y")
            try await session.waitFor("a duplicate") { $0.contains("Compose_2") && $0.contains("● unsaved") }
            try session.sendKeys("C-c")
            try await session.waitFor("the unsaved question") { $0.contains("Unsaved changes") && $0.contains("d Discard and quit") }
            try session.sendKeys("c")
            try await session.waitFor("back, nothing lost") { !$0.contains("Unsaved changes") && $0.contains("Compose_2") }
            try session.sendKeys("C-c")
            try await session.waitFor("the question again") { $0.contains("Unsaved changes") }
            try session.sendKeys("d")
            #expect(try await session.waitForFile("exit-status") == "0\n")
            #expect(!(try String(contentsOf: file, encoding: .utf8)).contains("Compose_2"), "discarded")
        }
    }

    /// `hookflow design orders` with a folder `orders/` here: it says it could be both and asks.
    @Test(.timeLimit(.minutes(1)))
    func aNameThatIsAlsoAFolderIsAskedAbout() async throws {
        try await Workspace.with { workspace in
            try workspace.folder.write("orders/workflow.json", DesignerEndToEndTests.ordersFile(workspace.fake))
            let session = try workspace.startDesigner(["design", "orders", "--data", workspace.data])
            defer { session.close() }
            try await session.waitFor("the question") {
                $0.contains("\"orders\" could be the file orders/workflow.json or the app orders in the engine") && $0.contains("[f/a]")
            }
            try session.type("a")
            try session.sendKeys("Enter")
            // The app: new in this data folder, so the designer starts it empty (not the file's steps).
            let designer = try await session.waitFor("the app orders") { $0.contains("+ Add a trigger") }
            #expect(DesignerEndToEndTests.header(designer).contains("orders │"))
            #expect(!designer.contains("workflow.json"))
            try session.sendKeys("q")
            #expect(try await session.waitForFile("exit-status") == "0\n")
        }
    }
}
