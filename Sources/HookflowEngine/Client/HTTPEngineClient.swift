import AsyncHTTPClient
import Foundation
import HookflowModel
import NIOCore
import NIOHTTP1

/// A `hookflow serve` reached over its management API, behind the ``EngineClient`` protocol.
///
/// Answers are read with the JSON forms of `APIJSON.swift`; error answers come back as the
/// same ``EngineError`` the engine threw, and an engine that cannot be reached is
/// ``EngineError/unavailable(message:)`` naming the URL.
public struct HTTPEngineClient: EngineClient {
    /// The engine's address, without a trailing slash (`http://127.0.0.1:7071`).
    public let baseURL: String
    private let token: String?
    private let timeout: TimeInterval

    /// - Parameters:
    ///   - token: the management token, needed when the engine listens beyond loopback.
    ///   - timeout: how long one call may take; a save waits on the services' subscribe calls.
    public init(baseURL: String, token: String? = nil, timeout: TimeInterval = 600) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.timeout = timeout
    }

    public var endpointDescription: String { baseURL }

    public func listWorkflows() async throws(EngineError) -> [WorkflowSummary] {
        let answer = try await send(.GET, ["workflows"])
        guard let values = answer["value"]?.arrayValue else { throw unreadable("a list of apps", answer) }
        var summaries: [WorkflowSummary] = []
        for value in values {
            guard let summary = WorkflowSummary(json: value) else { throw unreadable("an app summary", value) }
            summaries.append(summary)
        }
        return summaries
    }

    public func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?, kind: String?, baseVersion: Int?) async throws(EngineError)
        -> WorkflowSummary
    {
        try await saveWorkflow(name: name, definition: definition, state: state, kind: kind, baseVersion: baseVersion, properties: nil)
    }

    public func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?, kind: String?, baseVersion: Int?,
                             properties: JSONObject?) async throws(EngineError) -> WorkflowSummary {
        var body: JSONObject = ["definition": definition]
        if let properties { body["properties"] = .object(properties) }
        if let state { body["state"] = .string(state.rawValue) }
        if let kind { body["kind"] = .string(kind) }
        if let baseVersion { body["baseVersion"] = .int(baseVersion) }
        return try await summary(.PUT, ["workflows", name], body: .object(body))
    }

    public func workflow(named name: String) async throws(EngineError) -> WorkflowDetail {
        let answer = try await send(.GET, ["workflows", name])
        guard let detail = WorkflowDetail(json: answer) else { throw unreadable("an app with its definition", answer) }
        return detail
    }

    public func deleteWorkflow(named name: String) async throws(EngineError) -> WorkflowSummary {
        try await summary(.DELETE, ["workflows", name])
    }

    public func setState(_ state: WorkflowState, ofWorkflow name: String) async throws(EngineError) -> WorkflowSummary {
        try await summary(.POST, ["workflows", name, state == .enabled ? "enable" : "disable"])
    }

    public func callbackURL(workflow: String, trigger: String) async throws(EngineError) -> String {
        let answer = try await send(.POST, ["workflows", workflow, "triggers", trigger, "listCallbackUrl"])
        guard let url = answer["value"]?.stringValue else { throw unreadable("a callback URL", answer) }
        return url
    }

    public func regenerateAccessKey(workflow: String) async throws(EngineError) -> WorkflowSummary {
        try await summary(.POST, ["workflows", workflow, "regenerateAccessKey"])
    }

    public func runs(workflow: String, status: RunStatus?, top: Int?, skipToken: String?) async throws(EngineError) -> RunPage {
        var query: [(String, String)] = []
        if let status { query.append(("status", status.rawValue)) }
        if let top { query.append(("top", String(top))) }
        if let skipToken { query.append(("skipToken", skipToken)) }
        let answer = try await send(.GET, ["workflows", workflow, "runs"], query: query)
        guard let page = RunPage(json: answer) else { throw unreadable("a page of runs", answer) }
        return page
    }

    public func run(workflow: String, id: String) async throws(EngineError) -> RunDetail {
        let answer = try await send(.GET, ["workflows", workflow, "runs", id])
        guard let detail = RunDetail(json: answer) else { throw unreadable("a run", answer) }
        return detail
    }

    // MARK: Plumbing

    public func cancelRun(workflow: String, id: String) async throws(EngineError) -> RunDetail {
        try await runDetail(.POST, ["workflows", workflow, "runs", id, "cancel"])
    }

    public func resubmitRun(workflow: String, id: String) async throws(EngineError) -> RunDetail {
        try await runDetail(.POST, ["workflows", workflow, "runs", id, "resubmit"])
    }

    public func subscriptions(status: SubscriptionStatus?) async throws(EngineError) -> [SubscriptionSummary] {
        let answer = try await send(.GET, ["subscriptions"], query: status.map { [("status", $0.rawValue)] } ?? [])
        guard let values = answer["value"]?.arrayValue else { throw unreadable("a list of subscriptions", answer) }
        return values.compactMap(SubscriptionSummary.init(json:))
    }

    public func dropSubscription(id: String) async throws(EngineError) -> SubscriptionSummary {
        let answer = try await send(.DELETE, ["subscriptions", id])
        guard let summary = SubscriptionSummary(json: answer) else { throw unreadable("a subscription", answer) }
        return summary
    }

    /// Opens `GET /management/events` and turns its server-sent events into a stream; the stream
    /// ends when the connection does (the caller shows that and reconnects).
    public func events() async throws(EngineError) -> AsyncStream<EngineEvent> {
        var request = HTTPClientRequest(url: baseURL + "/management/events")
        request.headers.add(name: "Accept", value: "text/event-stream")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response: HTTPClientResponse
        do {
            // No deadline: the stream stays open as long as the engine runs.
            response = try await engineHTTPClient.execute(request, timeout: .hours(24 * 365))
        } catch {
            throw .unavailable(message: failureMessage(error))
        }
        guard response.status == .ok else {
            let bytes = try? await response.body.collect(upTo: 1 << 20)
            throw EngineError(status: Int(response.status.code), json: bytes.flatMap { try? JSONParser.parse($0.readableBytesView, maximumDepth: JSONValue.envelopeReadingDepth) })
        }
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        let reader = Task {
            var parser = ServerSentEventParser()
            do {
                for try await chunk in response.body {
                    for data in parser.feed(String(decoding: chunk.readableBytesView, as: UTF8.self)) {
                        if let json = try? JSONParser.parse(data, maximumDepth: JSONValue.envelopeReadingDepth), let event = EngineEvent(json: json) { continuation.yield(event) }
                    }
                }
            } catch {
                // The connection dropped: ending the stream is how the caller learns it.
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in reader.cancel() }
        return stream
    }

    private func runDetail(_ method: HTTPMethod, _ path: [String]) async throws(EngineError) -> RunDetail {
        let answer = try await send(method, path)
        guard let detail = RunDetail(json: answer) else { throw unreadable("a run", answer) }
        return detail
    }

    private func summary(_ method: HTTPMethod, _ path: [String], body: JSONValue? = nil) async throws(EngineError) -> WorkflowSummary {
        let answer = try await send(method, path, body: body)
        guard let summary = WorkflowSummary(json: answer) else { throw unreadable("an app summary", answer) }
        return summary
    }

    /// Largest answer read; a run's trigger outputs can carry a callback body of up to the engine's limit.
    private static let answerLimit = 512 * 1024 * 1024

    /// One call to `/management/{path}` (each segment percent-encoded); the answer's JSON on 2xx.
    private func send(_ method: HTTPMethod, _ path: [String], query: [(String, String)] = [], body: JSONValue? = nil) async throws(EngineError) -> JSONValue {
        guard let address = URL(string: baseURL), ["http", "https"].contains(address.scheme?.lowercased() ?? ""), address.host != nil else {
            throw .unavailable(message: "the engine address \(baseURL) is not a URL like http://127.0.0.1:7071; check --engine")
        }
        var url = baseURL + "/management/" + path.map(CallbackSigner.encode).joined(separator: "/")
        if !query.isEmpty {
            url += "?" + query.map { "\(CallbackSigner.encodeQuery($0.0))=\(CallbackSigner.encodeQuery($0.1))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        // Every state-changing call says JSON, body or not: the engine refuses any other (a web form's).
        if method != .GET { request.headers.add(name: "Content-Type", value: "application/json") }
        if let body { request.body = .bytes(ByteBuffer(string: JSONWriter.compact.string(from: body))) }

        let response: HTTPClientResponse
        do {
            response = try await engineHTTPClient.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
        } catch where Self.isStaleConnection(error, method: method) {
            // A pooled connection the engine closed (it restarted, or dropped an idle one): once more, on a new connection.
            do { response = try await engineHTTPClient.execute(request, timeout: .milliseconds(Int64(timeout * 1000))) } catch {
                throw .unavailable(message: failureMessage(error))
            }
        } catch {
            throw .unavailable(message: failureMessage(error))
        }
        let status = Int(response.status.code)
        let bytes: ByteBuffer
        do { bytes = try await response.body.collect(upTo: Self.answerLimit) } catch {
            throw .unavailable(message: "the engine at \(baseURL) stopped answering \(method.rawValue) \(url) halfway: \(error)")
        }

        // The engine's answers wrap values that may reach the JSON depth limit themselves.
        let json = try? JSONParser.parse(bytes.readableBytesView, maximumDepth: JSONValue.envelopeReadingDepth)
        guard (200..<300).contains(status) else {
            // Something other than an engine (or a proxy) may answer on that port: say so rather than inventing an engine error.
            let error = json?["error"]?.objectValue != nil ? json : [
                "error": ["code": .string("HTTP\(status)"), "message": .string("\(baseURL) answered HTTP \(status) to \(method.rawValue) \(url), not an engine error; is it a Hookflow engine?")],
            ]
            throw EngineError(status: status, json: error)
        }
        guard let json else {
            throw .unavailable(message: "\(baseURL) answered \(method.rawValue) \(url) with something that is not JSON; is it a Hookflow engine?")
        }
        return json
    }

    /// Whether the call failed on a connection that was already closed before it was sent (safe
    /// to send again), or a read-only call lost its connection (also safe: it changes nothing).
    private static func isStaleConnection(_ error: any Error, method: HTTPMethod) -> Bool {
        if let error = error as? ChannelError, error == .ioOnClosedChannel { return true }
        if let error = error as? HTTPClientError, error == .remoteConnectionClosed { return method == .GET }
        return false
    }

    private func unreadable(_ what: String, _ answer: JSONValue) -> EngineError {
        .unavailable(message: "the engine at \(baseURL) answered something that is not \(what): \(JSONWriter.compact.string(from: answer).prefix(200))")
    }

    /// "cannot reach the engine at http://…: connection refused; is `hookflow serve` running?"
    private func failureMessage(_ error: any Error) -> String {
        let reason: String
        if let error = error as? HTTPClientError, error == .deadlineExceeded {
            return "the engine at \(baseURL) did not answer within \(Int(timeout)) s"
        } else if let error = error as? HTTPClientError, error == .remoteConnectionClosed {
            reason = "the connection was closed before an answer came"
        } else if let error = error as? HTTPClientError, error == .connectTimeout {
            reason = "connecting timed out"
        } else {
            let text = String(describing: error)
            reason = text.localizedCaseInsensitiveContains("connection refused") ? "connection refused" : text
        }
        return "cannot reach the engine at \(baseURL): \(reason); is `hookflow serve` running?"
    }
}

/// One client for every ``HTTPEngineClient``: a refused connection fails at once (the engine is
/// there or it is not; the shared client would keep retrying until the deadline), no redirects,
/// and no read timeout (a save waits as long as the services' subscribe calls take).
private let engineHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)))
    configuration.connectionPool.retryConnectionEstablishment = false
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()
