import Foundation
import HookflowModel
import HookflowTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The designer as a user runs it: the real binary in a real terminal (tmux), keys only, an
/// engine in the designer's process, and a fake webhook service on loopback receiving the
/// subscribe and unsubscribe calls.
@Suite(.enabled(if: TmuxSession.shouldRun, "needs tmux (install it, or set CI=true to make these tests fail without it)"))
struct DesignerEndToEndTests {
    /// A temporary folder holding the data folder (`data/`), the session's script and what it records.
    final class Workspace {
        let folder: TemporaryFolder
        let fake: FakeWebhookService
        var data: String { folder.url.appendingPathComponent("data").path }

        init() async throws {
            folder = try TemporaryFolder()
            fake = try await FakeWebhookService.start()
        }

        /// Starts `hookflow ARGUMENTS` in tmux through a script that records the terminal settings
        /// before and after (`stty-before`, `stty-after`), the designer's pid (`pid`), and its exit
        /// status (`exit-status`, also printed as `exit=N`).
        func startDesigner(_ arguments: [String], width: Int = 120, height: Int = 40) throws -> TmuxSession {
            let folderPath = folder.url.path
            let command = ([HookflowBinary.url.path] + arguments).map(TmuxSession.quote).joined(separator: " ")
            let script = """
                cd \(TmuxSession.quote(folderPath))
                stty -a > stty-before
                sh -c 'echo $$ > pid; exec "$@"' sh \(command)
                status=$?
                stty -a > stty-after
                echo "exit=$status"
                echo "$status" > exit-status
                exec sleep 120
                """
            return try TmuxSession(script: script, width: width, height: height, in: folder.url)
        }

        func file(_ name: String) -> String? { try? String(contentsOf: folder.url.appendingPathComponent(name), encoding: .utf8) }

        /// Runs `body` in a new workspace and stops its fake service whatever `body` did.
        static func with(_ body: (Workspace) async throws -> Void) async throws {
            let workspace = try await Workspace()
            do { try await body(workspace) } catch {
                await workspace.fake.stop()
                throw error
            }
            await workspace.fake.stop()
        }
    }

    // MARK: - A new app, from the first key to quitting

    @Test(.timeLimit(.minutes(1)))
    func buildSaveToggleResizeAndQuitANewWebhookApp() async throws {
        try await Workspace.with { workspace in
            let session = try workspace.startDesigner(["design", "--data", workspace.data])
            defer { session.close() }

            // 1. An empty data folder: a new app, with the trigger slot selected.
            let first = try await session.waitFor("the new app screen") { $0.contains("+ Add a trigger") }
            #expect(first.split(separator: "\n").first?.contains("untitled") == true, "the new app is named untitled")
            let slot = first.split(separator: "\n").first { $0.contains("+ Add a trigger") } ?? ""
            #expect(slot.contains("▸"), "+ Add a trigger is selected:\n\(TmuxSession.framed(first))")
            let record = try #require(workspace.file("data/engine.json"), "the designer's engine records itself like hookflow serve")
            let recordedURL = try JSONParser.parse(record)["url"]?.stringValue ?? ""
            #expect(recordedURL.hasPrefix("http://127.0.0.1:"), "\(record)")

            // 2. The trigger palette, searched.
            try session.sendKeys("Enter")
            try await session.waitFor("the trigger palette") { $0.contains("HTTP Webhook") }
            try session.type("webhook")
            try await session.waitFor("the search text") { $0.contains("webhook") }
            try session.sendKeys("Enter")
            try await session.waitFor("the HTTP Webhook form") { $0.contains("HTTP_Webhook") && $0.contains("Subscribe - Method") }

            // 3. The four required fields.
            try session.sendKeys("Enter")
            try session.type("post")
            try session.sendKeys("Enter")
            try await session.waitFor("POST chosen for Subscribe - Method") { $0.contains("POST") }
            try session.sendKeys("Tab")
            try session.type(workspace.fake.url("/subscribe"))
            try session.sendKeys("Tab")
            try session.sendKeys("Enter")
            try session.type("post")
            try session.sendKeys("Enter")
            try session.sendKeys("Tab")
            try session.type(workspace.fake.url("/unsubscribe"))
            try await session.waitFor("the unsubscribe URI typed") { $0.contains("/unsubscribe") }
            try session.sendKeys("Escape")
            try await session.waitFor("the form closed") { !$0.contains("Subscribe - Method") && $0.contains("HTTP_Webhook") }

            // 4. A Compose action after the trigger.
            try session.sendKeys("a")
            try await session.waitFor("the action palette") { $0.contains("Compose") }
            try session.type("compose")
            try session.sendKeys("Enter")
            try await session.waitFor("the Compose form") { $0.contains("Inputs") }
            try session.type("@triggerBody()")
            try await session.waitFor("the inputs typed") { $0.contains("@triggerBody()") }
            try session.sendKeys("Escape")
            try await session.waitFor("the Compose form closed") { !$0.contains("Inputs") && $0.contains("Compose") }

            // 5. Ctrl-S publishes: the trigger subscribes with its signed callback URL.
            try session.sendKeys("C-s")
            try await session.waitFor("the subscribe result", timeout: .seconds(15)) { $0.contains("Subscribed") }
            let subscribes = workspace.fake.requests(to: "/subscribe")
            #expect(subscribes.count == 1)
            let subscribe = try #require(subscribes.first)
            #expect(subscribe.method == "POST")
            let callbackURL = try #require(subscribe.json?["callbackUrl"]?.stringValue, "body: \(subscribe.text)")
            #expect(callbackURL.hasPrefix("http://127.0.0.1:"), "\(callbackURL)")
            #expect(callbackURL.contains("/workflows/untitled/triggers/HTTP_Webhook/run?"), "\(callbackURL)")
            #expect(callbackURL.contains("sig="), "\(callbackURL)")
            #expect(subscribe.header("x-ms-workflow-name") == "untitled")

            // 6. t disables: the trigger unsubscribes.
            try session.sendKeys("t")
            try await session.waitFor("Disabled in the header", timeout: .seconds(15)) { Self.header($0).contains("Disabled") }
            let unsubscribes = try await workspace.fake.waitForRequests(to: "/unsubscribe")
            #expect(unsubscribes.first?.method == "POST")

            // 7. 80×24 still shows both cards.
            try session.resize(width: 80, height: 24)
            let small = try await session.waitFor("the 80×24 frame") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.count <= 25 && lines.allSatisfy { $0.count <= 80 } && screen.contains("HTTP_Webhook") && screen.contains("Compose")
            }
            #expect(Self.header(small).contains("Disabled"))

            // 8. Everything is saved: q quits at once, with status 0, and the engine's record is gone.
            try session.sendKeys("q")
            let status = try await session.waitForFile("exit-status")
            #expect(status == "0\n", "the screen was:\n\(TmuxSession.framed((try? session.capture()) ?? ""))")
            #expect(workspace.file("data/engine.json") == nil, "the designer's engine releases engine.json")
            let log = workspace.file("data/hookflow.log") ?? ""
            #expect(log.contains("listening on http://127.0.0.1:"), "the in-process engine logs to hookflow.log: \(log)")
        }
    }

    // MARK: - The terminal is given back

    @Test(.timeLimit(.minutes(1)))
    func quittingRestoresTheTerminal() async throws {
        try await Workspace.with { workspace in
            let session = try workspace.startDesigner(["design", "--data", workspace.data])
            defer { session.close() }
            try await session.waitFor("the designer") { $0.contains("+ Add a trigger") }

            try session.sendKeys("q")
            let screen = try await session.waitFor("the shell after the designer") { $0.contains("exit=") }
            #expect(screen.contains("exit=0"))
            #expect(!screen.contains("Add a trigger"), "the alternate screen is left:\n\(TmuxSession.framed(screen))")
            let before = try #require(workspace.file("stty-before")), after = try #require(workspace.file("stty-after"))
            #expect(after == before, "stty -a differs after quitting")
            let settings = Set(after.split(whereSeparator: { $0.isWhitespace || $0 == ";" }).map(String.init))
            #expect(settings.isSuperset(of: ["echo", "icanon", "isig"]), "echo, canonical mode and signals are back: \(after)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func sigtermRestoresTheTerminal() async throws {
        try await Workspace.with { workspace in
            let session = try workspace.startDesigner(["design", "--data", workspace.data])
            defer { session.close() }
            try await session.waitFor("the designer") { $0.contains("+ Add a trigger") }
            let pidText = try #require(workspace.file("pid")?.trimmingCharacters(in: .whitespacesAndNewlines))
            let pid = try #require(Int32(pidText))

            #expect(kill(pid, SIGTERM) == 0)
            let status = try await session.waitForFile("exit-status")
            #expect(status == "143\n")
            let screen = try session.capture()
            #expect(screen.contains("exit=143"))
            #expect(!screen.contains("Add a trigger"), "the alternate screen is left:\n\(TmuxSession.framed(screen))")
            #expect(workspace.file("stty-after") == workspace.file("stty-before"), "stty -a differs after SIGTERM")
        }
    }

    // MARK: - A workflow of a Standard project

    /// `hookflow design app/orders`: the workflow is validated with the project's parameters
    /// (no problem shown), Ctrl-S writes only its workflow.json (the project's other files stay
    /// byte for byte) and publishes it bound: the subscribe goes to the URL that
    /// local.settings.json gives through parameters.json's `@appsetting('SERVICE_BASE')`.
    @Test(.timeLimit(.minutes(1)))
    func savingAProjectsWorkflowWritesOnlyItsFileAndPublishesItBound() async throws {
        try await Workspace.with { workspace in
            try ProjectCommandsTests.writeProject(in: workspace.folder, fake: workspace.fake)
            let project = workspace.folder.url.appendingPathComponent("app")
            let before = try ProjectCommandsTests.snapshot(project)
            let session = try workspace.startDesigner(["design", "app/orders", "--data", workspace.data])
            defer { session.close() }

            let opened = try await session.waitFor("the project's workflow") { $0.contains("orders") && $0.contains("Webhook") && $0.contains("Say") }
            #expect(!opened.contains("problem"), "the project's parameters are declared:\n\(TmuxSession.framed(opened))")
            // Duplicate Say: an edit of the workflow file only.
            try session.sendKeys("j")
            try session.sendKeys("y")
            try await session.waitFor("the duplicate") { $0.contains("Say_2") }
            try session.sendKeys("C-s")
            try await session.waitFor("the subscribe result", timeout: .seconds(15)) { $0.contains("Subscribed") }
            let subscribe = try #require(workspace.fake.requests(to: "/subscribe").first)
            #expect(subscribe.json?["topic"] == "orders")

            let after = try ProjectCommandsTests.snapshot(project)
            let file = project.appendingPathComponent("orders/workflow.json").path
            #expect(after.keys.sorted() == before.keys.sorted(), "no file added or removed")
            for (path, data) in before where path != file {
                #expect(after[path] == data, "\(path) is unchanged")
            }
            let saved = try WorkflowDocument.read(try #require(workspace.file("app/orders/workflow.json")))
            #expect(saved.definition.step(named: "Say_2") != nil)
            #expect(saved.definition.json["parameters"] == nil, "the project's parameters stay in parameters.json")
            #expect(saved.kind == "Stateful")
        }
    }

    // MARK: - A workflow file

    @Test(.timeLimit(.minutes(1)))
    func savingAFileRewritesItInItsShapeAndPublishesIt() async throws {
        try await Workspace.with { workspace in
            let original = Self.ordersFile(workspace.fake)
            let file = try workspace.folder.write("orders/workflow.json", original)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
            let session = try workspace.startDesigner(["design", "orders/workflow.json", "--data", workspace.data])
            defer { session.close() }

            try await session.waitFor("the file's workflow") { $0.contains("orders") && $0.contains("Webhook") && $0.contains("Say") }
            // The trigger is selected: add a Compose action after it.
            try session.sendKeys("a")
            try await session.waitFor("the action palette") { $0.contains("Add an action") }
            try session.type("compose")
            try session.sendKeys("Enter")
            try await session.waitFor("the Compose form") { $0.contains("Inputs") }
            try session.type("@triggerBody()?['id']")
            try await session.waitFor("the inputs typed") { $0.contains("@triggerBody()?['id']") }
            try session.sendKeys("Escape")
            try await session.waitFor("the Compose form closed") { !$0.contains("Inputs") }

            try session.sendKeys("C-s")
            try await session.waitFor("the subscribe result", timeout: .seconds(15)) { $0.contains("Subscribed") }
            #expect(workspace.fake.requests(to: "/subscribe").count == 1)

            // The file: rewritten in its own shape, the new step in, nothing else lost.
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.hasPrefix("{\n    \"definition\": {\n        \"$schema\""), "the file's indentation is kept:\n\(text)")
            let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(permissions == 0o640, "the file keeps its permissions")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
            #expect(leftovers == ["workflow.json"], "no temporary file is left behind")
            let saved = try WorkflowDocument.read(text)
            #expect(saved.shape == .standard)
            #expect(saved.kind == "Stateful")
            #expect(saved.definition.json["x-team-notes"] == JSONValue.string("kept as is"))
            let actions = try #require(saved.definition.json["actions"]?.objectValue)
            #expect(actions["Compose"]?["type"]?.stringValue == "Compose")
            #expect(actions["Compose"]?["inputs"]?.stringValue == "@triggerBody()?['id']")
            #expect(actions["Say"]?["type"]?.stringValue == "Compose")
            let before = try WorkflowDocument.read(original)
            #expect(saved.definition.json["triggers"] == before.definition.json["triggers"], "the trigger is unchanged")

            // Published: other commands reach the designer's engine through engine.json.
            let list = try await HookflowBinary.launch(["list", "--data", workspace.data, "--json"])
            #expect(list.status == 0, "\(list.stderr)")
            let apps = try JSONParser.parse(list.stdout)["value"]?.arrayValue ?? []
            #expect(apps.map { $0["name"]?.stringValue } == ["orders"])
            #expect(apps.first?["state"]?.stringValue == "Enabled")

            // The app is enabled and its callbacks come to the designer's own engine: q asks first.
            try session.sendKeys("q")
            try await session.waitFor("the question about callbacks") { $0.contains("─ Quit ─") && $0.contains("q Quit") }
            try session.sendKeys("q")
            #expect(try await session.waitForFile("exit-status") == "0\n")
            let after = try session.capture()
            #expect(after.contains("callbacks to orders go unanswered until"), "the shell is told what quitting stopped:\n\(TmuxSession.framed(after))")
        }
    }

    // MARK: - A static result

    /// Issue 12: the step form switches a static result on (Settings tab), the card says so, and
    /// Ctrl-S writes Logic Apps' link and result into the file.
    @Test(.timeLimit(.minutes(1)))
    func aStaticResultSwitchedOnInTheFormIsMarkedAndSaved() async throws {
        try await Workspace.with { workspace in
            let file = try workspace.folder.write("orders/workflow.json", """
                {"definition": {
                   "triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {"method": "POST"}}},
                   "actions": {"Call_shop": {"type": "Http", "inputs": {"method": "GET", "uri": "https://shop.invalid/orders"}, "runAfter": {}}}},
                 "kind": "Stateful"}
                """)
            let session = try workspace.startDesigner(["design", "orders/workflow.json", "--data", workspace.data], width: 80, height: 24)
            defer { session.close() }
            try await session.waitFor("the file's workflow") { $0.contains("Call_shop") }
            try session.sendKeys("Down")
            try session.sendKeys("Enter")
            try await session.waitFor("Call_shop's form") { $0.contains("[Parameters]") }
            try session.sendKeys("C-t")
            try await session.waitFor("the Settings tab") { $0.contains("[Settings]") && $0.contains("Static result") }
            // Timeout, Retry policy, Secure inputs, Secure outputs, then the static result's switch.
            for _ in 0..<4 { try session.sendKeys("Tab") }
            try session.sendKeys("Space")
            let form = try await session.waitFor("the static result's fields") { $0.contains("Static result   [x]") && $0.contains("Status code") }
            #expect(form.contains("Succeeded"), "\(TmuxSession.framed(form))")
            try session.sendKeys("Escape")
            let canvas = try await session.waitFor("the card marked") { !$0.contains("[Settings]") && $0.contains("static result") }
            #expect(canvas.contains("╰─ static result ─"), "\(TmuxSession.framed(canvas))")

            try session.sendKeys("C-s")
            try await session.waitFor("the save", timeout: .seconds(15)) { $0.contains("Saved v1") }
            let saved = try WorkflowDocument.read(try String(contentsOf: file, encoding: .utf8)).definition
            #expect(saved.step(named: "Call_shop")?.json["runtimeConfiguration"] == ["staticResult": ["name": "Call_shop0", "staticResultOptions": "Enabled"]])
            #expect(saved.staticResult(named: "Call_shop0")?["status"] == "Succeeded")
            #expect(saved.staticResult(named: "Call_shop0")?["outputs"]?["statusCode"] == 200)

            try session.sendKeys("q")
            try await session.waitFor("the question about callbacks") { $0.contains("─ Quit ─") }
            try session.sendKeys("q")
            #expect(try await session.waitForFile("exit-status") == "0\n")
        }
    }

    // MARK: - Starting on the app list

    @Test(.timeLimit(.minutes(1)))
    func designAppsStartsOnTheAppListAndOpensTheChosenApp() async throws {
        try await Workspace.with { workspace in
            try workspace.folder.write("orders/workflow.json", WorkflowFixtures.webhook(workspace.fake))
            let published = try await HookflowBinary.launch(["publish", "orders/workflow.json", "--data", workspace.data], in: workspace.folder.url)
            #expect(published.status == 0, "\(published.stderr)")

            let session = try workspace.startDesigner(["design", "--apps", "--data", workspace.data])
            defer { session.close() }
            let apps = try await session.waitFor("the app list") { Self.header($0).contains("Apps") && $0.contains("orders") }
            #expect(Self.header(apps).contains("engine: in-process http://127.0.0.1:"), "\(Self.header(apps))")

            // Enter opens the selected app in the designer, fetched from the engine.
            try session.sendKeys("Enter")
            let designer = try await session.waitFor("the designer on orders") { Self.header($0).contains("orders") && $0.contains("Say") }
            #expect(designer.contains("Webhook"))
            try session.sendKeys("q")
            try await session.waitFor("the question about callbacks") { $0.contains("─ Quit ─") }
            try session.sendKeys("q")
            #expect(try await session.waitForFile("exit-status") == "0\n")
        }
    }

    // MARK: - A newer version saved from elsewhere

    /// SPEC §3 Versions: the designer has v1 open, `hookflow publish` stores v2 meanwhile, and the
    /// designer's Ctrl-S is refused and asks; the difference shows both sides; Overwrite stores the
    /// designer's version as v3. Its calls get no answer, so the save says Subscribing, and
    /// quitting right then does not wait for them.
    @Test(.timeLimit(.minutes(2)))
    func aSaveOverANewerVersionAsksShowsTheDifferenceAndOverwrites() async throws {
        try await Workspace.with { workspace in
            defer {
                workspace.fake.release("/subscribe")
                workspace.fake.release("/unsubscribe")
            }
            try workspace.folder.write("orders/workflow.json", WorkflowFixtures.webhook(workspace.fake))
            let first = try await HookflowBinary.launch(["publish", "orders/workflow.json", "--data", workspace.data], in: workspace.folder.url)
            #expect(first.status == 0, "\(first.stderr)")

            let session = try workspace.startDesigner(["design", "--app", "orders", "--data", workspace.data])
            defer { session.close() }
            try await session.waitFor("the designer on orders v1") { Self.header($0).contains("orders") && $0.contains("Say") && $0.contains("Subscribed") }

            // v2 from elsewhere, through the designer's own engine: another subscribe URI, another Say.
            let v2 = WorkflowFixtures.webhook(workspace.fake).replacingOccurrences(of: "/subscribe\"", with: "/subscribe-v2\"")
                .replacingOccurrences(of: #""inputs": "@triggerBody()""#, with: #""inputs": "@triggerBody()?['id']""#)
            try workspace.folder.write("v2/workflow.json", v2)
            let second = try await HookflowBinary.launch(["publish", "v2/workflow.json", "--name", "orders", "--data", workspace.data], in: workspace.folder.url)
            #expect(second.status == 0 && second.stdout.contains("orders v2"), "\(second.stdout)\(second.stderr)")

            // The designer's edit (Say duplicated) and Ctrl-S: refused, and the question says why.
            // From now on the service answers no call (v2's unsubscribe, v3's subscribe).
            workspace.fake.hold("/subscribe")
            workspace.fake.hold("/unsubscribe")
            try session.sendKeys("Down")
            try session.sendKeys("y")
            try await session.waitFor("Say duplicated") { $0.contains("Say_2") && $0.contains("unsaved") }
            try session.sendKeys("C-s")
            let question = try await session.waitFor("the version question", timeout: .seconds(20)) { $0.contains("─ Version conflict ─") }
            #expect(question.contains("The engine has orders v2, newer than v1 your edits start from"), "\(TmuxSession.framed(question))")
            #expect(question.contains("r Reload v2") && question.contains("s Show difference") && question.contains("o Overwrite") && question.contains("c Cancel"))

            // The difference: the engine's lines (-) against the designer's (+); Esc comes back.
            try session.sendKeys("s")
            // Waits for the whole page, not the header alone: tmux can show a screen half redrawn.
            let difference = try await session.waitFor("the difference") { screen in
                let lines = screen.split(separator: "\n").map(String.init)
                return Self.header(screen).contains("Difference · orders")
                    && lines.contains { $0.contains("│ -") && $0.contains("/subscribe-v2") }
                    && lines.contains { $0.contains("│ +") && $0.contains("/subscribe\"") }
                    && lines.contains { $0.contains("│ -") && $0.contains("@triggerBody()?['id']") }
            }
            #expect(difference.contains("- v2 in the engine") && difference.contains("+ yours, edited from v1"), "\(TmuxSession.framed(difference))")
            try session.sendKeys("Escape")
            try await session.waitFor("the question again") { $0.contains("─ Version conflict ─") && !Self.header($0).contains("Difference") }

            // Overwrite: stored as v3, the subscribe under way.
            try session.sendKeys("o")
            let saved = try await session.waitFor("the overwrite saved", timeout: .seconds(30)) { $0.contains("Saved v3") }
            #expect(saved.contains("Saved v3 · Webhook: Subscribing"), "a subscribe with no answer yet is progress:\n\(TmuxSession.framed(saved))")
            #expect(saved.contains("✓ Saved v3"), "not an error")
            #expect(!saved.contains("─ Version conflict ─") && !Self.header(saved).contains("unsaved"))
            let export = try await HookflowBinary.launch(["export", "orders", "--data", workspace.data], in: workspace.folder.url)
            #expect(export.status == 0, "\(export.stderr)")
            let stored = try WorkflowDocument.read(export.stdout).definition
            #expect(stored.step(named: "Say_2") != nil, "the engine has the designer's version:\n\(export.stdout)")
            #expect(stored.json["triggers"]?["Webhook"]?["inputs"]?["subscribe"]?["uri"]?.stringValue == workspace.fake.url("/subscribe"))
            let list = try await HookflowBinary.launch(["list", "--data", workspace.data, "--json"])
            let apps = try JSONParser.parse(list.stdout)["value"]?.arrayValue ?? []
            #expect(apps.first?["version"] == 3, "\(list.stdout)")

            // Quitting while the subscribe still has no answer: the engine stops its call and the designer leaves.
            try session.sendKeys("q")
            try await session.waitFor("the question about callbacks") { $0.contains("─ Quit ─") }
            try session.sendKeys("q")
            #expect(try await session.waitForFile("exit-status", timeout: .seconds(20)) == "0\n")
        }
    }

    /// The screen's first line.
    static func header(_ screen: String) -> String { String(screen.split(separator: "\n").first ?? "") }

    /// A Standard workflow.json with a webhook trigger at `fake`, a Compose action, and a key Hookflow does not know.
    static func ordersFile(_ fake: FakeWebhookService) -> String {
        """
        {
            "definition": {
                "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
                "contentVersion": "1.0.0.0",
                "x-team-notes": "kept as is",
                "triggers": {
                    "Webhook": {
                        "type": "HttpWebhook",
                        "inputs": {
                            "subscribe": {"method": "POST", "uri": "\(fake.url("/subscribe"))", "body": {"callbackUrl": "@{listCallbackUrl()}"}},
                            "unsubscribe": {"method": "POST", "uri": "\(fake.url("/unsubscribe"))"}
                        }
                    }
                },
                "actions": {
                    "Say": {"type": "Compose", "inputs": "@triggerBody()", "runAfter": {}}
                },
                "outputs": {}
            },
            "kind": "Stateful"
        }
        """
    }
}
