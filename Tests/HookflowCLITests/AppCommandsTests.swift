import Foundation
import HookflowModel
import HookflowTestSupport
import Testing

/// publish, list, show, export, enable, disable, delete and callback-url as a user runs them,
/// each with the engine opened in the command's own process and a real fake service on loopback.
@Suite(.serialized)
struct AppCommandsTests {
    /// A temporary folder holding the workflow files and, under `data/`, the data folder.
    final class Workspace {
        let folder: TemporaryFolder
        let fake: FakeWebhookService
        var data: String { folder.url.appendingPathComponent("data").path }

        init() async throws {
            folder = try TemporaryFolder()
            fake = try await FakeWebhookService.start()
        }

        /// Runs `hookflow ARGUMENTS --data DATA` in the workspace.
        func run(_ arguments: [String]) async throws -> HookflowBinary.Result {
            try await HookflowBinary.launch(arguments + ["--data", data], in: folder.url)
        }

        func publishOrders() async throws -> HookflowBinary.Result {
            try folder.write("orders/workflow.json", WorkflowFixtures.webhook(fake))
            return try await run(["publish", "orders/workflow.json"])
        }

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

    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func publishSubscribesWithTheTriggersCallbackURL() async throws {
        try await Workspace.with { workspace in

            let published = try await workspace.publishOrders()
            #expect(published.status == 0, "\(published.stderr)")
            #expect(published.stdout == "published orders v1 (Enabled)\n  Webhook: Subscribed\n")
            #expect(published.stderr == "")

            let subscribe = try #require(workspace.fake.requests(to: "/subscribe").first)
            #expect(subscribe.method == "POST")
            #expect(subscribe.header("x-ms-workflow-name") == "orders")
            #expect(subscribe.header("x-api-key") == "s3cret")
            let callback = try await workspace.run(["callback-url", "orders"])
            #expect(callback.status == 0)
            let url = callback.stdout.trimmingCharacters(in: .newlines)
            #expect(callback.stdout == url + "\n", "only the URL, for $(...)")
            #expect(url.hasPrefix("http://127.0.0.1:7071/workflows/orders/triggers/Webhook/run?api-version=2016-10-01&sp=%2Ftriggers%2FWebhook%2Frun&sv=1.0&sig="))
            #expect(subscribe.json?["callbackUrl"]?.stringValue == url)
        }
    }

    @Test func publishingAnInvalidDefinitionPrintsEveryProblemAndSavesNothing() async throws {
        try await Workspace.with { workspace in
            try workspace.folder.write("orders/workflow.json", WorkflowFixtures.broken)

            let result = try await workspace.run(["publish", "orders/workflow.json"])
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(Self.lines(result.stderr) == [
                "orders/workflow.json:/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI is required",
                "hookflow: the definition has 1 problem; fix them and save again",
                "",
            ])
            let list = try await workspace.run(["list"])
            #expect(list.stdout == "no apps yet; publish one with `hookflow publish FILE`\n")
        }
    }

    @Test func malformedAndMissingFilesSayWhere() async throws {
        try await Workspace.with { workspace in
            try workspace.folder.write("bad.json", "{\n  \"triggers\": {\n    \"a\": [1 2]\n  }\n}\n")

            let malformed = try await workspace.run(["publish", "bad.json"])
            #expect(malformed.status == 1)
            #expect(malformed.stderr == "bad.json:3:13: malformed JSON: expected ',' or ']' in array but found '2'\n")
            let missing = try await workspace.run(["publish", "nope.json"])
            #expect(missing.status == 1)
            #expect(missing.stderr == "nope.json: cannot read: no such file\n")
            #expect(!(malformed.stderr + missing.stderr).contains("Fatal error"))
        }
    }

    @Test func listAndShowInTextAndJSON() async throws {
        try await Workspace.with { workspace in
            let empty = try await workspace.run(["list"])
            #expect(empty.status == 0)
            #expect(empty.stdout == "no apps yet; publish one with `hookflow publish FILE`\n")
            #expect(try JSONParser.parse(try await workspace.run(["list", "--json"]).stdout) == ["value": []])

            _ = try await workspace.publishOrders()
            try workspace.folder.write("hello.json", #"{"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "actions": {}}"#)
            _ = try await workspace.run(["publish", "hello.json", "--disabled"])

            let list = try await workspace.run(["list"])
            #expect(list.status == 0)
            let rows = Self.lines(list.stdout)
            #expect(rows.count == 4)
            #expect(rows[0].hasPrefix("NAME    STATE     VERSION  CHANGED"))
            #expect(rows[0].hasSuffix("TRIGGERS"))
            #expect(rows[1].hasPrefix("hello   Disabled  1        20"))
            #expect(rows[1].hasSuffix("Z  manual (Request)"))
            #expect(rows[2].hasPrefix("orders  Enabled   1        20"))
            #expect(rows[2].hasSuffix("Z  Webhook: Subscribed"))

            let listJSON = try JSONParser.parse(try await workspace.run(["list", "--json"]).stdout)
            let apps = try #require(listJSON["value"]?.arrayValue)
            #expect(apps.map { $0["name"]?.stringValue } == ["hello", "orders"])
            #expect(apps[1]["state"] == "Enabled")
            #expect(apps[1]["version"] == 1)
            #expect(apps[1]["triggers"]?.arrayValue?.first?["subscription"]?["status"] == "Subscribed")

            let url = try await workspace.run(["callback-url", "orders"]).stdout.trimmingCharacters(in: .newlines)
            let show = try await workspace.run(["show", "orders"])
            #expect(show.status == 0)
            let shown = Self.lines(show.stdout)
            #expect(shown[0].hasPrefix("orders (Enabled, version 1, changed 20"))
            #expect(Array(shown.dropFirst()) == ["  Webhook (HttpWebhook): Subscribed", "    callback URL: \(url)", ""])
            #expect(!show.stdout.contains("s3cret"), "show prints no definition")

            let helloURL = try await workspace.run(["callback-url", "hello"]).stdout.trimmingCharacters(in: .newlines)
            let showHello = try await workspace.run(["show", "hello"])
            #expect(Array(Self.lines(showHello.stdout).dropFirst()) == ["  manual (Request)", "    callback URL: \(helloURL)", ""])

            let showJSON = try JSONParser.parse(try await workspace.run(["show", "orders", "--json"]).stdout)
            #expect(showJSON["name"] == "orders")
            #expect(showJSON["definition"] == nil)
            #expect(showJSON["triggers"]?.arrayValue?.first?["subscription"]?["callbackUrl"]?.stringValue == url)
        }
    }

    @Test func disableEnableAndDeleteReportEachTrigger() async throws {
        try await Workspace.with { workspace in
            _ = try await workspace.publishOrders()

            let disabled = try await workspace.run(["disable", "orders"])
            #expect(disabled.status == 0, "\(disabled.stderr)")
            #expect(disabled.stdout == "orders: Disabled\n  Webhook: Unsubscribed\n")
            let unsubscribe = try await workspace.fake.waitForRequests(to: "/unsubscribe")
            #expect(unsubscribe[0].json?["callbackUrl"] == workspace.fake.requests(to: "/subscribe")[0].json?["callbackUrl"])

            let enabled = try await workspace.run(["enable", "orders", "--json"])
            #expect(enabled.status == 0)
            let summary = try JSONParser.parse(enabled.stdout)
            #expect(summary["state"] == "Enabled")
            #expect(summary["results"]?.arrayValue?.first?["status"] == "Subscribed")
            #expect(workspace.fake.requests(to: "/subscribe").count == 2)

            let refused = try await workspace.run(["delete", "orders"])
            #expect(refused.status == 1)
            #expect(refused.stderr == "hookflow: not deleting \"orders\" without confirmation (stdin is not a terminal); pass --yes to delete it\n")
            #expect(workspace.fake.requests(to: "/unsubscribe").count == 1, "nothing was unsubscribed")

            let deleted = try await workspace.run(["delete", "orders", "--yes"])
            #expect(deleted.status == 0, "\(deleted.stderr)")
            #expect(deleted.stdout == "deleted orders\n  Webhook: Unsubscribed\n")
            #expect(workspace.fake.requests(to: "/unsubscribe").count == 2)
            #expect(try await workspace.run(["list"]).stdout == "no apps yet; publish one with `hookflow publish FILE`\n")
        }
    }

    @Test func exportRoundTripsTheDefinitionWithItsSecrets() async throws {
        try await Workspace.with { workspace in
            _ = try await workspace.publishOrders()
            let original = try JSONParser.parse(WorkflowFixtures.webhook(workspace.fake))

            let exported = try await workspace.run(["export", "orders"])
            #expect(exported.status == 0)
            let file = try JSONParser.parse(exported.stdout)
            #expect(file["definition"] == original["definition"])
            #expect(file["kind"] == "Stateful")
            #expect(exported.stdout.contains("s3cret"), "export carries the definition as written, secrets included")
            #expect(try await workspace.run(["export", "orders", "--json"]).stdout == exported.stdout)

            let written = try await workspace.run(["export", "orders", "--output", "copy/workflow.json"])
            #expect(written.status == 1, "the folder does not exist")
            #expect(written.stderr.hasPrefix("hookflow: cannot write copy/workflow.json: "))
            try FileManager.default.createDirectory(at: workspace.folder.url.appendingPathComponent("copy"), withIntermediateDirectories: true)
            let saved = try await workspace.run(["export", "orders", "--output", "copy/workflow.json"])
            #expect(saved.status == 0)
            #expect(saved.stdout == "")
            #expect(saved.stderr == "exported orders v1 to copy/workflow.json\n")
            #expect(try String(contentsOf: workspace.folder.url.appendingPathComponent("copy/workflow.json"), encoding: .utf8) == exported.stdout)

            // The exported file publishes as the same app (named after its folder would be "copy": name it).
            let again = try await workspace.run(["publish", "copy/workflow.json", "--name", "orders"])
            #expect(again.stdout == "published orders v2 (Enabled)\n  Webhook: Unchanged\n")
        }
    }

    @Test func theAppIsNamedAndStartedFromTheFile() async throws {
        try await Workspace.with { workspace in
            try workspace.folder.write("template.json", WorkflowFixtures.armTemplate(workspace.fake, name: "billing", state: "Disabled"))
            let arm = try await workspace.run(["publish", "template.json"])
            #expect(arm.stdout == "published billing v1 (Disabled)\n")
            #expect(workspace.fake.requests(to: "/subscribe").isEmpty, "a disabled app subscribes nothing")

            try workspace.folder.write("invoices.json", WorkflowFixtures.definitionText(workspace.fake))
            let bare = try await workspace.run(["publish", "invoices.json", "--disabled"])
            #expect(bare.stdout == "published invoices v1 (Disabled)\n")

            try workspace.folder.write("odd.json", WorkflowFixtures.armTemplate(workspace.fake, name: "[parameters('name')]", state: "Suspended"))
            let odd = try await workspace.run(["publish", "odd.json"])
            #expect(odd.status == 1)
            #expect(odd.stderr == "odd.json:/resources/0/properties/state: state \"Suspended\" cannot be published; use Enabled or Disabled, or pass --disabled\n")
            let named = try await workspace.run(["publish", "odd.json", "--disabled"])
            #expect(named.stdout == "published odd v1 (Disabled)\n", "an ARM expression is no name: the file's base name is used")
        }
    }

    @Test func aFailedSubscribeKeepsTheSavedVersionAndSaysWhy() async throws {
        try await Workspace.with { workspace in
            workspace.fake.respond(to: "/subscribe", with: [503], body: "service is busy")
            try workspace.folder.write("orders/workflow.json", WorkflowFixtures.webhook(workspace.fake, retries: false))
            let published = try await workspace.run(["publish", "orders/workflow.json"])
            #expect(published.status == 0)
            let lines = Self.lines(published.stdout)
            #expect(lines[0] == "published orders v1 (Enabled)")
            #expect(lines[1].hasPrefix("  Webhook: Failed (HTTP 503"))
            #expect(lines[1].hasSuffix("— service is busy)"))
            #expect(lines[2].contains("`hookflow show orders`"))
            #expect(published.stderr == "", "the results say it; the engine's log stays quiet")

            let show = try await workspace.run(["show", "orders"])
            #expect(show.stdout.contains("  Webhook (HttpWebhook): SubscribeFailed\n    error: HTTP 503"))
        }
    }

    /// A service that answers late: `publish` answers after its one short attempt with
    /// `Subscribing`; `publish --wait` waits for the outcome with a progress line on stderr; `list`
    /// shows a failed subscribe with its status and next try.
    @Test func publishWaitsForOutcomesOnlyWhenAsked() async throws {
        try await Workspace.with { workspace in
            try workspace.folder.write("orders/workflow.json", WorkflowFixtures.webhook(workspace.fake, retries: false))
            workspace.fake.hold("/subscribe")
            // Serve with a short wait, so the test does not sit through the default 5 s.
            try await ServeProcess.with(["--port", "0", "--data", workspace.data, "--subscription-wait", "0.3"]) { serve in
            _ = try await serve.waitForListening()
            let quick = try await workspace.run(["publish", "orders/workflow.json"])
            #expect(quick.status == 0, "\(quick.stderr)")
            #expect(Self.lines(quick.stdout).prefix(2) == ["published orders v1 (Enabled)", "  Webhook: Subscribing"])

            // The save waits on nothing; --wait follows the call to its outcome.
            let (data, folder) = (workspace.data, workspace.folder.url)
            let waiting = Task { try await HookflowBinary.launch(["publish", "orders/workflow.json", "--wait", "--data", data], in: folder) }
            // Saved (v2) while the first call still hangs: the call under way is the one it waits for.
            try await eventually("the waiting publish saved v2") {
                try await workspace.run(["show", "orders", "--json"]).stdout.contains("\"version\": 2")
            }
            workspace.fake.respond(to: "/subscribe", with: [200])
            workspace.fake.release("/subscribe")
            let waited = try await waiting.value
            #expect(waited.status == 0, "\(waited.stderr)")
            #expect(waited.stdout.hasPrefix("published orders v2 (Enabled)\n  Webhook: Subscribed\n"), "\(waited.stdout)")
            #expect(waited.stderr.hasPrefix("waiting for Webhook (subscribing)"), "the progress line: \(waited.stderr)")

            // A refusal: --wait exits 1, list shows it with the next try.
            workspace.fake.respond(to: "/subscribe", with: [500], body: "down")
            try workspace.folder.write("orders/workflow.json", WorkflowFixtures.webhook(workspace.fake, retries: false, topic: "other"))
            let refused = try await workspace.run(["publish", "orders/workflow.json", "--wait"])
            #expect(refused.status == 1)
            #expect(refused.stdout.contains("  Webhook: Failed (HTTP 500"), "\(refused.stdout)")
            let list = try await workspace.run(["list"])
            #expect(list.stdout.contains("Webhook: SubscribeFailed (HTTP 500, next try "), "\(list.stdout)")
            }
        }
    }

    /// A file publishes as an edit of the version it last became; a newer version saved from
    /// elsewhere meanwhile is not overwritten unless --force says so.
    @Test func aNewerVersionSavedElsewhereNeedsForce() async throws {
        try await Workspace.with { workspace in
            try workspace.folder.write("orders/workflow.json", WorkflowFixtures.webhook(workspace.fake))
            try workspace.folder.write("other.json", WorkflowFixtures.webhook(workspace.fake, topic: "other"))
            #expect(try await workspace.run(["publish", "orders/workflow.json"]).status == 0)
            #expect(try await workspace.run(["publish", "orders/workflow.json"]).stdout.hasPrefix("published orders v2"), "a file's own versions follow on")
            // Someone publishes another file as the same app.
            #expect(try await workspace.run(["publish", "other.json", "--name", "orders"]).stdout.hasPrefix("published orders v3"))

            let stale = try await workspace.run(["publish", "orders/workflow.json"])
            #expect(stale.status == 1)
            #expect(stale.stdout == "")
            #expect(Self.lines(stale.stderr).prefix(2) == [
                "hookflow: orders is at v3, saved from elsewhere since orders/workflow.json was published as v2; nothing was stored",
                "  `hookflow export orders` shows v3; --force publishes orders/workflow.json over it",
            ])
            let shown = try await workspace.run(["show", "orders", "--json"])
            #expect(shown.stdout.contains("\"version\": 3"))

            let forced = try await workspace.run(["publish", "orders/workflow.json", "--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(forced.stdout.hasPrefix("published orders v4"))
            #expect(try await workspace.run(["publish", "orders/workflow.json"]).stdout.hasPrefix("published orders v5"), "after --force the file is the base again")
        }
    }

    @Test func callbackURLNeedsATriggerWhenThereAreSeveral() async throws {
        try await Workspace.with { workspace in
            try workspace.folder.write("two.json", WorkflowFixtures.twoRequestTriggers)
            _ = try await workspace.run(["publish", "two.json"])

            let ambiguous = try await workspace.run(["callback-url", "two"])
            #expect(ambiguous.status == 1)
            #expect(ambiguous.stderr == "hookflow: app \"two\" has several triggers with a callback URL: manual, other; pick one with --trigger\n")
            let chosen = try await workspace.run(["callback-url", "two", "--trigger", "other"])
            #expect(chosen.status == 0)
            #expect(chosen.stdout.hasPrefix("http://127.0.0.1:7071/workflows/two/triggers/other/run?"))
            let json = try JSONParser.parse(try await workspace.run(["callback-url", "two", "--trigger", "other", "--json"]).stdout)
            #expect(json["value"]?.stringValue == chosen.stdout.trimmingCharacters(in: .newlines))
            let unknown = try await workspace.run(["callback-url", "two", "--trigger", "nope"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "hookflow: app \"two\" has no trigger \"nope\"; its triggers: manual, other\n")
        }
    }

    @Test func unknownAppsAndUnreachableEnginesAreClearErrors() async throws {
        try await Workspace.with { workspace in
            for command in [["show", "nope"], ["export", "nope"], ["enable", "nope"], ["disable", "nope"], ["delete", "nope", "--yes"], ["callback-url", "nope"]] {
                let result = try await workspace.run(command)
                #expect(result.status == 1, "\(command)")
                #expect(result.stderr == "hookflow: there is no app named \"nope\"; `hookflow list` shows the apps\n", "\(command)")
                #expect(result.stdout == "", "\(command)")
            }

            let unreachable = try await HookflowBinary.launch(["list", "--engine", "http://127.0.0.1:1"])
            #expect(unreachable.status == 1)
            #expect(unreachable.stderr == "hookflow: cannot reach the engine at http://127.0.0.1:1: connection refused; is `hookflow serve` running?\n")
            let notAURL = try await HookflowBinary.launch(["list", "--engine", "localhost:7071"])
            #expect(notAURL.status == 1)
            #expect(notAURL.stderr.hasPrefix("hookflow: the engine address localhost:7071 is not a URL like http://127.0.0.1:7071"))
        }
    }
}
