import Foundation
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// A real engine on a temporary data folder, with short back-offs, and a fake webhook service.
final class EngineHarness: Sendable {
    let folder: URL
    let fake: FakeWebhookService
    let engine: Engine

    init(configure: (inout EngineConfiguration) -> Void = { _ in }) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-engine-\(UUID().uuidString)")
        fake = try await FakeWebhookService.start()
        engine = try Engine(configuration: Self.configuration(folder, configure))
    }

    /// Runs `body` against a fresh harness and awaits ``finish()`` afterwards, also when the body
    /// throws: the teardown ends inside the test's scope, never after it returned.
    static func with(configure: (inout EngineConfiguration) -> Void = { _ in }, _ body: (EngineHarness) async throws -> Void) async throws {
        try await withTeardown(try await EngineHarness(configure: configure), body) { await $0.finish() }
    }

    static func configuration(_ folder: URL, _ configure: (inout EngineConfiguration) -> Void = { _ in }) -> EngineConfiguration {
        var configuration = EngineConfiguration(dataFolder: folder)
        configuration.subscribeBackoff = Backoff(initial: 0.05, maximum: 0.2)
        configuration.outboxBackoff = Backoff(initial: 0.05, maximum: 0.2)
        configuration.pollInterval = 0.2
        // Many engines run at once in the test process; 32 readers × 3 files each would take it
        // past ~1,300 open files, where Foundation's Process.run (Swift 6.3.1) can crash reading
        // /proc/self/fd (swift-corelibs-foundation#5472).
        configuration.readerConnections = 4
        configure(&configuration)
        return configuration
    }

    /// A second engine on the same data folder (as after a restart).
    func restartedEngine(configure: (inout EngineConfiguration) -> Void = { _ in }) throws -> Engine {
        try Engine(configuration: Self.configuration(folder, configure))
    }

    /// Runs `body` with a second engine on the same data folder (as after a restart) and awaits
    /// its shutdown afterwards, also when the body throws.
    func withRestartedEngine(configure: (inout EngineConfiguration) -> Void = { _ in }, _ body: (Engine) async throws -> Void) async throws {
        try await withTeardown(try restartedEngine(configure: configure), body) { await $0.shutdown() }
    }

    func finish() async {
        await engine.shutdown()
        await fake.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A webhook trigger subscribing at the fake service, with a Compose action after it.
    func definition(trigger: String = "Webhook", topic: String = "orders", extraSubscribe: JSONObject = [:], unsubscribeBody: JSONValue? = nil) -> JSONValue {
        var subscribe: JSONObject = [
            "method": "POST", "uri": .string(fake.url("/subscribe")),
            "headers": ["X-Topic": .string(topic)],
            "body": ["callbackUrl": "@{listCallbackUrl()}", "topic": .string(topic)],
        ]
        for (key, value) in extraSubscribe.entries { subscribe[key] = value }
        var unsubscribe: JSONObject = ["method": "POST", "uri": .string(fake.url("/unsubscribe"))]
        if let unsubscribeBody { unsubscribe["body"] = unsubscribeBody }
        return [
            "$schema": .string(WorkflowDefinition.schemaURL),
            "triggers": .object([trigger: ["type": "HttpWebhook", "inputs": ["subscribe": .object(subscribe), "unsubscribe": .object(unsubscribe)]]]),
            "actions": ["Echo": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": [:]]],
        ]
    }
}

struct HarnessTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for: \(what)" }
}
