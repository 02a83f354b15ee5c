import AsyncHTTPClient
import Foundation
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Two `hookflow serve` nodes on one PostgreSQL database (issue 14 point 5): trigger callbacks
/// spread over both, one node killed with SIGKILL mid-storm and started again. Every 202 has
/// exactly one run and every run ends `Succeeded` — its Wait timer fired once on whichever node,
/// the runs the killed node held were taken over once their lease ran out.
///
/// And webhook actions subscribed by one node resume from callbacks sent to the other, each owed
/// unsubscribe reaching the service once.
@Suite(.serialized)
struct MultiNodeTests {
    static let definition = """
        {"definition":{"$schema":"https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
         "contentVersion":"1.0.0.0",
         "triggers":{"manual":{"type":"Request","kind":"Http","inputs":{}}},
         "actions":{
           "Pause":{"type":"Wait","inputs":{"interval":{"count":1,"unit":"Second"}},"runAfter":{}},
           "Echo":{"type":"Compose","inputs":"@triggerBody()","runAfter":{"Pause":["Succeeded"]}}},
         "outputs":{}}}
        """

    final class Ledger: Sendable {
        struct State {
            var acknowledged: [Int: String] = [:]
            var ambiguous = 0
            var unexpected: [String] = []
            /// Where the senders post (a killed node's address is replaced once it is back).
            var urls: [String] = []
            var next = 0
        }
        let state = Mutex(State())
    }

    @Test func callbacksSpreadOverTwoNodesOneKilledEveryAcknowledgedCallbackHasOneRun() async throws {
        let server = try await Self.postgresServer()
        let name = "hf_nodes_\(UInt32.random(in: 0...UInt32.max))"
        try await PostgresStore.createDatabase(name, on: server)
        let database = server.with(database: name)
        let folder = try TemporaryFolder()
        let one = folder.url.appendingPathComponent("node1")
        let two = folder.url.appendingPathComponent("node2")
        let app = try folder.write("app.json", Self.definition)
        // Same public URL on both (callbacks are signed on it); 2 s run leases: a takeover within the test.
        let environment = ["HOOKFLOW_DATABASE_URL": database.url, "HOOKFLOW_RUN_LEASE": "2"]
        let arguments = { (data: URL) in ["--port", "0", "--data", data.path, "--public-url", "http://hooks.invalid"] }

        var first = try ServeProcess(arguments(one), environment: environment)
        let firstURL = try await first.waitForListening()
        // The second node gets the first one's sealing key, as README's "Running several nodes" says.
        try FileManager.default.createDirectory(at: two, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: one.appendingPathComponent(SecretSealer.keyFileName), to: two.appendingPathComponent(SecretSealer.keyFileName))
        let second = try ServeProcess(arguments(two), environment: environment)
        let secondURL = try await second.waitForListening()

        let published = try HookflowBinary.run(["publish", app.path, "--name", "storm", "--engine", firstURL, "--data", one.path], environment: environment)
        #expect(published.status == 0, "\(published.stderr)")
        let callback = try HookflowBinary.run(["callback-url", "storm", "--engine", secondURL, "--data", two.path], environment: environment)
        let signed = callback.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(signed.hasPrefix("http://hooks.invalid/"), "\(callback.stderr)")
        let path = String(signed.dropFirst("http://hooks.invalid".count))

        let ledger = Ledger()
        ledger.state.withLock { $0.urls = [firstURL, secondURL] }
        let total = 300
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let storm = Task { [ledger, path, client] in await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    while true {
                        let index = ledger.state.withLock { state -> Int in defer { state.next += 1 }; return state.next }
                        if index >= total { return }
                        var attempt = 0
                        while attempt < 50 {
                            attempt += 1
                            let base = ledger.state.withLock { $0.urls[(index + attempt) % 2] }
                            do {
                                let answer = try await CallbackPost.send(base + path, body: #"{"n": \#(index)}"#, client: client)
                                if answer.status == 202 {
                                    ledger.state.withLock { $0.acknowledged[index] = answer.runID }
                                } else {
                                    ledger.state.withLock { $0.unexpected.append("callback \(index): \(answer.status)") }
                                }
                                break
                            } catch {
                                // A killed node: refused (nothing taken) or cut off (maybe taken); the other node gets it.
                                if "\(error)".contains("connectTimeout") || "\(error)".contains("refused") || "\(error)".contains("connect") {
                                    continue
                                }
                                ledger.state.withLock { $0.ambiguous += 1 }
                                try? await Task.sleep(nanoseconds: 20_000_000)
                            }
                        }
                    }
                }
            }
        } }
        // Kill the first node once a third of the storm was acknowledged, then start it again.
        try await eventually(timeout: 60, "a third of the storm acknowledged") { ledger.state.withLock { $0.acknowledged.count } >= total / 3 }
        await first.stop(signal: SIGKILL)
        let restarted = try ServeProcess(arguments(one), environment: environment)
        let restartedURL = try await restarted.waitForListening()
        ledger.state.withLock { $0.urls[0] = restartedURL }
        first = restarted
        await storm.value

        let state = ledger.state.withLock { $0 }
        #expect(state.unexpected.isEmpty, "\(state.unexpected.prefix(5))")
        #expect(state.acknowledged.count == total, "every callback was acknowledged by one node or the other")
        let store = try await PostgresStore.open(database, sealer: try SecretSealer.forFolder(one), connections: 2)
        try await eventually(timeout: 90, "every run succeeded") {
            let runs = try await store.runs(workflow: "storm", status: nil, limit: 10_000, before: nil)
            return runs.count >= state.acknowledged.count && runs.allSatisfy { $0.status == .succeeded }
        }
        let runs = try await store.runs(workflow: "storm", status: nil, limit: 10_000, before: nil)
        let ids = Set(runs.map(\.id))
        #expect(Set(state.acknowledged.values).isSubset(of: ids), "every 202 has its run")
        #expect(Set(state.acknowledged.values).count == state.acknowledged.count, "no two callbacks got one run")
        #expect(runs.count <= state.acknowledged.count + state.ambiguous, "no callback has more runs than attempts the engines may have taken")
        for run in runs.prefix(50) {
            let actions = try await store.actions(runID: run.id)
            #expect(actions.map(\.name).sorted() == ["Echo", "Pause"], "each action once in run \(run.id)")
        }
        #expect(try await store.dueTimers(now: Date().addingTimeInterval(60), limit: 10).isEmpty, "no timer left to fire")
        await store.close()
        let takeovers = first.stderr + second.stderr
        print("multi-node storm: \(state.acknowledged.count) acknowledged, \(state.ambiguous) cut off, \(runs.count) runs; takeover lines: \(takeovers.split(separator: "\n").filter { $0.contains("took over") }.prefix(3))")
        await first.stop()
        await second.stop()
        try await client.shutdown()
        try? await PostgresStore.dropDatabase(name, on: server)
    }

    @Test func aWaitingActionResumesFromACallbackToAnotherNodeAndIsUnsubscribedOnce() async throws {
        let server = try await Self.postgresServer()
        let name = "hf_nodes_\(UInt32.random(in: 0...UInt32.max))"
        try await PostgresStore.createDatabase(name, on: server)
        let database = server.with(database: name)
        let folder = try TemporaryFolder()
        let one = folder.url.appendingPathComponent("node1")
        let two = folder.url.appendingPathComponent("node2")
        let fake = try await FakeWebhookService.start()
        let environment = ["HOOKFLOW_DATABASE_URL": database.url]
        let arguments = { (data: URL) in ["--port", "0", "--data", data.path, "--public-url", "http://hooks.invalid"] }
        let first = try ServeProcess(arguments(one), environment: environment)
        let firstURL = try await first.waitForListening()
        try FileManager.default.createDirectory(at: two, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: one.appendingPathComponent(SecretSealer.keyFileName), to: two.appendingPathComponent(SecretSealer.keyFileName))
        let second = try ServeProcess(arguments(two), environment: environment)
        let secondURL = try await second.waitForListening()

        let token = try String(contentsOf: one.appendingPathComponent(EngineServer.managementTokenFileName), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let client = HTTPEngineClient(baseURL: firstURL, token: token)
        _ = try await client.saveWorkflow(name: "approvals", definition: [
            "triggers": ["manual": ["type": "Request", "kind": "Http"]],
            "actions": [
                "Approve": [
                    "type": "HttpWebhook", "runAfter": [:],
                    "inputs": [
                        "subscribe": ["method": "POST", "uri": .string(fake.url("/subscribe")),
                                      "body": ["callbackUrl": "@{listCallbackUrl()}", "run": "@{workflow().run.name}"]],
                        "unsubscribe": ["method": "POST", "uri": .string(fake.url("/unsubscribe"))],
                    ],
                ],
                "Done": ["type": "Compose", "inputs": "@body('Approve')", "runAfter": ["Approve": ["Succeeded"]]],
            ],
        ], state: nil)
        let trigger = try await client.callbackURL(workflow: "approvals", trigger: "manual")
        let count = 10
        var runs: [String] = []
        for _ in 0..<count {
            // Started on the first node: its webhook actions subscribe from there.
            let answer = try await CallbackPost.send(trigger.replacingOccurrences(of: "http://hooks.invalid", with: firstURL), body: "{}")
            #expect(answer.status == 202)
            runs.append(answer.runID)
        }
        let subscribes = try await fake.waitForRequests(to: "/subscribe", count: count, timeout: 60)
        for request in subscribes {
            let callback = try #require(request.json?["callbackUrl"]?.stringValue)
            #expect(callback.hasPrefix("http://hooks.invalid/"))
            // The callback goes to the other node.
            let answer = try await CallbackPost.send(callback.replacingOccurrences(of: "http://hooks.invalid", with: secondURL), body: #"{"ok": true}"#)
            #expect([200, 202].contains(answer.status), "callback to the second node: \(answer.status)")
        }
        let store = try await PostgresStore.open(database, sealer: try SecretSealer.forFolder(one), connections: 2)
        try await eventually(timeout: 60, "every run succeeded and nothing is owed") {
            let stored = try await store.runs(workflow: "approvals", status: nil, limit: 100, before: nil)
            let owed = try await store.rows("SELECT id FROM outbox")
            return stored.count == count && stored.allSatisfy { $0.status == .succeeded } && owed.isEmpty
        }
        let unsubscribes = fake.requests(to: "/unsubscribe")
        #expect(unsubscribes.count == count, "each owed unsubscribe sent once: \(unsubscribes.count) for \(count)")
        #expect(Set(unsubscribes.compactMap { $0.header("x-ms-client-tracking-id") }).count == count)
        for run in runs {
            #expect(try await store.actions(runID: run).first { $0.name == "Done" }?.outputs == ["ok": true])
        }
        await store.close()
        await first.stop()
        await second.stop()
        await fake.stop()
        try? await PostgresStore.dropDatabase(name, on: server)
    }

    static func postgresServer() async throws -> PostgresLocation {
        guard let url = await PostgresTestServer.url() else {
            let why = await PostgresTestServer.unavailableMessage() ?? "no server"
            if PostgresTestServer.required {
                Issue.record("CI is set but no PostgreSQL server could be started: \(why)")
                throw ServeProcess.Failure(description: why)
            }
            print("⚠️⚠️⚠️ SKIPPED (PostgreSQL): \(why). Install Debian's postgresql package or set \(PostgresTestServer.environmentVariable).")
            try Test.cancel("no PostgreSQL server: \(why)")
        }
        return try PostgresLocation(url, source: "$\(PostgresTestServer.environmentVariable)")
    }
}
