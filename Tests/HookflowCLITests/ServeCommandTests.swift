import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `hookflow serve` as a child process on a free port, with the other commands finding it
/// through the data folder, and a real fake service and real callbacks on loopback.
@Suite(.serialized)
struct ServeCommandTests {
    /// POSTs a JSON body to `url`; the status and headers of the answer.
    static func post(_ url: String, body: String = #"{"id": 42}"#) async throws -> HTTPURLResponse {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        return try #require(response as? HTTPURLResponse)
    }

    static func record(in data: URL) throws -> JSONValue {
        try JSONParser.parse(try Data(contentsOf: data.appendingPathComponent("engine.json")))
    }

    @Test func commandsUseTheRunningServeAndCallbacksStartRuns() async throws {
        let folder = try TemporaryFolder()
        let data = folder.url.appendingPathComponent("data")
        let fake = try await FakeWebhookService.start()
        let cli = { (arguments: [String]) in try await HookflowBinary.launch(arguments + ["--data", data.path], in: folder.url) }
        do { try await commandsUseTheRunningServe(folder: folder, data: data, fake: fake, cli: cli) } catch {
            await fake.stop()
            throw error
        }
        await fake.stop()
    }

    private func commandsUseTheRunningServe(
        folder: TemporaryFolder, data: URL, fake: FakeWebhookService, cli: ([String]) async throws -> HookflowBinary.Result
    ) async throws {
        try await ServeProcess.with(["--port", "0", "--data", data.path]) { serve in
            let url = try await serve.waitForListening()
            #expect(serve.stdout == "hookflow engine listening on \(url) (data: \(data.path))\n")
            #expect(url.hasPrefix("http://127.0.0.1:"))
            #expect(url != "http://127.0.0.1:0" && url != "http://127.0.0.1:7071", "--port 0 reports the port it got")
            let record = try Self.record(in: data)
            #expect(record["url"]?.stringValue == url)
            #expect(record["pid"]?.intValue == Int(serve.pid))
            #expect(record["startedAt"]?.stringValue?.hasSuffix("Z") == true)

            // publish goes through the serve: the service is handed a callback URL on serve's port.
            try folder.write("orders/workflow.json", WorkflowFixtures.webhook(fake))
            let published = try await cli(["publish", "orders/workflow.json"])
            #expect(published.stdout == "published orders v1 (Enabled)\n  Webhook: Subscribed\n", "\(published.stderr)")
            let subscribe = try #require(fake.requests(to: "/subscribe").first)
            let callback = try await cli(["callback-url", "orders"]).stdout.trimmingCharacters(in: .newlines)
            #expect(callback.hasPrefix(url + "/workflows/orders/triggers/Webhook/run?"))
            #expect(subscribe.json?["callbackUrl"]?.stringValue == callback)

            // A command on the data folder finds the serve (as list and every other command do).
            let (client, cleanup) = try await EngineLocator.connect(dataFolder: data)
            #expect(client.endpointDescription == url)
            await cleanup()
            let list = try await cli(["list"])
            #expect(list.stdout.contains("orders  Enabled  1"))
            #expect(list.stdout.contains("Webhook: Subscribed"))

            // The service calls back: the run starts in serve.
            let accepted = try await Self.post(callback)
            #expect(accepted.statusCode == 202)
            let runID = try #require(accepted.value(forHTTPHeaderField: "x-ms-workflow-run-id"))
            let runs = try await HTTPEngineClient(baseURL: url).runs(workflow: "orders", status: nil, top: nil, skipToken: nil)
            #expect(runs.runs.map(\.id) == [runID])

            let disabled = try await cli(["disable", "orders"])
            #expect(disabled.stdout == "orders: Disabled\n  Webhook: Unsubscribed\n")
            let unsubscribe = try await fake.waitForRequests(to: "/unsubscribe")
            #expect(unsubscribe[0].json?["callbackUrl"]?.stringValue == callback)
            #expect(try await Self.post(callback).statusCode == 409, "a disabled app refuses callbacks")

            let enabled = try await cli(["enable", "orders"])
            #expect(enabled.stdout == "orders: Enabled\n  Webhook: Subscribed\n")
            #expect(try await Self.post(callback).statusCode == 202)

            let deleted = try await cli(["delete", "orders", "--yes"])
            #expect(deleted.stdout == "deleted orders\n  Webhook: Unsubscribed\n")
            try await fake.waitForRequests(to: "/unsubscribe", count: 2)

            let status = await serve.stop()
            #expect(status == 0, "\(serve.stderr)")
            #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("engine.json").path), "a clean exit removes engine.json")
            #expect(serve.stderr.contains("shutdown asked (SIGINT or SIGTERM to serve, or the designer quitting): stopping"))
            #expect(!serve.stderr.contains("Fatal error"))
        }
    }

    /// `--settings local.settings.json`: its Values are what `appsetting()` reads in runs; a file
    /// that cannot be read or is not JSON stops serve with the file named.
    @Test func settingsGiveRunsTheProjectsAppSettings() async throws {
        let folder = try TemporaryFolder()
        let data = folder.url.appendingPathComponent("data").path
        try folder.write("local.settings.json", #"{"IsEncrypted": false, "Values": {"Greeting": "hello", "Retries": 3}}"#)
        try folder.write("flow/workflow.json", #"""
            {"definition": {"triggers": {"manual": {"type": "Request", "kind": "Http"}},
             "actions": {"Answer": {"type": "Response", "inputs": {"statusCode": 200, "body": "@{appsetting('Greeting')} x@{appsetting('Retries')}"}, "runAfter": {}}}},
             "kind": "Stateful"}
            """#)
        try await ServeProcess.with(["--port", "0", "--data", data, "--settings", folder.url.appendingPathComponent("local.settings.json").path]) { serve in
            _ = try await serve.waitForListening()
            let published = try await HookflowBinary.launch(["publish", "flow/workflow.json", "--data", data], in: folder.url)
            #expect(published.status == 0, "\(published.stderr)")
            let callback = try await HookflowBinary.launch(["callback-url", "flow", "--data", data]).stdout.trimmingCharacters(in: .newlines)
            var request = URLRequest(url: try #require(URL(string: callback)))
            request.httpMethod = "POST"
            let (body, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: body, as: UTF8.self) == "hello x3")
        }

        let missing = try await HookflowBinary.launch(["serve", "--port", "0", "--data", data, "--settings", "/nonexistent/local.settings.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read --settings /nonexistent/local.settings.json"), "\(missing.stderr)")
        try folder.write("broken.json", "{nope")
        let broken = try await HookflowBinary.launch(["serve", "--port", "0", "--data", data, "--settings", folder.url.appendingPathComponent("broken.json").path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("--settings \(folder.url.appendingPathComponent("broken.json").path): "), "\(broken.stderr)")
        #expect(broken.stderr.contains("local.settings.json"), "\(broken.stderr)")
    }

    @Test func onlyOneEngineRunsOnADataFolder() async throws {
        let folder = try TemporaryFolder()
        let data = folder.url.appendingPathComponent("data").path
        try await ServeProcess.with(["--port", "0", "--data", data]) { first in
            let url = try await first.waitForListening()
            let second = try await HookflowBinary.launch(["serve", "--port", "0", "--data", data])
            #expect(second.status == 1)
            #expect(second.stdout == "")
            #expect(second.stderr.hasSuffix("""
                hookflow: an engine is already running on this data folder at \(url) (pid \(first.pid)); \
                commands use it on their own, or stop it first (kill \(first.pid)), or pass another --data

                """))
            // The refused serve left the first one's record alone.
            #expect(try Self.record(in: URL(fileURLWithPath: data))["pid"]?.intValue == Int(first.pid))
            #expect(await first.stop(signal: SIGINT) == 0)
        }
    }

    @Test func aStaleRecordIsRemovedAndIgnored() async throws {
        let folder = try TemporaryFolder()
        let data = folder.url.appendingPathComponent("data")
        // A process that is gone: what a serve killed with SIGKILL leaves behind.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/sh")
        gone.arguments = ["-c", "exit 0"]
        try gone.run()
        gone.waitUntilExit()
        try folder.write("data/engine.json", #"{"url": "http://127.0.0.1:1", "pid": \#(gone.processIdentifier), "startedAt": "2025-01-01T00:00:00Z"}"#)

        let list = try await HookflowBinary.launch(["list", "--data", data.path])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout == "no apps yet; publish one with `hookflow publish FILE`\n")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("engine.json").path))

        // A live process that is no engine (this test's own pid, nothing listening at the URL) is stale too.
        try folder.write("data/engine.json", #"{"url": "http://127.0.0.1:1", "pid": \#(getpid()), "startedAt": "2025-01-01T00:00:00Z"}"#)
        try await ServeProcess.with(["--port", "0", "--data", data.path]) { serve in
            let url = try await serve.waitForListening()
            #expect(try Self.record(in: data)["url"]?.stringValue == url)
        }
    }

    @Test func beyondLoopbackTheManagementAPINeedsTheToken() async throws {
        let folder = try TemporaryFolder()
        let data = folder.url.appendingPathComponent("data")
        try await ServeProcess.with(["--host", "0.0.0.0", "--port", "0", "--data", data.path]) { serve in
            let url = try await serve.waitForListening()
            let tokenFile = data.appendingPathComponent("management-token")
            #expect(serve.stdout.contains("management API token: \(tokenFile.path)"))
            let attributes = try FileManager.default.attributesOfItem(atPath: tokenFile.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

            // Found through engine.json, the token read from the data folder.
            let list = try await HookflowBinary.launch(["list", "--data", data.path])
            #expect(list.status == 0, "\(list.stderr)")
            // --engine with the token from the environment; without any token the engine refuses.
            let token = try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let elsewhere = try TemporaryFolder()
            let withToken = try await HookflowBinary.launch(["list", "--engine", url, "--data", elsewhere.url.path], environment: ["HOOKFLOW_TOKEN": token])
            #expect(withToken.status == 0, "\(withToken.stderr)")
            let withoutToken = try await HookflowBinary.launch(["list", "--engine", url, "--data", elsewhere.url.path], environment: ["HOOKFLOW_TOKEN": ""])
            #expect(withoutToken.status == 1)
            #expect(withoutToken.stderr.hasPrefix("hookflow: "))
        }
    }

    @Test func badOptionsAreRefusedBeforeAnythingStarts() async throws {
        let folder = try TemporaryFolder()
        let port = try await HookflowBinary.launch(["serve", "--port", "70000", "--data", folder.url.path])
        #expect(port.status != 0)
        #expect(port.stderr.contains("--port must be between 0 and 65535"))
        let publicURL = try await HookflowBinary.launch(["serve", "--public-url", "hooks.example.com", "--data", folder.url.path])
        #expect(publicURL.status != 0)
        #expect(publicURL.stderr.contains("--public-url must be an http or https URL"))
        let limit = try await HookflowBinary.launch(["serve", "--run-duration-limit", "90 days", "--data", folder.url.path])
        #expect(limit.status != 0)
        #expect(limit.stderr.contains("--run-duration-limit \"90 days\" is not an ISO 8601 duration"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("engine.json").path))
    }
}
