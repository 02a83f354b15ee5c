import AsyncHTTPClient
import Foundation
import HookflowModel
import NIOCore

/// Sends the run detail's test callbacks: a JSON body POSTed to a webhook action's callback URL,
/// the way the service would. The answer is its status (`200`, or `409` when the action already
/// completed) and, for a refusal, the engine's reason from its `{"error": {"code", "message"}}` body.
///
/// One client for the host's lifetime; ``shutdown()`` when the host ends.
///
/// ```swift
/// let sender = CallbackSender()
/// let answer = try await sender.post(#"{"approved": true}"#, to: callbackURL)   // status 200
/// await sender.shutdown()
/// ```
final class CallbackSender: Sendable {
    /// How long a callback may take before it counts as failed.
    static let timeout: TimeAmount = .seconds(30)

    private let client: HTTPClient

    init() {
        // A refused connection fails at once: the engine is there or it is not.
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)))
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// POSTs `body` with `Content-Type: application/json` (and `headers`); returns the engine's
    /// answer, or throws why nothing was answered (naming the URL without its signature).
    func post(_ body: String, headers: [(name: String, value: String)] = [], to url: String) async throws(DesignerFailure) -> CallbackAnswer {
        guard let address = URL(string: url), ["http", "https"].contains(address.scheme?.lowercased() ?? ""), address.host != nil else {
            throw DesignerFailure("the callback URL \(Self.redacted(url)) is not an http or https URL")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for header in headers { request.headers.replaceOrAdd(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await client.execute(request, timeout: Self.timeout)
            // Read to the end so the connection can be reused; a refusal says why in it.
            let answer = try? await response.body.collect(upTo: 1 << 20)
            let status = Int(response.status.code)
            guard !(200..<300).contains(status) else { return CallbackAnswer(status: status) }
            return CallbackAnswer(status: status, reason: answer.flatMap { Self.reason(String(buffer: $0)) })
        } catch {
            throw DesignerFailure("POST \(Self.redacted(url)) failed: \(Self.describe(error))")
        }
    }

    /// Sends a test callback as typed in the run detail.
    func post(_ callback: TestCallback) async throws(DesignerFailure) -> CallbackAnswer {
        try await post(callback.body, headers: callback.headers, to: callback.url)
    }

    /// `Code: message` from the engine's error body, else the start of whatever it said.
    static func reason(_ body: String) -> String? {
        if let error = (try? JSONParser.parse(body))?["error"], let code = error["code"]?.stringValue {
            return [code, error["message"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
        }
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : String(text.prefix(200))
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// The URL without its query (the signature) for messages.
    static func redacted(_ url: String) -> String {
        guard let index = url.firstIndex(of: "?") else { return url }
        return String(url[..<index]) + "?…"
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connecting timed out"
            case .deadlineExceeded, .readTimeout: return "no answer within \(timeout.nanoseconds / 1_000_000_000) s"
            case .remoteConnectionClosed: return "the engine closed the connection before answering"
            default: return "\(error)"
            }
        }
        let text = "\(error)"
        if text.localizedCaseInsensitiveContains("connection refused") || text.contains("connectionRefused") {
            return "connection refused; is the engine running?"
        }
        return text
    }
}
