import Foundation

/// The answer to an outbound call, or why there was none.
public struct OutboundResponse: Sendable {
    public var statusCode: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public var isSuccess: Bool { (200..<300).contains(statusCode) }

    /// The start of the body as text, whitespace folded, at most `limit` characters: for messages.
    public func excerpt(limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}

/// Why an outbound call failed after its retries.
public struct OutboundFailure: Error, Sendable, CustomStringConvertible {
    public var error: SubscriptionError
    /// The last answer, when there was one (nil: connection refused, timeout, bad URL, ...).
    public var response: OutboundResponse?
    /// True when the request may have reached the service (a timeout or a cut connection after sending).
    public var mayHaveBeenDelivered: Bool
    /// True when trying again later can help (5xx, 408, 429, connection errors), false for a 4xx
    /// answer or a request that cannot be built (bad URL, unsupported authentication).
    public var isRetriable: Bool
    /// No answer came within the time allowed: the call may still be under way at the service.
    public var timedOut: Bool = false

    public var description: String { error.description }

    /// The same failure with each of `secrets` replaced by the placeholder in its message and excerpt.
    func hiding(_ secrets: [String]) -> OutboundFailure {
        guard !secrets.isEmpty else { return self }
        var hidden = self
        hidden.error = error.hiding(secrets)
        return hidden
    }
}

extension SubscriptionError {
    /// The same error with each of `secrets` (at least 4 characters) replaced by the placeholder.
    func hiding(_ secrets: [String]) -> SubscriptionError {
        func mask(_ text: String) -> String { SecretMasker.hiding(secrets.filter { $0.count >= 4 }, in: text) }
        return SubscriptionError(statusCode: statusCode, message: mask(message), excerpt: excerpt.map(mask))
    }
}
