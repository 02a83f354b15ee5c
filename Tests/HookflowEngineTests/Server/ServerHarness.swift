import AsyncHTTPClient
import Foundation
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Logging
import NIOCore
import NIOHTTP1

/// A real engine on a temporary data folder, served by a real ``EngineServer`` on a free port,
/// with a fake webhook service for the subscribe and unsubscribe calls.
final class ServerHarness: Sendable {
    let folder: URL
    let fake: FakeWebhookService
    let engine: Engine
    let server: EngineServer
    /// What `start()` returned: the engine's listen URL.
    let url: String

    private init(folder: URL, fake: FakeWebhookService, engine: Engine, server: EngineServer, url: String) {
        self.folder = folder
        self.fake = fake
        self.engine = engine
        self.server = server
        self.url = url
    }

    /// Runs `body` against a fresh harness and always stops the server, engine and fake
    /// service afterwards (also when the body throws), then removes the data folder.
    static func with(
        host: String = "127.0.0.1", token: String? = nil, configure: (inout EngineConfiguration) -> Void = { _ in },
        _ body: (ServerHarness) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-server-\(UUID().uuidString)")
        let fake = try await FakeWebhookService.start()
        var configuration = EngineConfiguration(dataFolder: folder)
        configuration.subscribeBackoff = Backoff(initial: 0.05, maximum: 0.2)
        configuration.outboxBackoff = Backoff(initial: 0.05, maximum: 0.2)
        configuration.pollInterval = 0.2
        // Many engines run at once in the test process; 32 readers × 3 files each would take it
        // past ~1,300 open files, where Foundation's Process.run (Swift 6.3.1) can crash reading
        // /proc/self/fd (swift-corelibs-foundation#5472).
        configuration.readerConnections = 4
        configure(&configuration)
        // Quiet: the tests assert what matters; warnings and errors still show.
        var logger = Logger(label: "hookflow.test")
        logger.logLevel = .warning
        let engine: Engine
        do { engine = try Engine(configuration: configuration, logger: logger) } catch {
            await fake.stop()
            throw error
        }
        let server = EngineServer(engine: engine, host: host, port: 0, managementToken: token, logger: logger)
        let url: String
        do { url = try await server.start() } catch {
            await engine.shutdown()
            await fake.stop()
            throw error
        }
        // As `hookflow serve` does: listen first, so subscriptions carry the listen URL.
        await engine.start()
        let harness = ServerHarness(folder: folder, fake: fake, engine: engine, server: server, url: url)
        var failure: (any Error)?
        do { try await body(harness) } catch { failure = error }
        await server.stop()
        await engine.shutdown()
        await fake.stop()
        try? FileManager.default.removeItem(at: folder)
        if let failure { throw failure }
    }

    /// An HttpWebhook trigger subscribing at the fake service, and a Compose action after it.
    func definition(trigger: String = "Webhook", compose: JSONValue = "@triggerBody()") -> JSONValue {
        [
            "$schema": .string(WorkflowDefinition.schemaURL),
            "contentVersion": "1.0.0.0",
            "triggers": .object([
                trigger: [
                    "type": "HttpWebhook",
                    "inputs": [
                        "subscribe": ["method": "POST", "uri": .string(fake.url("/subscribe")), "body": ["callbackUrl": "@{listCallbackUrl()}"]],
                        "unsubscribe": ["method": "POST", "uri": .string(fake.url("/unsubscribe"))],
                    ],
                ],
            ]),
            "actions": ["Echo": ["type": "Compose", "inputs": compose, "runAfter": [:]]],
        ]
    }

    /// Fires the trigger the way its service would (over HTTP, at the signed URL); returns the run id.
    func fire(_ callbackURL: String, body: String = #"{"id": 42}"#, extraQuery: String = "", headers: [(String, String)] = []) async throws -> String {
        let answer = try await send(.POST, callbackURL + extraQuery, body: body, headers: headers)
        guard answer.status == 202, let id = answer.header("x-ms-workflow-run-id") else {
            throw HarnessTimeout(what: "a 202 from the callback URL; got \(answer.status) \(answer.body)")
        }
        return id
    }

    /// The trigger, then an HttpWebhook action "Approve" that waits for its own callback, then "Echo".
    func definitionWithWebhookAction() -> JSONValue {
        var definition = definition(compose: "@body('Approve')")
        definition["actions"] = [
            "Approve": [
                "type": "HttpWebhook",
                "inputs": [
                    "subscribe": ["method": "POST", "uri": .string(fake.url("/approvals/subscribe")), "body": ["callbackUrl": "@{listCallbackUrl()}"]],
                    "unsubscribe": ["method": "POST", "uri": .string(fake.url("/approvals/unsubscribe"))],
                ],
                "runAfter": [:],
            ],
            "Echo": ["type": "Compose", "inputs": "@body('Approve')", "runAfter": ["Approve": ["Succeeded"]]],
        ]
        return definition
    }

    /// Waits until the webhook action of the `count`th run has subscribed; returns its callback URL.
    func actionCallbackURL(count: Int = 1) async throws -> String {
        let calls = try await fake.waitForRequests(to: "/approvals/subscribe", count: count)
        guard let url = calls[count - 1].json?["callbackUrl"]?.stringValue else {
            throw HarnessTimeout(what: "a callbackUrl in the action's subscribe body")
        }
        return url
    }

    /// Waits until the run has the status; on time-out the error tells where each action stands.
    @discardableResult
    func waitForRun(_ workflow: String, _ id: String, _ status: RunStatus, timeout: TimeInterval = 30) async throws -> RunDetail {
        do {
            try await eventually(timeout: timeout, "run \(id) becomes \(status.rawValue)") {
                try await engine.run(workflow: workflow, id: id).summary.status == status
            }
        } catch {
            let detail = try? await engine.run(workflow: workflow, id: id)
            let actions = detail?.actions.map { "\($0.name)=\($0.status) \($0.error.map(JSONWriter.compact.string(from:)) ?? "")" } ?? []
            throw HarnessTimeout(what: "run \(id) becomes \(status.rawValue); it is \(detail?.summary.status.rawValue ?? "?"); actions: \(actions)")
        }
        return try await engine.run(workflow: workflow, id: id)
    }

    /// Every run of an app in the store, newest first.
    func storedRuns(_ workflow: String) async throws -> [StoredRun] {
        try await engine.store.runs(workflow: workflow, status: nil, limit: 10_000, before: nil)
    }

    func storedWorkflowNames() async throws -> [String] { try await engine.store.workflows().map(\.name) }

    /// One raw HTTP request, as a service or `curl` would make it.
    func send(_ method: HTTPMethod = .POST, _ url: String, body: String? = nil, contentType: String? = "application/json",
              headers: [(String, String)] = []) async throws -> RawAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 10_000_000)
        return RawAnswer(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }

    /// POSTs a body in chunks, without a Content-Length; returns the status.
    func sendStreamed(_ url: String, chunks: [String]) async throws -> Int {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        for chunk in chunks { continuation.yield(ByteBuffer(string: chunk)) }
        continuation.finish()
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .stream(stream, length: .unknown)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 10_000_000)
        return Int(response.status.code)
    }

    /// A management call by path (`/management/...`), saying JSON on state-changing calls as a
    /// client of the API does (`contentType: nil` leaves the header out).
    func management(_ method: HTTPMethod = .GET, _ path: String, body: String? = nil, headers: [(String, String)] = [],
                    contentType: String? = "application/json") async throws -> RawAnswer {
        var headers = headers
        if body == nil, method != .GET, let contentType { headers.append(("Content-Type", contentType)) }
        return try await send(method, url + path, body: body, contentType: contentType, headers: headers)
    }
}

/// An HTTP answer as received.
struct RawAnswer: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: String

    var json: JSONValue? { try? JSONParser.parse(body) }
    func header(_ name: String) -> String? { headers.first(name: name) }
    var errorCode: String? { json?["error"]?["code"]?.stringValue }
}

extension String {
    /// The URL with one query parameter removed or replaced.
    func replacingQuery(_ name: String, with value: String?) -> String {
        guard var components = URLComponents(string: self) else { return self }
        var items = (components.percentEncodedQueryItems ?? []).filter { $0.name != name }
        if let value { items.append(URLQueryItem(name: name, value: value)) }
        components.percentEncodedQueryItems = items
        return components.string ?? self
    }

    /// The value of a query parameter, as written in the URL.
    func queryValue(_ name: String) -> String? {
        URLComponents(string: self)?.percentEncodedQueryItems?.first { $0.name == name }?.value
    }
}
