import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// The lifecycle `hookflow serve` and the designer share: start in order (listen, claim the data
/// folder, then subscribe with the bound address), stop in reverse, and undo a start that fails.
@Suite(.serialized)
struct EngineHostTests {
    static func engine(_ folder: URL) throws -> Engine {
        try Engine(configuration: EngineHarness.configuration(folder))
    }

    @Test func aLaunchedHostListensClaimsTheFolderAndSubscribesWithItsAddress() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-host-\(UUID().uuidString)")
        let fake = try await FakeWebhookService.start()
        let engine = try Self.engine(folder)
        let running = try await EngineHost(engine: engine, listen: .init(port: 0), logger: .init(label: "test")).launch()
        do {
            #expect(running.url.hasPrefix("http://127.0.0.1:"))
            #expect(engine.baseURL == running.url)
            guard case .running(let record) = await EngineLocator.runningEngine(in: folder) else {
                Issue.record("engine.json does not name the launched host")
                throw HarnessTimeout(what: "engine.json")
            }
            #expect(record.url == running.url)
            let harness = EngineHarnessDefinitions(fake: fake)
            _ = try await engine.save(name: "orders", definition: harness.definition(), state: nil)
            let callback = try #require(fake.requests(to: "/subscribe").first?.json?["callbackUrl"]?.stringValue)
            #expect(callback.hasPrefix(running.url + "/workflows/orders/"))
        }
        await running.stop()
        // Stopped: nothing answers, engine.json is gone, the store refuses writes.
        #expect(await EngineLocator.runningEngine(in: folder) == EngineLocator.Discovery.none)
        await #expect(throws: (any Error).self) { try await HTTPEngineClient(baseURL: running.url).listWorkflows() }
        await #expect(throws: (any Error).self) { try await engine.save(name: "late", definition: ["triggers": [:], "actions": [:]], state: nil) }
        await fake.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func aTakenPortFallsBackToAnyPortOnlyWhenAsked() async throws {
        let blocker = try await FakeWebhookService.start()
        let port = try #require(URL(string: blocker.baseURL)?.port)
        let strictFolder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-host-\(UUID().uuidString)")
        let strict = try Self.engine(strictFolder)
        let error = await #expect(throws: EngineError.self) {
            try await EngineHost(engine: strict, listen: .init(port: port), logger: .init(label: "test")).launch()
        }
        #expect(error?.description.contains("127.0.0.1:\(port) is already in use") == true)
        #expect(await EngineLocator.runningEngine(in: strictFolder) == EngineLocator.Discovery.none, "a failed start claims nothing")

        let lenientFolder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-host-\(UUID().uuidString)")
        let lenient = try await EngineHost(engine: try Self.engine(lenientFolder), listen: .init(port: port, fallBackToAnyPort: true),
                                           logger: .init(label: "test")).launch()
        #expect(lenient.url.hasPrefix("http://127.0.0.1:") && !lenient.url.hasSuffix(":\(port)"))
        await lenient.stop()
        await blocker.stop()
        for folder in [strictFolder, lenientFolder] { try? FileManager.default.removeItem(at: folder) }
    }
}

/// The harness's webhook definition, for a fake service started outside an ``EngineHarness``.
struct EngineHarnessDefinitions {
    let fake: FakeWebhookService

    func definition() -> JSONValue {
        [
            "$schema": .string(WorkflowDefinition.schemaURL),
            "triggers": ["Webhook": ["type": "HttpWebhook", "inputs": [
                "subscribe": ["method": "POST", "uri": .string(fake.url("/subscribe")), "body": ["callbackUrl": "@{listCallbackUrl()}"]],
                "unsubscribe": ["method": "POST", "uri": .string(fake.url("/unsubscribe"))],
            ]]],
            "actions": ["Echo": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": [:]]],
        ]
    }
}
