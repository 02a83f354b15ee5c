import AsyncHTTPClient
import Foundation
import HookflowModel
import HookflowTestSupport
import NIOCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watching runs as a user does: `hookflow serve` as a process, the designer attached to it in a
/// real terminal (tmux), callbacks sent from outside as a service would, and a fake webhook
/// service receiving the subscribe and unsubscribe calls. Nothing is pressed to refresh a screen.
@Suite(.enabled(if: TmuxSession.shouldRun, "needs tmux (install it, or set CI=true to make these tests fail without it)"))
struct RunsEndToEndTests {
    typealias Workspace = DesignerEndToEndTests.Workspace

    // MARK: - A run from outside, answered and cancelled from the terminal

    @Test(.timeLimit(.minutes(1)))
    func runsAppearLiveAndAreAnsweredAndCancelledFromTheRunDetail() async throws {
        try await Workspace.with { workspace in
            try await ServeProcess.with(["--port", "0", "--data", workspace.data]) { serve in
                try await Self.withHTTPClient { http in
                    let url = try await serve.waitForListening()
                    let trigger = try await Self.publishApprovals(workspace)

                    // The designer attaches to the serve and says so in its header.
                    let session = try workspace.startDesigner(["design", "orders", "--data", workspace.data])
                    defer { session.close() }
                    let designer = try await session.waitFor("the designer on orders") { $0.contains("Approve") && $0.contains("Answer") }
                    #expect(Self.header(designer).contains("engine: \(url) (hookflow serve, pid \(serve.pid))"), "\(Self.header(designer))")

                    try session.sendKeys("R")
                    try await session.waitFor("the empty runs view") { $0.contains("Runs · orders") && $0.contains("No runs yet") }

                    // 1. A callback from outside: the run shows up Waiting with no key pressed.
                    let first = try await Self.startRun(trigger, http: http)
                    try await session.waitFor("run \(first) Waiting in the list") { Self.line(containing: first, in: $0)?.contains("Waiting") == true }

                    // 2. Its detail: the waiting webhook action is selected; s, a JSON body, Ctrl-S.
                    try session.sendKeys("Enter")
                    let detail = try await session.waitFor("run \(first)'s detail") {
                        Self.line(containing: "Run \(first)", in: $0)?.contains("Waiting") == true && $0.contains("Approve")
                    }
                    if !detail.contains("send callback") {
                        // Not selected on opening: the steps are the trigger, then the actions.
                        try session.sendKeys("j")
                        try await session.waitFor("the waiting action selected") { $0.contains("send callback") }
                    }
                    try session.sendKeys("s")
                    try await session.waitFor("the callback box") { $0.contains("Send a test callback") }
                    try session.type(#""approved": true"#)
                    // End and Home as PuTTY and tmux send them move the cursor: the box stays open, the body stays.
                    try session.type("\u{1B}[4~")
                    try session.type("\u{1B}[1~")
                    try await session.waitFor("the body typed") { $0.contains(#"{"approved": true}"#) && $0.contains("Send a test callback") }
                    try session.sendKeys("C-s")
                    try await session.waitFor("run \(first) Succeeded", timeout: .seconds(15)) {
                        Self.line(containing: "Run \(first)", in: $0)?.contains("Succeeded") == true
                    }
                    let approved = try await workspace.fake.waitForRequests(to: "/approvals/unsubscribe")
                    #expect(approved.count == 1, "the answered action unsubscribes")

                    // 3. A second run, cancelled from its detail: its waiting action unsubscribes.
                    try session.sendKeys("Escape")
                    try await session.waitFor("the runs list again") { Self.line(containing: first, in: $0)?.contains("Succeeded") == true }
                    let second = try await Self.startRun(trigger, http: http)
                    try await session.waitFor("run \(second) Waiting in the list") { Self.line(containing: second, in: $0)?.contains("Waiting") == true }
                    try session.sendKeys("g")  // the newest run, on top
                    try session.sendKeys("Enter")
                    try await session.waitFor("run \(second)'s detail") { Self.line(containing: "Run \(second)", in: $0)?.contains("Waiting") == true }
                    try session.sendKeys("x")
                    try await session.waitFor("the cancel question") { $0.contains("Cancel run \(second)?") }
                    try session.sendKeys("y")
                    try await session.waitFor("run \(second) Cancelled", timeout: .seconds(15)) {
                        Self.line(containing: "Run \(second)", in: $0)?.contains("Cancelled") == true
                    }
                    let unsubscribes = try await workspace.fake.waitForRequests(to: "/approvals/unsubscribe", count: 2)
                    #expect(unsubscribes.count == 2)
                    let cancelledURL = unsubscribes.last?.json?["callbackUrl"]?.stringValue ?? ""
                    #expect(cancelledURL.contains("/runs/\(second)/actions/Approve/run?"), "\(unsubscribes.last?.text ?? "")")

                    // 4. A third run, answered with the header that fails the action: the run fails.
                    try session.sendKeys("Escape")
                    let third = try await Self.startRun(trigger, http: http)
                    try await session.waitFor("run \(third) Waiting in the list") { Self.line(containing: third, in: $0)?.contains("Waiting") == true }
                    try session.sendKeys("g", "Enter")
                    try await session.waitFor("run \(third)'s detail") { Self.line(containing: "Run \(third)", in: $0)?.contains("Waiting") == true }
                    try session.sendKeys("s")
                    try await session.waitFor("the callback box") { $0.contains("Headers, one Name: value a line") }
                    try session.sendKeys("Tab")
                    try session.type("x-hookflow-status: Failed")
                    try await session.waitFor("the header typed") { $0.contains("x-hookflow-status: Failed") }
                    try session.sendKeys("C-s")
                    try await session.waitFor("run \(third) Failed", timeout: .seconds(15)) {
                        Self.line(containing: "Run \(third)", in: $0)?.contains("Failed") == true
                    }

                    try session.sendKeys("q")
                    #expect(try await session.waitForFile("exit-status") == "0\n")
                }
            }
        }
    }

    // MARK: - The serve goes away and comes back

    @Test(.timeLimit(.minutes(1)))
    func aStoppedServeShowsABannerUntilItIsBackOnItsPort() async throws {
        try await Workspace.with { workspace in
            let serve = try ServeProcess(["--port", "0", "--data", workspace.data])
            var again: ServeProcess?
            do {
                let url = try await serve.waitForListening()
                let trigger = try await Self.publishApprovals(workspace)
                let port = try #require(URLComponents(string: url)?.port)

                let session = try workspace.startDesigner(["design", "orders", "--data", workspace.data])
                defer { session.close() }
                try await session.waitFor("the designer attached") { Self.header($0).contains("engine: \(url) (hookflow serve") }
                try session.sendKeys("R")
                try await session.waitFor("the runs view") { $0.contains("Runs · orders") && $0.contains("No runs yet") }

                // The serve stops: the message line says so, the header no longer names it as if it
                // were there, and the screen still answers keys.
                #expect(await serve.stop() == 0, "\(serve.stderr)")
                try await session.waitFor("the lost-engine message") { $0.contains("Lost the engine") && Self.header($0).contains("engine lost") }
                try session.sendKeys("?")
                try await session.waitFor("the help over the runs view") { $0.contains("filter") && Self.header($0).contains("engine lost") }
                try session.sendKeys("Escape")

                // A new serve on the same data folder and port: the banner goes, and runs are live again.
                let restarted = try ServeProcess(["--port", "\(port)", "--data", workspace.data])
                again = restarted
                #expect(try await restarted.waitForListening() == url)
                try await session.waitFor("the engine back", timeout: .seconds(15)) {
                    !Self.header($0).contains("engine lost") && $0.contains("The engine answers again") && $0.contains("Runs · orders")
                }
                let run = try await Self.withHTTPClient { http in try await Self.startRun(trigger, http: http) }
                try await session.waitFor("run \(run) Waiting in the list") { Self.line(containing: run, in: $0)?.contains("Waiting") == true }

                try session.sendKeys("q")
                #expect(try await session.waitForFile("exit-status") == "0\n")
            } catch {
                await serve.stop()
                await again?.stop()
                throw error
            }
            await serve.stop()
            await again?.stop()
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aServeBackOnAnotherPortIsFoundThroughTheDataFolder() async throws {
        try await Workspace.with { workspace in
            let serve = try ServeProcess(["--port", "0", "--data", workspace.data])
            var again: ServeProcess?
            do {
                let url = try await serve.waitForListening()
                _ = try await Self.publishApprovals(workspace)

                let session = try workspace.startDesigner(["design", "orders", "--data", workspace.data])
                defer { session.close() }
                try await session.waitFor("the designer attached") { Self.header($0).contains("engine: \(url) (hookflow serve, pid \(serve.pid))") }
                try session.sendKeys("R")
                try await session.waitFor("the runs view") { $0.contains("Runs · orders") && $0.contains("No runs yet") }

                #expect(await serve.stop() == 0, "\(serve.stderr)")
                try await session.waitFor("the lost-engine banner") { $0.contains("Lost the engine") }

                // A new serve on the same data folder, on whatever port is free: the designer finds it
                // through engine.json, the banner goes and the header names the new address.
                let restarted = try ServeProcess(["--port", "0", "--data", workspace.data])
                again = restarted
                let moved = try await restarted.waitForListening()
                #expect(moved != url)
                let screen = try await session.waitFor("the engine back at its new address", timeout: .seconds(15)) {
                    !$0.contains("Lost the engine") && Self.header($0).contains("engine: \(moved) (hookflow serve, pid \(restarted.pid))")
                }
                #expect(screen.contains("Runs · orders"))

                // Runs are live again, from the new engine: a trigger callback at its address shows up.
                let callback = try await HookflowBinary.launch(["callback-url", "orders", "--data", workspace.data])
                let trigger = callback.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(trigger.hasPrefix(moved), "\(callback.stdout)\(callback.stderr)")
                let run = try await Self.withHTTPClient { http in try await Self.startRun(trigger, http: http) }
                try await session.waitFor("run \(run) Waiting in the list") { Self.line(containing: run, in: $0)?.contains("Waiting") == true }

                try session.sendKeys("q")
                #expect(try await session.waitForFile("exit-status") == "0\n")
            } catch {
                await serve.stop()
                await again?.stop()
                throw error
            }
            await serve.stop()
            await again?.stop()
        }
    }

    // MARK: - Ctrl-Z with the engine elsewhere

    /// Attached to a `hookflow serve`, Ctrl-Z suspends the designer like any terminal program (the
    /// shell says Stopped, the terminal is the shell's again) and `fg` brings it back, redrawn.
    @Test(.timeLimit(.minutes(1)))
    func ctrlZSuspendsWhenTheEngineRunsElsewhere() async throws {
        try await Workspace.with { workspace in
            try await ServeProcess.with(["--port", "0", "--data", workspace.data]) { serve in
                _ = try await serve.waitForListening()
                _ = try await Self.publishApprovals(workspace)
                let session = try TmuxSession(script: "cd \(TmuxSession.quote(workspace.folder.url.path)); PS1='$ ' exec bash --norc --noprofile -i",
                                              in: workspace.folder.url)
                defer { session.close() }
                try await session.waitFor("the shell") { $0.contains("$") }
                let command = [HookflowBinary.url.path, "design", "orders", "--data", workspace.data].map(TmuxSession.quote).joined(separator: " ")
                try session.type(command)
                try session.sendKeys("Enter")
                try await session.waitFor("the designer") { $0.contains("Approve") && $0.contains("hookflow serve") }
                try session.sendKeys("C-z")
                let shell = try await session.waitFor("the job stopped") { $0.contains("Stopped") }
                #expect(shell.contains("hookflow: suspended; fg comes back to the designer"))
                #expect(!shell.contains("Approve"), "the shell has the screen back:\n\(TmuxSession.framed(shell))")
                try session.type("fg")
                try session.sendKeys("Enter")
                try await session.waitFor("the designer again") { $0.contains("Approve") && $0.contains("Ctrl-S save") }
                try session.sendKeys("q")
                try await session.waitFor("the shell again") { $0.contains("$") && !$0.contains("Approve") }
                try session.type("echo exit=$?")
                try session.sendKeys("Enter")
                try await session.waitFor("the exit status") { $0.contains("exit=0") }
            }
        }
    }

    // MARK: - Helpers

    /// Publishes `orders` through the running serve: an HTTP Webhook trigger and an HTTP Webhook
    /// action `Approve` (both subscribing at the fake service, so a run waits), then a Compose
    /// `Answer`. Returns the trigger's callback URL.
    static func publishApprovals(_ workspace: Workspace) async throws -> String {
        let fake = workspace.fake
        let file = try workspace.folder.write("orders.json", """
            {"definition": {
              "triggers": {"Webhook": {"type": "HttpWebhook", "inputs": {
                "subscribe": {"method": "POST", "uri": "\(fake.url("/subscribe"))", "body": {"callbackUrl": "@{listCallbackUrl()}"}},
                "unsubscribe": {"method": "POST", "uri": "\(fake.url("/unsubscribe"))"}}}},
              "actions": {
                "Approve": {"type": "HttpWebhook", "runAfter": {}, "inputs": {
                  "subscribe": {"method": "POST", "uri": "\(fake.url("/approvals/subscribe"))", "body": {"callbackUrl": "@{listCallbackUrl()}"}},
                  "unsubscribe": {"method": "POST", "uri": "\(fake.url("/approvals/unsubscribe"))", "body": {"callbackUrl": "@{listCallbackUrl()}"}}}},
                "Answer": {"type": "Compose", "inputs": "@body('Approve')", "runAfter": {"Approve": ["Succeeded"]}}}},
             "kind": "Stateful"}
            """)
        let published = try await HookflowBinary.launch(["publish", file.path, "--data", workspace.data])
        #expect(published.stdout == "published orders v1 (Enabled)\n  Webhook: Subscribed\n", "\(published.stderr)")
        let callback = try await HookflowBinary.launch(["callback-url", "orders", "--data", workspace.data])
        #expect(callback.status == 0, "\(callback.stderr)")
        return callback.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// POSTs a trigger callback as the service would; returns the new run's id (202 Accepted).
    static func startRun(_ trigger: String, http: HTTPClient) async throws -> String {
        var request = HTTPClientRequest(url: trigger)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"order": 42}"#))
        let response = try await http.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status.code == 202)
        return try #require(response.headers.first(name: "x-ms-workflow-run-id"), "the 202 names the run")
    }

    /// A loopback client for `body`, shut down whatever `body` did.
    static func withHTTPClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5)))
        configuration.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let value = try await body(http)
            try await http.shutdown()
            return value
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    static func header(_ screen: String) -> String { DesignerEndToEndTests.header(screen) }

    /// The first line of the screen that contains `text`.
    static func line(containing text: String, in screen: String) -> String? {
        screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
    }
}
