import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Logging
import Synchronization

/// A real engine on a temporary data folder, served on a loopback port, with a fake webhook
/// service for the subscribe and unsubscribe calls: what the workbench host talks to in its tests.
final class HostEngine: Sendable {
    let folder: URL
    let fake: FakeWebhookService
    let engine: Engine
    private let started = Mutex(false)
    private let servers = Mutex<[EngineServer]>([])

    private init(folder: URL, fake: FakeWebhookService, engine: Engine) {
        self.folder = folder
        self.fake = fake
        self.engine = engine
    }

    /// Runs `body` with a fresh engine (not yet served: see ``serve(port:)``) and always stops its
    /// servers, shuts it and the fake service down afterwards, then removes the data folder.
    static func with(_ body: (HostEngine) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-host-\(UUID().uuidString)")
        let fake = try await FakeWebhookService.start()
        var logger = Logger(label: "hookflow.test")
        logger.logLevel = .critical
        let engine: Engine
        let configuration = EngineConfiguration(dataFolder: folder)
        do { engine = try EngineLocator.openEngine(configuration, logger: logger) } catch {
            await fake.stop()
            throw error
        }
        let host = HostEngine(folder: folder, fake: fake, engine: engine)
        var failure: (any Error)?
        do { try await body(host) } catch { failure = error }
        for server in host.servers.withLock({ $0 }) { await server.stop() }
        await engine.shutdown()
        await fake.stop()
        try? FileManager.default.removeItem(at: folder)
        if let failure { throw failure }
    }

    /// Serves the engine's callbacks and management API on 127.0.0.1:`port` (0: any free port);
    /// the first time, starts the engine's background work too.
    func serve(port: Int = 0) async throws -> (server: EngineServer, url: String) {
        var logger = Logger(label: "hookflow.test")
        logger.logLevel = .critical
        let server = EngineServer(engine: engine, host: "127.0.0.1", port: port, logger: logger)
        let url = try await server.start()
        servers.withLock { $0.append(server) }
        let first = started.withLock { started in
            defer { started = true }
            return !started
        }
        if first { await engine.start() }
        return (server, url)
    }

    /// A Request trigger `manual`, an HTTP Webhook action `Approve` subscribing at the fake
    /// service (so a run waits for its callback), and a Compose of the callback's body after it.
    var definition: JSONValue {
        [
            "$schema": .string(WorkflowDefinition.schemaURL),
            "contentVersion": "1.0.0.0",
            "triggers": ["manual": ["type": "Request", "kind": "Http"]],
            "actions": [
                "Approve": [
                    "type": "HttpWebhook",
                    "inputs": [
                        "subscribe": ["method": "POST", "uri": .string(fake.url("/approvals/subscribe")), "body": ["callbackUrl": "@{listCallbackUrl()}"]],
                        "unsubscribe": ["method": "POST", "uri": .string(fake.url("/approvals/unsubscribe")), "body": ["callbackUrl": "@{listCallbackUrl()}"]],
                    ],
                    "runAfter": [:],
                ],
                "Answer": ["type": "Compose", "inputs": "@body('Approve')", "runAfter": ["Approve": ["Succeeded"]]],
            ],
            "outputs": [:],
        ]
    }
}
