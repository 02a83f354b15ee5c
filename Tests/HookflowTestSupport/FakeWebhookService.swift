import Foundation
import HookflowModel
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A real HTTP server on 127.0.0.1 (port chosen by the system) standing in for a webhook
/// service: it records every request and answers with programmed statuses. It also serves an
/// OAuth token endpoint (`POST /{tenant}/oauth2/token`) for ActiveDirectoryOAuth tests.
public final class FakeWebhookService: Sendable {
    /// One request as received.
    public struct Recorded: Sendable {
        public let method: String
        public let path: String
        public let query: [String: String]
        public let headers: [(name: String, value: String)]
        public let body: Data
        /// When the request was complete (a crash test compares it with the moments it killed the engine).
        public let receivedAt: Date

        public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        public var text: String { String(decoding: body, as: UTF8.self) }
        public var json: JSONValue? { try? JSONParser.parse(body) }
    }

    private struct State {
        var requests: [Recorded] = []
        /// Programmed answers per path: each request takes the first; the last one repeats.
        var answers: [String: [(status: Int, body: String)]] = [:]
        var tokensIssued = 0
        /// Paths whose requests get no answer until released (a service that hangs).
        var held: Set<String> = []
    }

    private let state = Mutex(State())
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)
    private let group: Mutex<ServiceGroup?> = Mutex(nil)
    public let port: Int

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public func url(_ path: String) -> String { baseURL + path }

    private init(port: Int) { self.port = port }

    /// Starts the service and returns once it accepts connections.
    public static func start() async throws -> FakeWebhookService {
        let box = ServiceBox()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let router = Router()
        router.on("**", method: .get) { request, context in try await handle(request, context, box) }
        router.on("**", method: .post) { request, context in try await handle(request, context, box) }
        router.on("**", method: .put) { request, context in try await handle(request, context, box) }
        router.on("**", method: .patch) { request, context in try await handle(request, context, box) }
        router.on("**", method: .delete) { request, context in try await handle(request, context, box) }
        var logger = Logger(label: "fake-webhook-service")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-webhook-service"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw FakeServiceError.didNotStart
        }
        let service = FakeWebhookService(port: port)
        service.task.withLock { $0 = task }
        service.group.withLock { $0 = group }
        box.service.withLock { $0 = service }
        return service
    }

    /// Runs `body` with a started service and awaits ``stop()`` afterwards, also when the body
    /// throws: the service is gone before the test returns.
    public static func with(_ body: (FakeWebhookService) async throws -> Void) async throws {
        try await withTeardown(try await start(), body) { await $0.stop() }
    }

    public func stop() async {
        let running = task.withLock { task -> Task<Void, any Error>? in
            defer { task = nil }
            return task
        }
        // A graceful shutdown lets in-flight requests finish (and logs no cancellation errors).
        state.withLock { $0.held.removeAll() }
        await group.withLock { $0 }?.triggerGracefulShutdown()
        _ = try? await running?.value
    }

    /// Programs the answers for a path (without query): e.g. `[503, 200]` answers 503 once, then 200.
    public func respond(to path: String, with statuses: [Int], body: String = "") {
        state.withLock { $0.answers[path] = statuses.map { ($0, body) } }
    }

    /// Requests to `path` (recorded on arrival) get no answer until ``release(_:)``: a service
    /// that never answers, as far as a caller with a timeout can tell.
    public func hold(_ path: String) {
        _ = state.withLock { $0.held.insert(path) }
    }

    /// Lets held requests to `path` (and later ones) be answered.
    public func release(_ path: String) {
        _ = state.withLock { $0.held.remove(path) }
    }

    /// Every request so far, in arrival order.
    public var requests: [Recorded] { state.withLock { $0.requests } }

    public func requests(to path: String) -> [Recorded] { requests.filter { $0.path == path } }

    /// Waits (with a deadline, never a bare sleep) until `count` requests to `path` have arrived.
    @discardableResult
    public func waitForRequests(to path: String, count: Int = 1, timeout: TimeInterval = 30) async throws -> [Recorded] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let matching = requests(to: path)
            if matching.count >= count { return matching }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        throw FakeServiceError.timedOut(path: path, expected: count, got: requests(to: path).count, all: requests.map { "\($0.method) \($0.path)" })
    }

    private static func handle(_ request: Request, _ context: some RequestContext, _ box: ServiceBox) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 10_000_000)
        let path = request.uri.path
        var query: [String: String] = [:]
        for item in request.uri.queryParameters { query[String(item.key)] = String(item.value) }
        let recorded = Recorded(
            method: request.method.rawValue, path: path, query: query,
            headers: request.headers.map { ($0.name.rawName, $0.value) }, body: Data(buffer: body), receivedAt: Date())
        guard let service = box.service.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
        service.state.withLock { $0.requests.append(recorded) }
        // A held path answers once released (or when the caller gives up and the connection goes).
        while service.state.withLock({ $0.held.contains(path) }), !Task.isCancelled {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let answer = service.state.withLock { state -> (Int, String) in
            if path.hasSuffix("/oauth2/token") {
                state.tokensIssued += 1
                return (200, #"{"access_token": "token-\#(state.tokensIssued)", "token_type": "Bearer", "expires_in": 3600}"#)
            }
            guard var queue = state.answers[path], let first = queue.first else { return (200, "") }
            if queue.count > 1 {
                queue.removeFirst()
                state.answers[path] = queue
            }
            return (first.status, first.body)
        }
        return Response(status: .init(code: answer.0), body: .init(byteBuffer: ByteBuffer(string: answer.1)))
    }
}

/// Lets the routes, built before the service exists, reach it once it does.
private final class ServiceBox: Sendable {
    let service = Mutex<FakeWebhookService?>(nil)
}

public enum FakeServiceError: Error, CustomStringConvertible {
    case didNotStart
    case timedOut(path: String, expected: Int, got: Int, all: [String])

    public var description: String {
        switch self {
        case .didNotStart: "the fake webhook service did not start"
        case .timedOut(let path, let expected, let got, let all):
            "waited for \(expected) request(s) to \(path) but got \(got); all requests: \(all)"
        }
    }
}
