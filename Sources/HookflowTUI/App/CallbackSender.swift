import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends the run detail's test callbacks: a JSON body POSTed to a webhook action's callback URL,
/// the way the service would. Only the status matters (`200`, or `409` when the action already
/// completed); the answer's body is read and dropped.
///
/// One client for the host's lifetime; ``shutdown()`` when the host ends.
///
/// ```swift
/// let sender = CallbackSender()
/// let status = try await sender.post(#"{"approved": true}"#, to: callbackURL)   // 200
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

    /// POSTs `body` with `Content-Type: application/json`; returns the HTTP status, or throws
    /// why nothing was answered (naming the URL without its signature).
    func post(_ body: String, to url: String) async throws(DesignerFailure) -> Int {
        guard let address = URL(string: url), ["http", "https"].contains(address.scheme?.lowercased() ?? ""), address.host != nil else {
            throw DesignerFailure("the callback URL \(Self.redacted(url)) is not an http or https URL")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await client.execute(request, timeout: Self.timeout)
            // Read to the end so the connection can be reused; what the engine says is in the run.
            _ = try? await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            throw DesignerFailure("POST \(Self.redacted(url)) failed: \(Self.describe(error))")
        }
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
